/**
 * Hand-built UserSigs for the signing checks: each kind has exactly one intended defect (or,
 * for the *-format kinds, reproduces what another official library sends, which a server must
 * accept). They are built with node:crypto and node:zlib rather than by editing the output of
 * tls-sig-api-v2, so every byte is known; test/signing decodes each one back.
 */
import { createHash } from 'node:crypto';
import { constants as zlibConstants, deflateSync } from 'node:zlib';
import type { AppCredentials } from '../contract/types.ts';
import {
  DEFAULT_USERSIG_EXPIRE_SECONDS,
  base64UrlTencent,
  hmacUserSig,
  nowInSeconds,
  type SignOptions,
  type SigningFields,
} from './usersig.ts';

export const CRAFTED_USERSIG_KINDS = [
  'valid',
  'expired',
  'other-key',
  'other-identifier',
  'other-sdkappid',
  'tampered-field',
  'truncated',
  'bad-base64',
  'not-zlib',
  'not-json',
  'missing-field',
  'wrong-separator',
  'python-format',
  'php-format',
  'go-format',
  'java-format',
  'userbuf',
] as const;
export type CraftedUserSigKind = (typeof CRAFTED_USERSIG_KINDS)[number];

/** Kinds a conformant server accepts (same signature, other bytes); every other kind is refused. */
export const ACCEPTABLE_USERSIG_KINDS: readonly CraftedUserSigKind[] = [
  'valid',
  'python-format',
  'php-format',
  'go-format',
  'java-format',
  'userbuf',
];

export const USERSIG_FIELDS = [
  'TLS.ver',
  'TLS.identifier',
  'TLS.sdkappid',
  'TLS.time',
  'TLS.expire',
  'TLS.sig',
] as const;
export type UserSigField = (typeof USERSIG_FIELDS)[number];

export interface CraftOptions extends SignOptions {
  /** 'missing-field': the field left out (default 'TLS.sig'). */
  missingField?: UserSigField;
  /** 'tampered-field': the field changed after signing (default 'TLS.expire', raised). */
  tamperedField?: 'TLS.expire' | 'TLS.time';
  /** 'other-key': the key signed with (default derived from the app's key). */
  otherKey?: string;
  /** 'other-identifier': the identifier inside the sig (default `<identifier>_other`). */
  otherIdentifier?: string;
  /** 'other-sdkappid': the sdkappid inside the sig (default the app's + 1). */
  otherSdkappid?: number;
  /** 'userbuf': its bytes (default 'abc', as in the published vectors). */
  userbuf?: Buffer | string;
}

type JsonStyle = 'compact' | 'python' | 'php' | 'go' | 'java';
type DocEntry = [key: string, value: string | number];

/** Seconds past expiry of an 'expired' sig: far beyond any clock-skew tolerance. */
const EXPIRED_BY_SECONDS = 3600;

