// The steps of the per-group attribute write-rate checks: of a burst of MAX_WRITES + 1 writes (or deletes)
// of one key each, sent at once to one group, exactly MAX_WRITES are accepted and the other is refused
// with the rate's code; the refused one left no trace in the group's attributes.
// Shared by attr-write-rate.check.ts and attr-delete-rate.check.ts; the limit by every attr-write-rate check.
import { getLimit, readGroupState, type CheckContext } from '../../test-utils/check/index.ts';
import type { CallResult } from '../../test-utils/client/index.ts';

export const writeRate = getLimit('attr.writes.perGroupPerSecond');
export const MAX_WRITES = writeRate.max;

/** Fails unless MAX_WRITES of the burst's MAX_WRITES + 1 calls were accepted and one refused; returns its index. */
export function refusedPastRate(ctx: CheckContext, results: CallResult[], noun: 'write' | 'delete'): number {
  const accepted = results.filter((r) => r.body?.ErrorCode === 0).length;
  const refused = results.find((r) => r.body?.ErrorCode !== 0);
  ctx.expectThat(
    results[0]!,
    accepted === MAX_WRITES,
    `${MAX_WRITES} ${noun}s within one second are accepted (got ${accepted} of ${MAX_WRITES + 1})`,
  );
  ctx.expectErrorCode(
    refused ?? results[MAX_WRITES]!,
    writeRate.exceeded,
    `${noun} ${MAX_WRITES + 1} within one second on one group`,
  );
  return results.indexOf(refused!);
}

/** The refused call's key reads back as it was before it: still stored, or still absent. */
export async function expectKeyUntouched(
  ctx: CheckContext,
  groupId: string,
  key: string,
  stored: boolean,
): Promise<void> {
  const read = await readGroupState(ctx, groupId, 'attrs');
  ctx.expectThat(
    read.result,
    read.entries.some(([k]) => k === key) === stored,
    `the refused call changes nothing: key ${key} is ${stored ? 'still' : 'not'} stored`,
  );
}
