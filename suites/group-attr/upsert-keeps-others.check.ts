// modify_group_attr/upsert-keeps-others: The listed keys are added or updated; keys not listed are kept.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { readAttrs, seedAttrs } from './write-semantics.ts';

const upsert = operationCase('modify_group_attr', 'upsert-keeps-others');

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'upsert-keeps-others',
    groupType: 'Public',
    evidence: upsert,
    title: upsert.description,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    await seedAttrs(ctx, group, { a: '1', b: '2' });
    ctx.expectOk(
      await ctx.call('modify_group_attr', {
        GroupId: group.groupId,
        GroupAttr: [
          { key: 'b', value: '3' },
          { key: 'c', value: '4' },
        ],
      }),
    );
    const { read, attrs } = await readAttrs(ctx, group);
    ctx.expectEqual(read, attrs, { a: '1', b: '3', c: '4' }, 'modify adds c, updates b and keeps a');
  },
);
