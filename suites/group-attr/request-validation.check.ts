// Malformed attribute requests: an empty GroupAttr list, items without string key/value.
import { defineCheck, expectWriteRefused, operationCase } from '../../test-utils/check/index.ts';

const cases = [
  { operation: 'modify_group_attr', check: 'empty-attr-list', GroupAttr: [] },
  { operation: 'modify_group_attr', check: 'item-not-key-value-strings', GroupAttr: [{ key: 'k', value: 7 }] },
  { operation: 'set_group_attr', check: 'empty-attr-list', GroupAttr: [] },
  { operation: 'set_group_attr', check: 'item-not-key-value-strings', GroupAttr: [{ value: 'v' }] },
  { operation: 'delete_group_attr', check: 'empty-attr-list', GroupAttr: [] },
  { operation: 'delete_group_attr', check: 'item-not-key-string', GroupAttr: [{ key: 7 }] },
] as const;

for (const { operation, check, GroupAttr } of cases) {
  const c = operationCase(operation, check);
  defineCheck({ operation, check, groupType: 'Public', evidence: c, title: c.description }, async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'k', value: 'kept' }] }),
      'seed an attribute',
    );
    const send = () => ctx.call(operation, { GroupId: group.groupId, GroupAttr });
    await expectWriteRefused(ctx, group.groupId, 'attrs', send, c, c.description);
  });
}
