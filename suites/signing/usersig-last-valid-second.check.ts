// */usersig-last-valid-second: a UserSig in its last valid second is accepted
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import { sendInOneSecond, definition } from './expiry-exact.ts';

const accepted = profileCase('transport.http-200');

defineCheck(definition('usersig-last-valid-second', 'a UserSig in its last valid second is accepted'), async (ctx) => {
  if (ctx.target.kind === 'region')
    ctx.notRun("a one-second expiry check needs the target's clock to agree with this machine's to the second");
  const group = await ctx.createGroup();
  const result = await sendInOneSecond(ctx, group.groupId, 0);
  ctx.expectErrorCode(result, accepted, 'a UserSig whose TLS.time + TLS.expire is the current second is accepted');
});
