// Every read shows the writes before it, even when the same group was read just before the write
// (a server answering reads from a cache that some writes do not invalidate fails here).
import { defineCheck, expectStateEquals, profileCase, readGroupState } from '../../test-utils/check/index.ts';

const freed = profileCase('attrs.removed-keys-freed');

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'read-after-write-shows-it',
    groupType: 'Public',
    evidence: freed,
    title: 'a read after a clear, set or delete shows it, after an earlier read',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const step = async (
      operationId: string,
      body: Record<string, unknown>,
      wanted: Array<[string, string]>,
      what: string,
    ) => {
      await readGroupState(ctx, group.groupId, 'attrs');
      ctx.expectOk(await ctx.call(operationId, { GroupId: group.groupId, ...body }), what);
      expectStateEquals(
        ctx,
        await readGroupState(ctx, group.groupId, 'attrs'),
        wanted,
        `a read after ${what} (and a read before it) shows it`,
      );
    };
    await step('modify_group_attr', { GroupAttr: [{ key: 'a', value: '1' }] }, [['a', '1']], 'modify_group_attr');
    await step('clear_group_attr', {}, [], 'clear_group_attr');
    await step(
      'set_group_attr',
      {
        GroupAttr: [
          { key: 'b', value: '2' },
          { key: 'c', value: '3' },
        ],
      },
      [
        ['b', '2'],
        ['c', '3'],
      ],
      'set_group_attr',
    );
    await step('delete_group_attr', { GroupAttr: [{ key: 'b' }] }, [['c', '3']], 'delete_group_attr');
  },
);
