// The UserSigs of the whole-HMAC and exact-expiry checks: one HMAC byte changed at exactly the
// named position (everything else as a valid sig), and a valid sig ending at a given second.
import { describe, expect, it } from 'vitest';
import {
  craftUserSig,
  craftUserSigExpiringAt,
  craftUserSigWithSigByteChanged,
  decodeUserSig,
  SIG_BYTE_POSITIONS,
  userSigHmacMatches,
} from '../../test-utils/signing/index.ts';
import { DEFAULT_FULL_APP as APP } from '../../test-utils/mock/default-apps.ts';

const OPTS = { nowSeconds: 1_700_000_000, expireSeconds: 3600 };
const hmacOf = (sig: string) => Buffer.from(decodeUserSig(sig).json['TLS.sig'] as string, 'base64');

describe('craftUserSigWithSigByteChanged', () => {
  const valid = hmacOf(craftUserSig('valid', APP, OPTS));
  it.each(SIG_BYTE_POSITIONS.map((p, i) => [p, [0, 16, 31][i]!]))(
    '%s: only byte %i of the 32-byte HMAC differs',
    (position, index) => {
      const sig = craftUserSigWithSigByteChanged(position, APP, OPTS);
      const changed = hmacOf(sig);
      expect(changed.length).toBe(32);
      expect([...changed].flatMap((byte, i) => (byte === valid[i] ? [] : [i]))).toEqual([index]);
      const { json } = decodeUserSig(sig);
      expect(json).toMatchObject({
        'TLS.identifier': APP.admin,
        'TLS.sdkappid': APP.sdkappid,
        'TLS.time': OPTS.nowSeconds,
        'TLS.expire': OPTS.expireSeconds,
      });
      expect(userSigHmacMatches(json, APP.secretKey)).toBe(false);
    },
  );
});

describe('craftUserSigExpiringAt', () => {
  it('is correctly signed and ends exactly at the given second', () => {
    const { json } = decodeUserSig(craftUserSigExpiringAt(1_700_000_123, APP));
    expect((json['TLS.time'] as number) + (json['TLS.expire'] as number)).toBe(1_700_000_123);
    expect(userSigHmacMatches(json, APP.secretKey)).toBe(true);
  });
});
