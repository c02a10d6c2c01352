/**
 * What a UserSig says, learnt while it is in memory (the recorder, the proxy, or `judge` reading a
 * file that still holds raw usersigs). Decoding follows the published algorithm: Tencent's base64
 * alphabet → zlib → JSON; inflate and parse, never compare strings, because the official libraries
 * write different bytes for the same signature (key order, spacing, `\/`, zlib level).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { decodeUserSigBytes } from '../mock/usersig-verify.ts';
import type { JudgeApp, UserSigFacts } from './exchange.ts';

const MAX_INFLATED_BYTES = 16384;
const BASE64_STD = /^[A-Za-z0-9+/]+={0,2}$/;

interface Decoded {
  identifier: string;
  sdkappid: string;
  time: number;
  expire: number;
  userbuf: string | null;
  sig: string;
}

function fail(decodeError: string): UserSigFacts {
  return { decodes: false, decodeError, hmac: 'unknown' };
}

function decode(usersig: string): Decoded | string {
  const bytes = decodeUserSigBytes(usersig);
  if (bytes === null || bytes.length === 0) return 'not base64 in the UserSig alphabet';
  let text: string;
  try {
    text = inflateSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch {
    return 'not a zlib stream';
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'inflated text is not JSON';
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'inflated JSON is not an object';
  const r = doc as Record<string, unknown>;
  const identifier = r['TLS.identifier'];
  const sdkappid = r['TLS.sdkappid'];
  const time = r['TLS.time'];
  // Go's encoder drops a zero expire (omitempty): absent means 0.
  const expire = r['TLS.expire'] ?? 0;
  const sig = r['TLS.sig'];
  const userbuf = r['TLS.userbuf'];
  if (typeof identifier !== 'string') return 'TLS.identifier missing or not a string';
  if (!Number.isSafeInteger(sdkappid) || (sdkappid as number) < 0) return 'TLS.sdkappid missing or not an integer';
  if (!Number.isSafeInteger(time) || (time as number) < 0) return 'TLS.time missing or not an integer';
  if (!Number.isSafeInteger(expire)) return 'TLS.expire not an integer';
  if (typeof sig !== 'string' || !BASE64_STD.test(sig)) return 'TLS.sig missing or not base64';
  if (userbuf !== undefined && typeof userbuf !== 'string') return 'TLS.userbuf not a string';
  return {
    identifier,
    sdkappid: String(sdkappid),
    time: time as number,
    expire: expire as number,
    userbuf: typeof userbuf === 'string' ? userbuf : null,
    sig,
  };
}

/** The documented signing string: identifier, sdkappid, time, expire (time BEFORE expire), [userbuf]. */
function hmacMatches(d: Decoded, secretKey: string): boolean {
  let content = `TLS.identifier:${d.identifier}\nTLS.sdkappid:${d.sdkappid}\nTLS.time:${d.time}\nTLS.expire:${d.expire}\n`;
  if (d.userbuf !== null) content += `TLS.userbuf:${d.userbuf}\n`;
  const expected = createHmac('sha256', secretKey).update(content, 'utf8').digest();
  const given = Buffer.from(d.sig, 'base64');
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
  const decoded = decode(usersig);
  if (typeof decoded === 'string') return fail(decoded);
  const facts: UserSigFacts = {
    decodes: true,
    identifier: decoded.identifier,
    sdkappid: decoded.sdkappid,
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
