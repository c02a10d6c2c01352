// modify_group_attr/total-bytes-after-write: one more byte on a full group is refused
import { defineCheck, expectWriteRefused, getLimit } from '../../test-utils/check/index.ts';
import { attrsTotalling } from './attr-total-bytes.ts';

const total = getLimit('attr.values.totalMaxBytes');

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'total-bytes-after-write',
    groupType: 'Public',
    evidence: 'limit:attr.values.totalMaxBytes#exceeded',
    title: 'one more byte on a full group is refused',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(
      await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrsTotalling(total.max) }),
      `values totalling ${total.max} bytes`,
    );
    const oneByte = () =>
      ctx.call('modify_group_attr', { GroupId: group.groupId, GroupAttr: [{ key: 'extra', value: 'x' }] });
    await expectWriteRefused(
      ctx,
      group.groupId,
      'attrs',
      oneByte,
      total.exceeded,
      `a one-byte value on a group holding ${total.max} bytes`,
    );
  },
);
