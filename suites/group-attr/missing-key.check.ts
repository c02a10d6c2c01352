// delete_group_attr/missing-key: Deleting a key that does not exist.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';

const missingKey = operationCase('delete_group_attr', 'missing-key');

defineCheck(
  {
    operation: 'delete_group_attr',
    check: 'missing-key',
    groupType: 'Public',
    evidence: missingKey,
    title: missingKey.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectErrorCode(
      await ctx.call('delete_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'never_set' }] }),
      missingKey,
    );
  },
);