export function craftUserSig(kind: CraftedUserSigKind, app: AppCredentials, opts: CraftOptions = {}): string {
  const identifier = opts.identifier ?? app.admin;
  const now = opts.nowSeconds ?? nowInSeconds();
  const expire = opts.expireSeconds ?? DEFAULT_USERSIG_EXPIRE_SECONDS;
  const fields: SigningFields = { identifier, sdkappid: app.sdkappid, time: now, expire };
  const key = app.secretKey;

  switch (kind) {
    case 'valid':
      return encode(nodeDocument(fields, hmacUserSig(key, fields)));
    case 'expired': {
      const old = { ...fields, time: now - expire - EXPIRED_BY_SECONDS };
      return encode(nodeDocument(old, hmacUserSig(key, old)));
    }
    case 'other-key': {
      const otherKey = opts.otherKey ?? createHash('sha256').update(`other:${key}`).digest('hex');
      return encode(nodeDocument(fields, hmacUserSig(otherKey, fields)));
    }
    case 'other-identifier': {
      const other = { ...fields, identifier: opts.otherIdentifier ?? `${identifier}_other` };
      return encode(nodeDocument(other, hmacUserSig(key, other)));
    }
    case 'other-sdkappid': {
      const otherId = opts.otherSdkappid ?? (app.sdkappid >= 4294967295 ? app.sdkappid - 1 : app.sdkappid + 1);
      const other = { ...fields, sdkappid: otherId };
      return encode(nodeDocument(other, hmacUserSig(key, other)));
    }
    case 'tampered-field': {
      const sig = hmacUserSig(key, fields);
      const field = opts.tamperedField ?? 'TLS.expire';
      // Raising the validity (or moving the time back one second) keeps the sig unexpired, so
      // the HMAC mismatch is the only defect.
      const tampered = field === 'TLS.expire' ? { ...fields, expire: expire * 2 } : { ...fields, time: now - 1 };
      return encode(nodeDocument(tampered, sig));
    }
    case 'truncated': {
      const whole = encode(nodeDocument(fields, hmacUserSig(key, fields)));
      return whole.slice(0, Math.floor(whole.length / 2));
    }
    case 'bad-base64': {
      // Characters outside every base64 alphabet. A lenient decoder that skips them loses the
      // zlib header with them, so no decoder turns this back into a valid sig.
      const whole = encode(nodeDocument(fields, hmacUserSig(key, fields)));
      return `!!!!${whole.slice(4)}`;
    }
    case 'not-zlib': {
      const text = serialise(nodeDocument(fields, hmacUserSig(key, fields)), 'compact');
      return base64UrlTencent(Buffer.from(text, 'utf8'));
    }
    case 'not-json': {
      const text = serialise(nodeDocument(fields, hmacUserSig(key, fields)), 'compact');
      return base64UrlTencent(deflateSync(Buffer.from(text.slice(0, -1), 'utf8')));
    }
    case 'missing-field': {
      const dropped = opts.missingField ?? 'TLS.sig';
      const doc = nodeDocument(fields, hmacUserSig(key, fields)).filter(([k]) => k !== dropped);
      return encode(doc);
    }
    case 'wrong-separator':
      // tls-sig-api-v2-php issue #5: '\n' in single quotes is a backslash and an n, not a line feed.
      return encode(nodeDocument(fields, hmacUserSig(key, fields, '\\n')));
    case 'python-format':
      return encode(libraryDocument(fields, hmacUserSig(key, fields)), 'python');
    case 'php-format':
      return encode(libraryDocument(fields, hmacUserSig(key, fields)), 'php');
    case 'go-format':
      return encode(libraryDocument(fields, hmacUserSig(key, fields)), 'go', zlibConstants.Z_NO_COMPRESSION);
    case 'java-format':
      return encode(javaHashMapOrder(libraryDocument(fields, hmacUserSig(key, fields))), 'java');
    case 'userbuf': {
      const buf =
        typeof opts.userbuf === 'string' ? Buffer.from(opts.userbuf, 'utf8') : (opts.userbuf ?? Buffer.from('abc'));
      const withBuf = { ...fields, userbuf: buf.toString('base64') };
      return encode(nodeDocument(withBuf, hmacUserSig(key, withBuf)));
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown crafted UserSig kind '${String(never)}'`);
    }
  }
}

/** Node's key order (tls-sig-api-v2): time before expire. */
function nodeDocument(f: SigningFields, sig: string): DocEntry[] {
  return signedDocument(f, sig, [
    ['TLS.time', f.time],
    ['TLS.expire', f.expire],
  ]);
}

/** The order of the Python, PHP, Go and Java libraries (and Java's insertion order): expire before time. */
function libraryDocument(f: SigningFields, sig: string): DocEntry[] {
  return signedDocument(f, sig, [
    ['TLS.expire', f.expire],
    ['TLS.time', f.time],
  ]);
}

/** The document every library writes; only where time and expire stand differs between them. */
function signedDocument(f: SigningFields, sig: string, validity: DocEntry[]): DocEntry[] {
  const doc: DocEntry[] = [
    ['TLS.ver', '2.0'],
    ['TLS.identifier', f.identifier],
    ['TLS.sdkappid', f.sdkappid],
    ...validity,
  ];
  if (f.userbuf !== undefined) doc.push(['TLS.userbuf', f.userbuf]);
  doc.push(['TLS.sig', sig]);
  return doc;
}

/** java.lang.String.hashCode (UTF-16 units, 32-bit overflow). */
export function javaStringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * The iteration order of a java.util.HashMap of default capacity 16 (org.json's JSONObject):
 * by bucket (spread hash & 15), insertion order inside a bucket.
 */
export function javaHashMapOrder<T extends [string, unknown]>(entries: T[]): T[] {
  const bucket = (k: string) => {
    const h = javaStringHash(k);
    return (h ^ (h >>> 16)) & 15;
  };
  return entries
    .map((entry, index) => ({ entry, index, b: bucket(entry[0]) }))
    .sort((x, y) => x.b - y.b || x.index - y.index)
    .map((x) => x.entry);
}

function escapeNonAscii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function jsonString(value: string, style: JsonStyle): string {
  let out = JSON.stringify(value);
  if (style === 'python' || style === 'php') out = escapeNonAscii(out);
  if (style === 'php') out = out.replace(/\//g, '\\/');
  if (style === 'go') {
    out = out
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029');
  }
  if (style === 'java') out = out.replace(/<\//g, '<\\/');
  return out;
}

function serialise(doc: DocEntry[], style: JsonStyle): string {
  const [itemSep, keySep] = style === 'python' ? [', ', ': '] : [',', ':'];
  const body = doc
    .map(([k, v]) => `${jsonString(k, style)}${keySep}${typeof v === 'number' ? String(v) : jsonString(v, style)}`)
    .join(itemSep);
  // Go's json.Encoder ends every value with a newline.
  return `{${body}}${style === 'go' ? '\n' : ''}`;
}

function encode(
  doc: DocEntry[],
  style: JsonStyle = 'compact',
  level: number = zlibConstants.Z_DEFAULT_COMPRESSION,
): string {
  return base64UrlTencent(deflateSync(Buffer.from(serialise(doc, style), 'utf8'), { level }));
}

/** Where in the HMAC one byte is changed: its first, a middle and its last byte. */
export const SIG_BYTE_POSITIONS = ['first', 'middle', 'last'] as const;
export type SigBytePosition = (typeof SIG_BYTE_POSITIONS)[number];

/**
 * A UserSig whose TLS.sig (the HMAC-SHA256, 32 bytes) has one byte changed at the given
 * position, everything else valid: a server that compares only part of the HMAC accepts some.
 */
export function craftUserSigWithSigByteChanged(
  position: SigBytePosition,
  app: AppCredentials,
  opts: SignOptions = {},
): string {
  const fields: SigningFields = {
    identifier: opts.identifier ?? app.admin,
    sdkappid: app.sdkappid,
    time: opts.nowSeconds ?? nowInSeconds(),
    expire: opts.expireSeconds ?? DEFAULT_USERSIG_EXPIRE_SECONDS,
  };
  const hmac = Buffer.from(hmacUserSig(app.secretKey, fields), 'base64');
  const index = position === 'first' ? 0 : position === 'last' ? hmac.length - 1 : Math.floor(hmac.length / 2);
  hmac[index] = hmac[index]! ^ 0x01;
  return encode(nodeDocument(fields, hmac.toString('base64')));
}

/**
 * A valid UserSig whose validity ends at `expiresAt` (Unix seconds): TLS.time lies `validFor`
 * seconds before it, so a server accepts it up to and including that second and no later.
 */
export function craftUserSigExpiringAt(expiresAt: number, app: AppCredentials, validFor = 60): string {
  const fields: SigningFields = {
    identifier: app.admin,
    sdkappid: app.sdkappid,
    time: expiresAt - validFor,
    expire: validFor,
  };
  return encode(nodeDocument(fields, hmacUserSig(app.secretKey, fields)));
}
