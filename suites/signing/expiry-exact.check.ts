// Expiry is exact: a UserSig is accepted up to TLS.time + TLS.expire and rejected (70001) from the
// next second on, with no grace period. The checks sign with TLS.time in the past and a short
// TLS.expire, so nothing waits for a signature to expire.
//
// The two one-second checks send right after a second begins on this machine's clock and count
// an answer only when it came back within that same second (only then did the server judge that
// second); otherwise they send again, and after a few tries report the check as not run. Against
// the real API (another machine's clock) they are not run.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import type { CheckContext } from '../../test-utils/check/index.ts';
import { craftUserSigExpiringAt, nowInSeconds } from '../../test-utils/signing/index.ts';

const exact = profileCase('signing.expiry-exact');
const accepted = profileCase('transport.http-200');
/** "A few seconds" either side of the expiry: well past any request's time, well short of a grace period. */
const FEW_SECONDS = 5;
const ATTEMPTS = 5;

/** The next second of this machine's clock, and a wait that resolves just after it begins. */
function nextSecond(): { second: number; begins: Promise<void> } {
  const now = Date.now();
  return { second: Math.floor(now / 1000) + 1, begins: new Promise((resolve) => setTimeout(resolve, 1000 - (now % 1000) + 5)) };
}

/**
 * Sends, at the start of a second, a UserSig expiring at that second + `offset`, until an answer
 * comes back within the second it was sent in (only then did the server judge that second);
 * returns it, or reports the check as not run after a few tries.
 */
async function sendInOneSecond(ctx: CheckContext, groupId: string, offset: number) {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { second, begins } = nextSecond();
    const usersig = craftUserSigExpiringAt(second + offset, ctx.target.app);
    await begins;
    const result = await call(ctx, groupId, usersig);
    if (nowInSeconds() === second) return result;
  }
  return ctx.notRun(`no answer came back within the second it was sent in (${ATTEMPTS} tries): a one-second expiry cannot be tested from here`);
}

const definition = (check: string, title: string) => ({ operation: 'get_group_attr', check, evidence: exact, title });

const call = (ctx: CheckContext, groupId: string, usersig: string) => ctx.call('get_group_attr', { GroupId: groupId }, { usersig, retry: false });

defineCheck(definition('usersig-expired-seconds-ago', `a UserSig expired ${FEW_SECONDS} s ago is rejected`), async (ctx) => {
  const group = await ctx.createGroup();
  const usersig = craftUserSigExpiringAt(nowInSeconds() - FEW_SECONDS, ctx.target.app);
  ctx.expectErrorCode(await call(ctx, group.groupId, usersig), exact, `a UserSig whose TLS.time + TLS.expire was ${FEW_SECONDS} s ago`);
});

defineCheck(definition('usersig-seconds-left', `a UserSig with ${FEW_SECONDS} s left is accepted`), async (ctx) => {
  const group = await ctx.createGroup();
  const usersig = craftUserSigExpiringAt(nowInSeconds() + FEW_SECONDS, ctx.target.app);
  ctx.expectErrorCode(await call(ctx, group.groupId, usersig), accepted, `a UserSig whose TLS.time + TLS.expire is ${FEW_SECONDS} s ahead is accepted`);
});

defineCheck(definition('usersig-expired-one-second-ago', 'a UserSig one second past TLS.time + TLS.expire is rejected'), async (ctx) => {
  if (ctx.target.kind === 'region') ctx.notRun("a one-second expiry check needs the target's clock to agree with this machine's to the second");
  const group = await ctx.createGroup();
  const result = await sendInOneSecond(ctx, group.groupId, -1);
  ctx.expectErrorCode(result, exact, 'a UserSig whose TLS.time + TLS.expire is the second before the current one');
});

defineCheck(definition('usersig-last-valid-second', 'a UserSig in its last valid second is accepted'), async (ctx) => {
  if (ctx.target.kind === 'region') ctx.notRun("a one-second expiry check needs the target's clock to agree with this machine's to the second");
  const group = await ctx.createGroup();
  const result = await sendInOneSecond(ctx, group.groupId, 0);
  ctx.expectErrorCode(result, accepted, 'a UserSig whose TLS.time + TLS.expire is the current second is accepted');
});
