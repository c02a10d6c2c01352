// Server-side signing: each crafted UserSig is answered with its documented code; the formats of
// the other official libraries (same signature, other bytes) are accepted.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import type { ProfileCase } from '../../test-utils/contract/types.ts';
import { craftUserSig } from '../../test-utils/signing/index.ts';
import type { CraftedUserSigKind } from '../../test-utils/signing/index.ts';

const accepted = profileCase('signing.verifier-variants');
const cases: Array<{ kind: CraftedUserSigKind; expected: ProfileCase; what: string }> = [
  { kind: 'valid', expected: profileCase('transport.http-200'), what: 'a valid UserSig of the admin is accepted' },
  { kind: 'expired', expected: profileCase('signing.expired'), what: 'an expired UserSig' },
  { kind: 'other-key', expected: profileCase('signing.hmac-mismatch'), what: 'a UserSig signed with another key' },
  {
    kind: 'tampered-field',
    expected: profileCase('signing.hmac-mismatch'),
    what: 'a UserSig with a field changed after signing',
  },
  { kind: 'truncated', expected: profileCase('signing.usersig-malformed'), what: 'a truncated UserSig' },
  { kind: 'bad-base64', expected: profileCase('signing.usersig-malformed'), what: 'a UserSig that is not base64url' },
  { kind: 'not-zlib', expected: profileCase('signing.usersig-malformed'), what: 'a UserSig that is not zlib data' },
  { kind: 'not-json', expected: profileCase('signing.usersig-malformed'), what: 'a UserSig whose content is not JSON' },
  { kind: 'missing-field', expected: profileCase('signing.usersig-malformed'), what: 'a UserSig without TLS.sig' },
  {
    kind: 'other-identifier',
    expected: profileCase('signing.identifier-mismatch'),
    what: 'a UserSig of another identifier than the query names',
  },
  {
    kind: 'other-sdkappid',
    expected: profileCase('signing.sdkappid-mismatch'),
    what: 'a UserSig of another sdkappid than the query names',
  },
  { kind: 'python-format', expected: accepted, what: "a UserSig in the Python library's format is accepted" },
  { kind: 'php-format', expected: accepted, what: "a UserSig in the PHP library's format is accepted" },
  { kind: 'go-format', expected: accepted, what: "a UserSig in the Go library's format is accepted" },
  { kind: 'java-format', expected: accepted, what: "a UserSig in the Java library's format is accepted" },
  { kind: 'userbuf', expected: accepted, what: 'a UserSig with a userbuf is accepted' },
];

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
