// Counter operations on a group that was destroyed answer "unknown group": reading or writing
// its counters after destroy_group neither succeeds nor brings the group back.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const unknownGroup = profileCase('groups.unknown-group');

const requests = {
  get_group_counter: (groupId: string) => ({ GroupId: groupId }),
  update_group_counter: (groupId: string) => ({
    GroupId: groupId,
    Mode: 'Increase',
    GroupCounter: [{ Key: 'n', Value: 1 }],
  }),
} as const;

for (const [operation, body] of Object.entries(requests)) {
  defineCheck(
    {
      operation,
      check: 'destroyed-group',
      groupType: 'Public',
      evidence: unknownGroup,
      title: 'a group that was destroyed',
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      ctx.expectOk(
        await ctx.call('update_group_counter', {
          GroupId: group.groupId,
          Mode: 'Set',
          GroupCounter: [{ Key: 'n', Value: 5 }],
        }),
        'seed a counter',
      );
      await ctx.destroyGroup(group);
      ctx.expectErrorCode(
        await ctx.call(operation, body(group.groupId), { allowForeignGroup: true, retry: false }),
        unknownGroup,
        `${operation} after destroy_group`,
      );
    },
  );
}
