// What each hostile-suites file registers: ordinary checks (a fixture group, a read) whose target
// turns hostile after the preflight. Named by file so that two files, two workers, share the run.
import { defineCheck } from '../../../test-utils/check/index.ts';

const docUrl = 'https://tencentcloud.com/document/product/1047/44187';

/** Six checks `hostile-<file>-1` … `hostile-<file>-6`. */
export function defineHostileCalls(file: string): void {
  for (let i = 1; i <= 6; i++) {
    defineCheck(
      { operation: 'get_group_attr', check: `hostile-${file}-${i}`, groupType: 'Public', status: 'documented', docUrl },
      async (ctx) => {
        const { groupId } = await ctx.createGroup();
        ctx.expectOk(await ctx.call('get_group_attr', { GroupId: groupId }));
        ctx.expectOk(await ctx.call('get_group_attr', { GroupId: groupId }));
      },
    );
  }
}
