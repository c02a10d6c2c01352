// modify_group_attr/total-bytes-at-limit
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { attrsTotalling } from './attr-total-bytes.ts';

const total = getLimit('attr.values.totalMaxBytes');

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'total-bytes-at-limit',
    groupType: 'Public',
    evidence: total,
    title: `values totalling ${total.max} bytes are accepted`,
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: attrsTotalling(total.max) }),
      `values totalling ${total.max} bytes`,
    );
  },
);
