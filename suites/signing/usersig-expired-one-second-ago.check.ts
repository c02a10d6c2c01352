// */usersig-expired-one-second-ago: a UserSig one second past TLS.time + TLS.expire is rejected
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import { sendInOneSecond, definition } from './expiry-exact.ts';

const exact = profileCase('signing.expiry-exact');

defineCheck(
  definition('usersig-expired-one-second-ago', 'a UserSig one second past TLS.time + TLS.expire is rejected'),
  async (ctx) => {
    if (ctx.target.kind === 'region')
      ctx.notRun("a one-second expiry check needs the target's clock to agree with this machine's to the second");
    const group = await ctx.createGroup();
    const result = await sendInOneSecond(ctx, group.groupId, -1);
    ctx.expectErrorCode(result, exact, 'a UserSig whose TLS.time + TLS.expire is the second before the current one');
  },
);
