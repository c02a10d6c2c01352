/**
 * Helpers for the mock's own tests: a mock on a loopback port, signatures from the official
 * Node signer (the mock's verifier shares no code with it), hand-built UserSigs in the output
 * formats of the other official libraries, and a raw HTTP caller (undici) that can send anything.
 */
import { createHmac } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { Agent, request } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { Api } from 'tls-sig-api-v2';
import {
  getLimit,
  getOperation,
  operationCase,
  profileCase,
  resolveBehaviour,
} from '../../test-utils/contract/index.ts';
import type { GroupType, LimitId } from '../../test-utils/contract/types.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP, startMockServer } from '../../test-utils/mock/index.ts';
import type { MockApp, MockServerHandle, MockServerOptions } from '../../test-utils/mock/index.ts';

export { DEFAULT_BASIC_APP, DEFAULT_FULL_APP };

/** A clock the test moves by hand: rate windows and expiry become deterministic. */
export function manualClock(startMs = Date.now()): {
  now: () => number;
  advance(ms: number): void;
  set(ms: number): void;
} {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(ms) {
      current = ms;
    },
  };
}

export async function startTestMock(options: MockServerOptions = {}): Promise<MockServerHandle> {
  return startMockServer({ host: '127.0.0.1', port: 0, ...options });
}

/**
 * One mock for the whole test file: started before its first test, closed after its last. The
 * handle is filled in when the mock has started, so use it inside tests and hooks only.
 */
export function mockPerFile(options: MockServerOptions = {}): MockServerHandle {
  const handle = {} as MockServerHandle;
  beforeAll(async () => {
    Object.assign(handle, await startTestMock(options));
  });
  afterAll(async () => handle.close());
  return handle;
}

/** Signs with tls-sig-api-v2 (time = the real now, so use it with the real clock). */
export function officialSig(app: MockApp, identifier = app.admin, expire = 86_400): string {
  return new Api(app.sdkappid, app.secretKey).genUserSig(identifier, expire);
}

export interface HandBuiltSig {
  identifier: string;
  sdkappid: number;
  time: number;
  expire: number;
  secretKey: string;
  userbuf?: string;
  /** Key order of the JSON document (default Python/PHP: ver, identifier, sdkappid, expire, time, [userbuf], sig). */
  order?: string[];
  /** Python json.dumps spacing (", " and ": "). */
  pythonSpacing?: boolean;
  /** PHP json_encode: '/' written as '\/'. */
  escapeSlashes?: boolean;
  /** zlib level 0..9 (Go's default is 0, NoCompression). */
  level?: number;
  /** Go's json.Encoder ends the document with a newline. */
  trailingNewline?: boolean;
  /** Override of the HMAC (tampering). */
  sigOverride?: string;
  /** Python/PHP: non-ASCII characters written as \uXXXX escapes. */
  escapeNonAscii?: boolean;
  /** Fields to drop from the document. */
  drop?: string[];
}

export function hmacOf(
  f: Pick<HandBuiltSig, 'identifier' | 'sdkappid' | 'time' | 'expire' | 'secretKey' | 'userbuf'>,
): string {
  let content = `TLS.identifier:${f.identifier}\nTLS.sdkappid:${f.sdkappid}\nTLS.time:${f.time}\nTLS.expire:${f.expire}\n`;
  if (f.userbuf !== undefined) content += `TLS.userbuf:${f.userbuf}\n`;
  return createHmac('sha256', f.secretKey).update(content).digest('base64');
}

