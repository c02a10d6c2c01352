/**
 * A write the target must refuse, judged twice: by its answer (a given code, or for a limit whose
 * code is not published any failure at all) and by the group's state read back before and after
 * it, which must be the same (a refused write changes nothing, not even its valid items).
 */
import type { CallResult } from '../client/index.ts';
import type { CheckContext } from './context.ts';
import type { ExpectedOutcome, ResponseLike } from './expectations.ts';
import { expectRefusalChangesNothing, type StateFamily } from './read-back.ts';

/** Any refusal: ActionStatus FAIL with a non-zero ErrorCode, whichever code it is. */
export const ANY_REFUSAL = 'any-refusal';

/** The answer is a refusal (ActionStatus FAIL, a non-zero ErrorCode), whatever its code. */
export function expectRefused(ctx: CheckContext, result: ResponseLike, what: string): void {
  const envelope = ctx.expectEnvelope(result);
  ctx.expectThat(
    result,
    envelope.ActionStatus === 'FAIL' && envelope.ErrorCode !== 0,
    `${what} is refused (ActionStatus FAIL, a non-zero ErrorCode)`,
  );
}

/** Sends the write, expects `code` (or ANY_REFUSAL) and the group's `family` unchanged. */
export async function expectWriteRefused(
  ctx: CheckContext,
  groupId: string,
  family: StateFamily,
  send: () => Promise<CallResult>,
  code: ExpectedOutcome | typeof ANY_REFUSAL,
  what: string,
): Promise<void> {
  await expectRefusalChangesNothing(
    ctx,
    groupId,
    family,
    async () => {
      const result = await send();
      if (code === ANY_REFUSAL) expectRefused(ctx, result, what);
      else ctx.expectErrorCode(result, code, what);
    },
    what,
  );
}
