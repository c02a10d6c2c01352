/**
 * UserSig v2 verification, written from the published algorithm and deliberately independent of
 * tls-sig-api-v2: the suites sign with that library, so sharing its code would let a signing bug
 * hide itself.
 *
 * A verifier must inflate and parse, never compare strings: the official libraries of different
 * languages produce different bytes for the same signature (key order, Python's spacing, PHP's
 * `\/`, Go's uncompressed stream with a trailing newline, the optional userbuf line).
 *
 * The result of decoding and HMAC-checking is cached per (sdkappid, usersig) in a bounded LRU so
 * that a client reusing one UserSig costs a map lookup; expiry and the identifier/sdkappid
 * comparisons are still evaluated on every request, against the mock's clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { Buffer } from 'node:buffer';

/** Why a UserSig was refused; the request pipeline maps each reason to the profile's code. */
export type UserSigVerdict =
  'ok' | 'missing' | 'malformed' | 'bad-signature' | 'identifier-mismatch' | 'sdkappid-mismatch' | 'expired';

/** What survives decoding and the HMAC check: the fields the per-request checks need. */
interface VerifiedSig {
  identifier: string;
  sdkappid: number;
  /** Unix seconds after which the signature is expired (`now > time + expire`). */
  expiresAfter: number;
}

type CachedOutcome = { verdict: 'malformed' | 'bad-signature' } | { verdict: 'ok'; sig: VerifiedSig };

/** Longer strings are not UserSigs (real ones are a few hundred characters). */
const MAX_USERSIG_CHARS = 8192;
/** Decompressed documents are a few hundred bytes; the cap stops zlib bombs. */
const MAX_INFLATED_BYTES = 16384;
const BASE64_STD = /^[A-Za-z0-9+/]+={0,2}$/;

export interface UserSigVerifierOptions {
  /** Distinct (sdkappid, usersig) pairs remembered; the oldest is forgotten first. */
  cacheSize?: number;
  /**
   * How a deviating server (mutation self-check) errs: seconds of grace after expiry (negative:
   * refused early), a fixed validity instead of TLS.expire, and a compared prefix of the HMAC.
   * The reference compares the whole HMAC and expires exactly at TLS.time + TLS.expire.
   */
  lenience?: { graceSeconds: number; fixedValiditySeconds: number | null; hmacBytesCompared: number | null };
}

export interface UserSigRequest {
  usersig: string | null;
  identifier: string;
  sdkappid: number;
  secretKey: string;
  nowSeconds: number;
}

export class UserSigVerifier {
  readonly #cache = new Map<string, CachedOutcome>();
  readonly #cacheSize: number;
  readonly #lenience: NonNullable<UserSigVerifierOptions['lenience']>;

  constructor(options: UserSigVerifierOptions = {}) {
    this.#cacheSize = options.cacheSize ?? 1024;
    this.#lenience = options.lenience ?? { graceSeconds: 0, fixedValiditySeconds: null, hmacBytesCompared: null };
  }

  get cachedEntries(): number {
    return this.#cache.size;
  }

