// A counter write past a counter limit, written as raw JSON (exact int64 literals, non-integer
// Values): refused with some non-zero code (which one is not published) and the counters read back
// unchanged. Shared by counter-limit-rejected.check.ts and
// ../state-after-write/refused-counter-write-changes-nothing.check.ts.
import { ANY_REFUSAL, expectWriteRefused, updateCountersRaw, type CheckContext } from '../../test-utils/check/index.ts';

/** `seed` (raw GroupCounter items) set first, then `items` sent with `mode` and refused. */
export async function expectRawCounterWriteRefused(
  ctx: CheckContext,
  seed: string,
  mode: string,
  items: string,
  what: string,
): Promise<void> {
  const group = await ctx.createGroup();
  ctx.expectOk(await updateCountersRaw(ctx, group.groupId, 'Set', seed), 'seed the counters');
  const send = () => updateCountersRaw(ctx, group.groupId, mode, items);
  await expectWriteRefused(ctx, group.groupId, 'counters', send, ANY_REFUSAL, what);
}
