// Driven by test/reliability/hostile-targets.test.ts: ordinary checks (a fixture group, a read)
// whose target turns hostile after the preflight. Two files, so two workers share the run.
import { defineCheck } from '../../../test-utils/check/index.ts';

const docUrl = 'https://tencentcloud.com/document/product/1047/44187';

for (let i = 1; i <= 6; i++) {
  defineCheck(
    { operation: 'get_group_attr', check: 'hostile-b-' + i, groupType: 'Public', status: 'documented', docUrl },
    async (ctx) => {
      const { groupId } = await ctx.createGroup();
      ctx.expectOk(await ctx.call('get_group_attr', { GroupId: groupId }));
      ctx.expectOk(await ctx.call('get_group_attr', { GroupId: groupId }));
    },
  );
}
