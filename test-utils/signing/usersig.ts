/**
 * UserSig v2: signing through the official Node library (tls-sig-api-v2), and the primitives
 * of the format (signing string, HMAC, Tencent's base64 variant, decoding) that the crafted
 * negative signatures and the tests build on. docs/signing.md states the format, the
 * differences between the official libraries and the published vectors the tests use.
 */
import { createHmac } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { Api } from 'tls-sig-api-v2';
import type { AppCredentials } from '../contract/types.ts';

/** One day: long enough for any run, short enough that a leaked sig soon stops working. */
export const DEFAULT_USERSIG_EXPIRE_SECONDS = 86_400;

export interface SignOptions {
  /** The account the sig is for; default the app's admin. */
  identifier?: string;
  /** Validity in seconds (TLS.expire, a duration). */
  expireSeconds?: number;
  /** The signing time (TLS.time) in Unix seconds; default now. */
  nowSeconds?: number;
}

export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * A UserSig made by tls-sig-api-v2, the library Tencent publishes for Node. The library reads
 * the clock itself, so a fixed `nowSeconds` is applied by pinning Date.now for the duration of
 * the (synchronous) call; nothing else can run in between.
 */
export function signUserSig(app: AppCredentials, opts: SignOptions = {}): string {
  const identifier = opts.identifier ?? app.admin;
  const expire = opts.expireSeconds ?? DEFAULT_USERSIG_EXPIRE_SECONDS;
  const api = new Api(app.sdkappid, app.secretKey);
  if (opts.nowSeconds === undefined) return api.genUserSig(identifier, expire);
  const realNow = Date.now;
  const pinned = opts.nowSeconds * 1000;
  Date.now = () => pinned;
  try {
    return api.genUserSig(identifier, expire);
  } finally {
    Date.now = realNow;
  }
}

// ---------------------------------------------------------------------------------------------
// Format primitives
// ---------------------------------------------------------------------------------------------

export interface SigningFields {
  identifier: string;
  sdkappid: number;
  time: number;
  expire: number;
  /** Standard base64 of the userbuf (PrivateMapKey form only). */
  userbuf?: string;
}

/**
 * The string the HMAC covers: time BEFORE expire, a line feed after every line including the
 * last. `separator` exists only to reproduce the PHP bug (a literal backslash-n).
 */
export function signingString(fields: SigningFields, separator = '\n'): string {
  let text =
    `TLS.identifier:${fields.identifier}${separator}` +
    `TLS.sdkappid:${fields.sdkappid}${separator}` +
    `TLS.time:${fields.time}${separator}` +
    `TLS.expire:${fields.expire}${separator}`;
  if (fields.userbuf !== undefined) text += `TLS.userbuf:${fields.userbuf}${separator}`;
  return text;
}

/** HMAC-SHA256 keyed with the secret as UTF-8 text (not hex-decoded), standard base64. */
export function hmacUserSig(secretKey: string, fields: SigningFields, separator = '\n'): string {
  return createHmac('sha256', secretKey).update(signingString(fields, separator), 'utf8').digest('base64');
}

/** Standard base64 with Tencent's substitutions: + -> *, / -> -, = -> _. */
export function base64UrlTencent(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

const TENCENT_BASE64 = /^[A-Za-z0-9*\-_]*$/;

/** Reverses base64UrlTencent; strict: throws on any character outside the alphabet. */
export function unbase64UrlTencent(text: string): Buffer {
  if (!TENCENT_BASE64.test(text)) throw new Error('UserSig is not base64 (characters outside A-Z a-z 0-9 * - _)');
  const standard = text.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  if (standard.replace(/=+$/, '').includes('=')) throw new Error('UserSig is not base64 (padding inside the text)');
  return Buffer.from(standard, 'base64');
}

export interface DecodedUserSig {
  /** The parsed JSON document (TLS.ver, TLS.identifier, ...). */
  json: Record<string, unknown>;
  /** The inflated JSON text exactly as signed, for format checks (key order, spacing). */
  raw: string;
  /** The zlib bytes (their header tells the compression level). */
  compressed: Buffer;
}

/**
 * Base64 -> zlib inflate -> JSON. Throws a short Error saying which step failed; the message
 * never contains the sig. For tests and diagnostics; nothing here logs.
 */
export function decodeUserSig(sig: string): DecodedUserSig {
  const compressed = unbase64UrlTencent(sig);
  let raw: string;
  try {
    raw = inflateSync(compressed).toString('utf8');
  } catch {
    throw new Error('UserSig is not zlib data');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('UserSig does not hold JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('UserSig JSON is not an object');
  }
  return { json: json as Record<string, unknown>, raw, compressed };
}

/**
 * Whether a decoded UserSig's TLS.sig is the HMAC of its own fields under `secretKey`.
 * False when a field is missing or has the wrong type.
 */
export function userSigHmacMatches(json: Record<string, unknown>, secretKey: string): boolean {
  const { 'TLS.identifier': identifier, 'TLS.sdkappid': sdkappid, 'TLS.time': time, 'TLS.expire': expire } = json;
  const userbuf = json['TLS.userbuf'];
  if (typeof identifier !== 'string' || typeof sdkappid !== 'number') return false;
  if (typeof time !== 'number' || typeof expire !== 'number') return false;
  if (userbuf !== undefined && typeof userbuf !== 'string') return false;
  const fields: SigningFields = { identifier, sdkappid, time, expire };
  if (typeof userbuf === 'string') fields.userbuf = userbuf;
  return json['TLS.sig'] === hmacUserSig(secretKey, fields);
}
