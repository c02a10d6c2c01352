// */usersig-expired-seconds-ago
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import { craftUserSigExpiringAt, nowInSeconds } from '../../test-utils/signing/index.ts';
import { definition, call } from './expiry-exact.ts';

const exact = profileCase('signing.expiry-exact');

/** "A few seconds" either side of the expiry: well past any request's time, well short of a grace period. */
const FEW_SECONDS = 5;

defineCheck(
  definition('usersig-expired-seconds-ago', `a UserSig expired ${FEW_SECONDS} s ago is rejected`),
  async (ctx) => {
    const group = await ctx.createGroup();
    const usersig = craftUserSigExpiringAt(nowInSeconds() - FEW_SECONDS, ctx.target.app);
    ctx.expectErrorCode(
      await call(ctx, group.groupId, usersig),
      exact,
      `a UserSig whose TLS.time + TLS.expire was ${FEW_SECONDS} s ago`,
    );
  },
);
