// */usersig-seconds-left
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import { craftUserSigExpiringAt, nowInSeconds } from '../../test-utils/signing/index.ts';
import { definition, call } from './expiry-exact.ts';

const accepted = profileCase('transport.http-200');

/** "A few seconds" either side of the expiry: well past any request's time, well short of a grace period. */
const FEW_SECONDS = 5;

defineCheck(definition('usersig-seconds-left', `a UserSig with ${FEW_SECONDS} s left is accepted`), async (ctx) => {
  const group = await ctx.createGroup();
  const usersig = craftUserSigExpiringAt(nowInSeconds() + FEW_SECONDS, ctx.target.app);
  ctx.expectErrorCode(
    await call(ctx, group.groupId, usersig),
    accepted,
    `a UserSig whose TLS.time + TLS.expire is ${FEW_SECONDS} s ahead is accepted`,
  );
});