/** Builds a UserSig the way the other official libraries lay it out. */
export function handBuiltSig(f: HandBuiltSig): string {
  const values: Record<string, unknown> = {
    'TLS.ver': '2.0',
    'TLS.identifier': f.identifier,
    'TLS.sdkappid': f.sdkappid,
    'TLS.expire': f.expire,
    'TLS.time': f.time,
    'TLS.sig': f.sigOverride ?? hmacOf(f),
  };
  if (f.userbuf !== undefined) values['TLS.userbuf'] = f.userbuf;
  const order = f.order ?? [
    'TLS.ver',
    'TLS.identifier',
    'TLS.sdkappid',
    'TLS.expire',
    'TLS.time',
    'TLS.userbuf',
    'TLS.sig',
  ];
  const [comma, colon] = f.pythonSpacing ? [', ', ': '] : [',', ':'];
  const parts = order
    .filter((key) => key in values && !(f.drop ?? []).includes(key))
    .map((key) => `${JSON.stringify(key)}${colon}${JSON.stringify(values[key])}`);
  let json = `{${parts.join(comma)}}`;
  if (f.escapeSlashes) json = json.replace(/\//g, '\\/');
  if (f.escapeNonAscii)
    json = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (f.trailingNewline) json += '\n';
  const compressed = deflateSync(Buffer.from(json), { level: f.level ?? 6 });
  return compressed.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

export function profileCode(id: string): number {
  return profileCase(id).expected.code;
}

export function caseCode(operationId: string, caseId: string): number {
  return operationCase(operationId, caseId).expected.code;
}

/** The code an operation refuses a group type with ('clear_group_attr', 'Community' → 10007). */
export function groupTypeCode(operationId: string, type: GroupType): number {
  const code = resolveBehaviour(`${operationId}#group-type/${type}`).code;
  if (code === undefined) throw new Error(`${operationId} names no code for ${type} groups`);
  return code;
}

export function limitMax(id: LimitId): number {
  const max = getLimit(id).max;
  if (max === undefined) throw new Error(`${id} has no max`);
  return max;
}

export function limitCode(id: LimitId): number {
  const code = getLimit(id).exceeded?.code;
  if (code === undefined) throw new Error(`${id} has no exceeded code`);
  return code;
}

export function pathOf(operationId: string): string {
  return getOperation(operationId).path;
}

export interface CallOptions {
  app?: MockApp;
  identifier?: string | null;
  usersig?: string | null;
  sdkappid?: string | null;
  method?: string;
  /** Raw body text instead of JSON.stringify(body). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  random?: string | null;
  path?: string;
  dispatcher?: Agent;
}

export interface CallAnswer {
  status: number;
  /** The parsed JSON body (null when not JSON). */
  body: Record<string, unknown> & { ErrorCode?: number; ActionStatus?: string; ErrorInfo?: string };
  text: string;
}

const sigCache = new Map<string, string>();

function cachedSig(app: MockApp, identifier: string): string {
  const key = `${app.sdkappid}/${identifier}`;
  let sig = sigCache.get(key);
  if (sig === undefined) {
    sig = officialSig(app, identifier);
    sigCache.set(key, sig);
  }
  return sig;
}

/** One request to the mock; options override any part of the URL or body. */
export async function callApi(
  mock: { url: string },
  operationId: string,
  body: unknown,
  options: CallOptions = {},
): Promise<CallAnswer> {
  const app = options.app ?? DEFAULT_FULL_APP;
  const identifier = options.identifier === undefined ? app.admin : options.identifier;
  const usersig = options.usersig === undefined ? cachedSig(app, identifier ?? app.admin) : options.usersig;
  const sdkappid = options.sdkappid === undefined ? String(app.sdkappid) : options.sdkappid;
  const random = options.random === undefined ? String(Math.floor(Math.random() * 4294967296)) : options.random;
  const query = new URLSearchParams();
  if (sdkappid !== null) query.set('sdkappid', sdkappid);
  if (identifier !== null) query.set('identifier', identifier);
  if (usersig !== null) query.set('usersig', usersig);
  if (random !== null) query.set('random', random);
  query.set('contenttype', 'json');
  const path = options.path ?? pathOf(operationId);
  const method = options.method ?? 'POST';
  const payload = options.rawBody ?? (method === 'GET' || method === 'HEAD' ? undefined : JSON.stringify(body));
  const response = await request(`${mock.url}${path}?${query.toString()}`, {
    method: method as 'POST',
    body: payload,
    headers: options.headers ?? { 'content-type': 'application/json' },
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const text = await response.body.text();
  let parsed: CallAnswer['body'];
  try {
    parsed = JSON.parse(text) as CallAnswer['body'];
  } catch {
    parsed = {};
  }
  return { status: response.statusCode, body: parsed, text };
}

let groupCounter = 0;

/** A fresh custom group id (Community ones carry the @TGS#_ prefix). */
export function freshGroupId(type = 'Public'): string {
  groupCounter++;
  const id = `mocktest-${process.pid}-${groupCounter}`;
  return type === 'Community' ? `@TGS#_${id}` : id;
}

export async function createGroup(
  mock: { url: string },
  type = 'Public',
  app: MockApp = DEFAULT_FULL_APP,
): Promise<string> {
  const GroupId = freshGroupId(type);
  const answer = await callApi(mock, 'create_group', { Type: type, Name: 'mock test', GroupId }, { app });
  if (answer.body.ErrorCode !== 0) throw new Error(`create_group ${type}: ${answer.text}`);
  return GroupId;
}
