// Every attribute and counter operation on a fresh group of each of the five types: the types the
// operation's x-tim-group-types supports succeed; the others (Community on clear_group_attr and
// on the counter operations) answer the documented rejection (10007).
import { checkEachGroupType, expectWriteRefused, getOperation, GROUP_TYPES } from '../../test-utils/check/index.ts';
import { validRequests } from '../generated/requests.ts';

const OPERATIONS = [
  'get_group_attr',
  'modify_group_attr',
  'set_group_attr',
  'clear_group_attr',
  'delete_group_attr',
  'get_group_counter',
  'update_group_counter',
  'delete_group_counter',
];

for (const operationId of OPERATIONS) {
  const operation = getOperation(operationId);
  const support = operation['x-tim-group-types'];
  checkEachGroupType(
    {
      operation: operationId,
      check: 'group-type',
      groupTypes: GROUP_TYPES,
      evidence: (type) => support[type].rejectedWith ?? support[type],
      title: 'a fresh group of this type is supported or rejected as documented',
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      // A minimal valid request, with whatever the group needs first (a key to delete).
      const body = await validRequests[operationId]!(ctx, group);
      const rule = support[ctx.groupType];
      if (rule.supported) {
        ctx.expectOk(await ctx.call(operationId, body), `${operationId} supports ${ctx.groupType} groups`);
        return;
      }
      const send = () => ctx.call(operationId, body);
      const what = `${operationId} does not support ${ctx.groupType} groups`;
      // Counters of a type without counters cannot be read back.
      if (operation.family !== 'group-attr') return void ctx.expectErrorCode(await send(), rule.rejectedWith!, what);
      // A refused attribute operation changes nothing: the group's attributes (which this type
      // supports) read back as before.
      ctx.expectOk(
        await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'kept', value: 'v' }] }),
        'seed an attribute',
      );
      await expectWriteRefused(ctx, group.groupId, 'attrs', send, rule.rejectedWith!, what);
    },
  );
}
