// One attribute write past a byte limit, on a fresh group: answered with the limit's code, and
// the group's attributes read back unchanged. Shared by key-past-byte-limit.check.ts and
// value-past-byte-limit.check.ts.
import { expectRefusalChangesNothing, type CheckContext } from '../../test-utils/check/index.ts';

type ExpectedCode = Parameters<CheckContext['expectErrorCode']>[1];

export async function expectAttrWriteRefused(
  ctx: CheckContext,
  operation: 'modify_group_attr' | 'set_group_attr',
  item: { key: string; value: string },
  code: ExpectedCode,
  what: string,
): Promise<void> {
  const group = await ctx.createGroup();
  await expectRefusalChangesNothing(
    ctx,
    group.groupId,
    'attrs',
    async () => {
      ctx.expectErrorCode(await ctx.call(operation, { GroupId: group.groupId, GroupAttr: [item] }), code, what);
    },
    `${operation} with ${what}`,
  );
}
