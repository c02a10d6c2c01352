// Removed keys are gone at once: a group holding the most keys, once its keys are removed (by a
// clear, or by the set that replaces them), takes as many new keys and reads back only those.
// Shared by clear-frees-key-slots.check.ts and set-frees-removed-key-slots.check.ts.
import { defineCheck, expectStateEquals, getLimit, profileCase, readGroupState } from '../../test-utils/check/index.ts';

const freed = profileCase('attrs.removed-keys-freed');
const max = getLimit('attr.keys.maxCount').max;
const attrs = (prefix: string) => Array.from({ length: max }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));

/** How each operation frees the old keys: clear first then add, or set the new ones in their place. */
const WRITE_AFTER = { clear_group_attr: 'modify_group_attr', set_group_attr: 'set_group_attr' } as const;

export interface FreedSlots {
  title: (max: number) => string;
  /** What the write of `max` new keys is. */
  write: (max: number) => string;
  /** What the read-back shows. */
  remain: string;
}

/** `<operation>/<check>`: after `operation` frees the old keys, `max` new keys fit and alone remain. */
export function checkKeySlotsFreed(operation: keyof typeof WRITE_AFTER, check: string, texts: FreedSlots): void {
  defineCheck({ operation, check, groupType: 'Public', evidence: freed, title: texts.title(max) }, async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('set_group_attr', { GroupId: group.groupId, GroupAttr: attrs('old') }), `${max} keys`);
    if (operation === 'clear_group_attr')
      ctx.expectOk(await ctx.call('clear_group_attr', { GroupId: group.groupId }), 'clear_group_attr');
    const fresh = attrs('new');
    ctx.expectOk(
      await ctx.call(WRITE_AFTER[operation], { GroupId: group.groupId, GroupAttr: fresh }),
      texts.write(max),
    );
    expectStateEquals(
      ctx,
      await readGroupState(ctx, group.groupId, 'attrs'),
      fresh.map((a) => [a.key, a.value]),
      texts.remain,
    );
  });
}
