// The whole HMAC counts: a UserSig whose TLS.sig has one byte changed, at its first, a middle or
// its last byte, is rejected like any signature that does not match (a server comparing only a
// prefix of the HMAC accepts the later ones).
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import { craftUserSigWithSigByteChanged, SIG_BYTE_POSITIONS } from '../../test-utils/signing/index.ts';

const anyByte = profileCase('signing.sig-any-byte-changed');

for (const position of SIG_BYTE_POSITIONS) {
  defineCheck(
    {
      operation: 'get_group_attr',
      check: `usersig-sig-${position}-byte-changed`,
      evidence: anyByte,
      title: `a UserSig with the ${position} byte of its HMAC changed is rejected`,
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      const usersig = craftUserSigWithSigByteChanged(position, ctx.target.app);
      ctx.expectErrorCode(
        await ctx.call('get_group_attr', { GroupId: group.groupId }, { usersig, retry: false }),
        anyByte,
        `the ${position} byte of TLS.sig changed`,
      );
    },
  );
}
