// set_group_attr/replaces-whole-set: After the call the group holds exactly the listed keys.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { readAttrs, seedAttrs } from './write-semantics.ts';

const replace = operationCase('set_group_attr', 'replaces-whole-set');

defineCheck(
  {
    operation: 'set_group_attr',
    check: 'replaces-whole-set',
    groupType: 'Public',
    evidence: replace,
    title: replace.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await seedAttrs(ctx, group, { a: '1', b: '2' });
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'c', value: '3' }] }));
    const { read, attrs } = await readAttrs(ctx, group);
    ctx.expectEqual(read, attrs, { c: '3' }, 'set leaves exactly the keys it lists');
  },
);
