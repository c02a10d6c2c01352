/**
 * A call sent again when it was refused for the per-API call rate. A check's own calls are paced
 * under that rate, so such a refusal means another check's deliberate burst on the same API of the
 * same app (suites/limits/api-call-rate bursts the basic app's get_group_attr) took the budget for
 * a moment: it says nothing about the behaviour under test, so the call waits for that second to
 * pass. Only for checks whose expected answers are never a rate refusal.
 */
import { getLimit } from '../contract/index.ts';
import type { CheckCallOptions, CheckContext } from './context.ts';

const CALL_RATE = getLimit('api.calls.perSecond');
const CALL_RATE_CODES: ReadonlySet<number> = new Set(CALL_RATE.exceeded!.acceptable ?? [CALL_RATE.exceeded!.code]);
/** Sends after the first; each after a pause longer than the rate's one-second window. */
export const CALL_RATE_RETRIES = 3;
export const CALL_RATE_PAUSE_MS = 1100;

/** Whether an ErrorCode is one of the per-API call-rate refusals. */
export function isCallRateRefusal(code: unknown): boolean {
  return typeof code === 'number' && CALL_RATE_CODES.has(code);
}

export async function callPastCallRateBursts(
  ctx: CheckContext,
  operationId: string,
  body: unknown,
  opts: CheckCallOptions = {},
) {
  let result = await ctx.call(operationId, body, opts);
  for (let retry = 0; retry < CALL_RATE_RETRIES && isCallRateRefusal(result.body?.ErrorCode); retry++) {
    await new Promise((resolve) => setTimeout(resolve, CALL_RATE_PAUSE_MS));
    result = await ctx.call(operationId, body, opts);
  }
  return result;
}
