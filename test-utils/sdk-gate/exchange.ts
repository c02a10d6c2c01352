/**
 * One request an SDK made and what it was answered: the unit the SDK gate records (sdk-gate's
 * mock hook, the proxy), stores (cassettes, cassette.ts) and judges (judge.ts).
 *
 * A recorder sees the usersig in flight; files never hold it. So the recorder writes down what it
 * learnt from the usersig (`usersig` facts: did it decode, whose is it, when does it expire, did
 * its HMAC match the app's key) and redacts it from the path. A judge reading the file then
 * reaches the same verdicts as the live recorder, without ever holding the usersig or a key.
 */
import { Buffer } from 'node:buffer';

/** What a UserSig said, learnt while it was in memory. Absent on an exchange without a usersig. */
export interface UserSigFacts {
  /** base64url → zlib → a JSON object with the TLS.* fields the algorithm needs. */
  decodes: boolean;
  /** Why it did not decode (no usersig content, only the step that failed). */
  decodeError?: string;
  identifier?: string;
  /** TLS.sdkappid as decimal text (compared with the query's sdkappid as text). */
  sdkappid?: string;
  /** TLS.time, unix seconds. */
  time?: number;
  /** TLS.expire, seconds of validity after `time` (expired when t > time + expire). */
  expire?: number;
  /**
   * Whether TLS.sig is the HMAC of the signing string under the key of the app named by the
   * query's sdkappid; 'unknown' when the recorder did not have that key (a proxy).
   */
  hmac: 'valid' | 'invalid' | 'unknown';
  /** When the HMAC did not match: another known app whose key does produce it. */
  signedWithKeyOf?: string;
}

/** The connection-level outcome a scenario imposed (sdk-gate's control API and scenarios). */
export interface ConnectionOutcome {
  /** The connection was dropped without an answer, before or after the call took effect. */
  dropped?: 'before-apply' | 'after-apply';
  /** The scenario rule that shaped this exchange (its id or description). */
  scenarioRule?: string;
}

export interface RecordedResponse {
  status: number;
  body: string;
}

export interface RecordedExchange {
  /** 1-based order of arrival. */
  seq: number;
  /** Unix seconds (float) when the request arrived. */
  t: number;
  method: string;
  /** Path and query as sent; in files the usersig value is redacted. */
  path: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The request body as sent, decoded as UTF-8 (invalid sequences become U+FFFD) … */
  body: string;
  /** … and, only when the bytes are not valid UTF-8, the raw bytes in standard base64. */
  bodyBase64?: string;
  /** What the recorder learnt from the usersig in flight. */
  usersig?: UserSigFacts;
  /**
   * Where the request carried a secret the recorder replaced by `<redacted>` before keeping it:
   * an app's secret key (never needed on the wire), or the usersig outside its query parameter.
   */
  secretsRemoved?: Array<{ what: 'secret-key' | 'usersig'; where: 'path' | 'headers' | 'body' }>;
  /** What the SDK was answered; absent when the connection was dropped without an answer. */
  response?: RecordedResponse;
  connection?: ConnectionOutcome;
}

/** An app the judge knows: its admins, its key when known, whether it has the counters' edition. */
export interface JudgeApp {
  sdkappid: string;
  /** Held in memory only, to check HMACs of raw usersigs (never written anywhere). */
  secretKey?: string;
  admins: string[];
  /** false = an app without the edition that enables group counters (10059); default true. */
  countersEdition?: boolean;
}

export interface JudgeContext {
  apps: JudgeApp[];
  /**
   * Whether `apps` are all the apps the server knows (the mock's): then a request naming another
   * sdkappid would be refused. False for a proxy in front of a real server. Default true.
   */
  appsComplete?: boolean;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The `body`/`bodyBase64` pair for raw request bytes. */
export function recordedBody(bytes: Uint8Array): { body: string; bodyBase64?: string } {
  try {
    return { body: UTF8.decode(bytes) };
  } catch {
    return { body: Buffer.from(bytes).toString('utf8'), bodyBase64: Buffer.from(bytes).toString('base64') };
  }
}

/** The request body's bytes exactly as sent. */
export function exchangeBodyBytes(exchange: Pick<RecordedExchange, 'body' | 'bodyBase64'>): Buffer {
  return exchange.bodyBase64 !== undefined
    ? Buffer.from(exchange.bodyBase64, 'base64')
    : Buffer.from(exchange.body, 'utf8');
}

/** Lower-cases header names; repeated headers (arrays) are joined with ', ' as HTTP allows. */
export function lowerCaseHeaders(
  headers: Record<string, string | string[] | number | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? text : `${out[key]}, ${text}`;
  }
  return out;
}
