// Server-side signing: each crafted UserSig is answered with its documented code; the formats of
// the other official libraries (same signature, other bytes) are accepted.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import type { ProfileCase } from '../../test-utils/contract/types.ts';
import { craftUserSig } from '../../test-utils/signing/index.ts';
import type { CraftedUserSigKind } from '../../test-utils/signing/index.ts';

/** Each crafted UserSig, by the documented answer it gets, with what it is. */
const byAnswer: Array<[ProfileCase, Partial<Record<CraftedUserSigKind, string>>]> = [
  [profileCase('transport.http-200'), { valid: 'a valid UserSig of the admin is accepted' }],
  [profileCase('signing.expired'), { expired: 'an expired UserSig' }],
  [
    profileCase('signing.hmac-mismatch'),
    {
      'other-key': 'a UserSig signed with another key',
      'tampered-field': 'a UserSig with a field changed after signing',
    },
  ],
  [
    profileCase('signing.usersig-malformed'),
    {
      truncated: 'a truncated UserSig',
      'bad-base64': 'a UserSig that is not base64url',
      'not-zlib': 'a UserSig that is not zlib data',
      'not-json': 'a UserSig whose content is not JSON',
      'missing-field': 'a UserSig without TLS.sig',
    },
  ],
  [
    profileCase('signing.identifier-mismatch'),
    { 'other-identifier': 'a UserSig of another identifier than the query names' },
  ],
  [
    profileCase('signing.sdkappid-mismatch'),
    { 'other-sdkappid': 'a UserSig of another sdkappid than the query names' },
  ],
  [
    profileCase('signing.verifier-variants'),
    {
      'python-format': "a UserSig in the Python library's format is accepted",
      'php-format': "a UserSig in the PHP library's format is accepted",
      'go-format': "a UserSig in the Go library's format is accepted",
      'java-format': "a UserSig in the Java library's format is accepted",
      userbuf: 'a UserSig with a userbuf is accepted',
    },
  ],
];
const cases = byAnswer.flatMap(([expected, kinds]) =>
  Object.entries(kinds).map(([kind, what]) => ({ kind: kind as CraftedUserSigKind, expected, what })),
);

for (const { kind, expected, what } of cases) {
  defineCheck(
    { operation: 'get_group_attr', check: `usersig-${kind}`, evidence: expected, title: what },
    async (ctx) => {
      const group = await ctx.createGroup();
      const usersig = craftUserSig(kind, ctx.target.app);
      const result = await ctx.call('get_group_attr', { GroupId: group.groupId }, { usersig, retry: false });
      ctx.expectErrorCode(result, expected, what);
    },
  );
}
