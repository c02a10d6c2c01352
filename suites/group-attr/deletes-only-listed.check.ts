// delete_group_attr/deletes-only-listed: Only the listed keys are removed; the others are kept.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { readAttrs, seedAttrs } from './write-semantics.ts';

const onlyListed = operationCase('delete_group_attr', 'deletes-only-listed');

defineCheck(
  {
    operation: 'delete_group_attr',
    check: 'deletes-only-listed',
    groupType: 'Public',
    evidence: onlyListed,
    title: onlyListed.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await seedAttrs(ctx, group, { a: '1', b: '2' });
    ctx.expectOk(await ctx.call('delete_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'a' }] }));
    const { read, attrs } = await readAttrs(ctx, group);
    ctx.expectEqual(read, attrs, { b: '2' }, 'delete removes a and keeps b');
  },
);
