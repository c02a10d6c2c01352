// A burst of calls sent at once to test a per-second rate. A server counts arrivals in a
// one-second window, so a burst only tests the rate when every call reached the server inside
// one window. When the answers took longer than that (a busy machine, a slow network) and none
// was refused, the burst proved nothing either way: wait for the window to empty and send it
// again, and after a few such bursts report the check as not run rather than guess.
import { getLimit, type CheckContext, type GroupFixture } from '../../test-utils/check/index.ts';
import type { CallResult } from '../../test-utils/client/index.ts';

/** The servers' rate window. */
export const WINDOW_MS = 1000;
/** Bursts before giving up; each waits a little longer first, for a quieter moment. */
const ATTEMPTS = 6;

const refused = (result: CallResult): boolean => result.body?.ErrorCode !== 0;

/**
 * Sends `count` calls at once (send(i) must bypass pacing) until one burst is conclusive: a call
 * was refused, or every answer arrived within one window. Returns that burst's results.
 */
export async function burstWithinOneWindow(
  ctx: CheckContext,
  count: number,
  send: (i: number) => Promise<CallResult>,
  /** Run before every burst (e.g. re-create what the burst consumes). */
  prepare?: () => Promise<void>,
): Promise<CallResult[]> {
  for (let attempt = 1; ; attempt++) {
    if (prepare) await prepare();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: count }, (_, i) => send(i)));
    const spanMs = performance.now() - started;
    if (results.some(refused) || spanMs < WINDOW_MS) return results;
    if (attempt === ATTEMPTS) {
      ctx.notRun(
        `${count} calls sent at once took ${Math.round(spanMs)} ms to answer in each of ${ATTEMPTS} bursts, so none arrived within one second; the rate cannot be tested from here`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 500 * attempt));
  }
}

/** The per-API call rate of one app. */
export const API_CALL_RATE = getLimit('api.calls.perSecond');
export const MAX_CALLS = API_CALL_RATE.max;

/**
 * A fresh group of the basic app, for a burst at the per-API call rate of that app (no other check
 * bursts it). A real app's rate is burst only with --strict: the burst takes the app's whole budget
 * for that second. `burst` says what the check does ('bursting past the per-API call rate').
 */
export async function basicAppGroupForBurst(ctx: CheckContext, burst: string): Promise<GroupFixture> {
  if (ctx.target.kind === 'region' && !ctx.target.strict) ctx.notRun(`${burst} of a real app runs only with --strict`);
  ctx.requireBasicApp();
  return ctx.createGroup({ app: 'basic' });
}
