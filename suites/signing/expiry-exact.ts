// Expiry is exact: a UserSig is accepted up to TLS.time + TLS.expire and rejected (70001) from the
// next second on, with no grace period. The checks sign with TLS.time in the past and a short
// TLS.expire, so nothing waits for a signature to expire.
//
// The two one-second checks send right after a second begins on this machine's clock and count
// an answer only when it came back within that same second (only then did the server judge that
// second); otherwise they send again, and after a few tries report the check as not run. Against
// the real API (another machine's clock) they are not run.
// Shared by usersig-expired-seconds-ago.check.ts, usersig-seconds-left.check.ts, usersig-expired-one-second-ago.check.ts, usersig-last-valid-second.check.ts.
import { profileCase } from '../../test-utils/check/index.ts';
import type { CheckContext } from '../../test-utils/check/index.ts';
import { craftUserSigExpiringAt, nowInSeconds } from '../../test-utils/signing/index.ts';

const exact = profileCase('signing.expiry-exact');

const ATTEMPTS = 5;

/** The next second of this machine's clock, and a wait that resolves just after it begins. */
export function nextSecond(): { second: number; begins: Promise<void> } {
  const now = Date.now();
  return {
    second: Math.floor(now / 1000) + 1,
    begins: new Promise((resolve) => setTimeout(resolve, 1000 - (now % 1000) + 5)),
  };
}

/**
 * Sends, at the start of a second, a UserSig expiring at that second + `offset`, until an answer
 * comes back within the second it was sent in (only then did the server judge that second);
 * returns it, or reports the check as not run after a few tries.
 */
export async function sendInOneSecond(ctx: CheckContext, groupId: string, offset: number) {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { second, begins } = nextSecond();
    const usersig = craftUserSigExpiringAt(second + offset, ctx.target.app);
    await begins;
    const result = await call(ctx, groupId, usersig);
    if (nowInSeconds() === second) return result;
  }
  return ctx.notRun(
    `no answer came back within the second it was sent in (${ATTEMPTS} tries): a one-second expiry cannot be tested from here`,
  );
}

export const definition = (check: string, title: string) => ({
  operation: 'get_group_attr',
  check,
  evidence: exact,
  title,
});

export const call = (ctx: CheckContext, groupId: string, usersig: string) =>
  ctx.call('get_group_attr', { GroupId: groupId }, { usersig, retry: false });