  verify(request: UserSigRequest): UserSigVerdict {
    const { usersig } = request;
    if (usersig === null || usersig.length === 0) return 'missing';
    const outcome = this.#decodeCached(usersig, request.sdkappid, request.secretKey);
    if (outcome.verdict !== 'ok') return outcome.verdict;
    const { sig } = outcome;
    if (sig.identifier !== request.identifier) return 'identifier-mismatch';
    if (sig.sdkappid !== request.sdkappid) return 'sdkappid-mismatch';
    if (request.nowSeconds > sig.expiresAfter + this.#lenience.graceSeconds) return 'expired';
    return 'ok';
  }

  #decodeCached(usersig: string, sdkappid: number, secretKey: string): CachedOutcome {
    const cacheKey = `${sdkappid}\n${usersig}`;
    const hit = this.#cache.get(cacheKey);
    if (hit !== undefined) {
      // Re-insert so the Map's insertion order doubles as recency order.
      this.#cache.delete(cacheKey);
      this.#cache.set(cacheKey, hit);
      return hit;
    }
    const outcome = decodeAndCheckHmac(usersig, secretKey, this.#lenience);
    this.#cache.set(cacheKey, outcome);
    if (this.#cache.size > this.#cacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return outcome;
  }
}

/** Reverses the URL-safe step of every official library: `*`→`+`, `-`→`/`, `_`→`=`. */
export function decodeUserSigBytes(usersig: string): Buffer | null {
  if (usersig.length > MAX_USERSIG_CHARS) return null;
  const standard = usersig.replace(/[*\-_]/g, (c) => (c === '*' ? '+' : c === '-' ? '/' : '='));
  if (!BASE64_STD.test(standard)) return null;
  return Buffer.from(standard, 'base64');
}

/** The fields of a UserSig's document, or why it has none (not base64, not zlib, not JSON, a field missing or mistyped). */
export function decodeUserSigFields(usersig: string): UserSigFields | string {
  const compressed = decodeUserSigBytes(usersig);
  if (compressed === null || compressed.length === 0) return 'not base64 in the UserSig alphabet';
  let text: string;
  try {
    text = inflateSync(compressed, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch {
    return 'not a zlib stream';
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'inflated text is not JSON';
  }
  return readSigFields(doc);
}

function decodeAndCheckHmac(
  usersig: string,
  secretKey: string,
  lenience: NonNullable<UserSigVerifierOptions['lenience']>,
): CachedOutcome {
  const fields = decodeUserSigFields(usersig);
  if (typeof fields === 'string') return { verdict: 'malformed' };

  const whole = userSigHmac(fields, secretKey);
  const compared = lenience.hmacBytesCompared ?? whole.length;
  const expected = whole.subarray(0, compared);
  const given = Buffer.from(fields.sig, 'base64').subarray(0, lenience.hmacBytesCompared ?? undefined);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { verdict: 'bad-signature' };
  const validity = lenience.fixedValiditySeconds ?? fields.expire;
  return {
    verdict: 'ok',
    sig: { identifier: fields.identifier, sdkappid: fields.sdkappid, expiresAfter: fields.time + validity },
  };
}

export interface UserSigFields {
  identifier: string;
  sdkappid: number;
  time: number;
  expire: number;
  userbuf: string | null;
  sig: string;
}

function readSigFields(doc: unknown): UserSigFields | string {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'inflated JSON is not an object';
  const record = doc as Record<string, unknown>;
  const identifier = record['TLS.identifier'];
  const sdkappid = record['TLS.sdkappid'];
  const time = record['TLS.time'];
  // Go's encoder drops a zero expire (`omitempty`); an absent expire therefore means 0.
  const expire = record['TLS.expire'] ?? 0;
  const userbuf = record['TLS.userbuf'];
  const sig = record['TLS.sig'];
  if (typeof identifier !== 'string') return 'TLS.identifier missing or not a string';
  if (!isNonNegativeInteger(sdkappid)) return 'TLS.sdkappid missing or not an integer';
  if (!isNonNegativeInteger(time)) return 'TLS.time missing or not an integer';
  if (!Number.isSafeInteger(expire)) return 'TLS.expire not an integer';
  if (typeof sig !== 'string' || !BASE64_STD.test(sig)) return 'TLS.sig missing or not base64';
  if (userbuf !== undefined && typeof userbuf !== 'string') return 'TLS.userbuf not a string';
  return {
    identifier,
    sdkappid: sdkappid as number,
    time: time as number,
    expire: expire as number,
    userbuf: userbuf === undefined ? null : userbuf,
    sig,
  };
}

function isNonNegativeInteger(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** The documented string: identifier, sdkappid, time, expire (time BEFORE expire), [userbuf]. */
export function userSigHmac(fields: UserSigFields, secretKey: string): Buffer {
  let content =
    `TLS.identifier:${fields.identifier}\n` +
    `TLS.sdkappid:${fields.sdkappid}\n` +
    `TLS.time:${fields.time}\n` +
    `TLS.expire:${fields.expire}\n`;
  if (fields.userbuf !== null) content += `TLS.userbuf:${fields.userbuf}\n`;
  return createHmac('sha256', secretKey).update(content, 'utf8').digest();
}
