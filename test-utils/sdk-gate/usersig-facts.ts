/**
 * What a UserSig says, learnt while it is in memory (the recorder, the proxy, or `judge` reading a
 * file that still holds raw usersigs). Decoding follows the published algorithm: Tencent's base64
 * alphabet → zlib → JSON; inflate and parse, never compare strings, because the official libraries
 * write different bytes for the same signature (key order, spacing, `\/`, zlib level).
 */
import { timingSafeEqual } from 'node:crypto';
import { decodeUserSigFields, userSigHmac, type UserSigFields } from '../mock/usersig-verify.ts';
import type { JudgeApp, UserSigFacts } from './exchange.ts';

function fail(decodeError: string): UserSigFacts {
  return { decodes: false, decodeError, hmac: 'unknown' };
}

/** The documented signing string's HMAC (the mock's verifier computes it) against TLS.sig. */
function hmacMatches(fields: UserSigFields, secretKey: string): boolean {
  const expected = userSigHmac(fields, secretKey);
  const given = Buffer.from(fields.sig, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The facts of one usersig sent with `querySdkappid`. The HMAC is checked with the key of the app
 * the query names (that is the key the server would use); when it does not match, the other known
 * keys are tried so the finding can say "signed with the key of app N".
 */
export function userSigFacts(
  usersig: string,
  querySdkappid: string | undefined,
  apps: readonly JudgeApp[],
): UserSigFacts {
  if (usersig === '') return fail('empty');
  const decoded = decodeUserSigFields(usersig);
  if (typeof decoded === 'string') return fail(decoded);
  const facts: UserSigFacts = {
    decodes: true,
    identifier: decoded.identifier,
    sdkappid: String(decoded.sdkappid),
    time: decoded.time,
    expire: decoded.expire,
    hmac: 'unknown',
  };
  const app = apps.find((a) => a.sdkappid === querySdkappid);
  if (app?.secretKey === undefined) return facts;
  if (hmacMatches(decoded, app.secretKey)) return { ...facts, hmac: 'valid' };
  const other = apps.find((a) => a !== app && a.secretKey !== undefined && hmacMatches(decoded, a.secretKey));
  return { ...facts, hmac: 'invalid', ...(other ? { signedWithKeyOf: other.sdkappid } : {}) };
}
