/**
 * Recordings ("cassettes"): one RecordedExchange per line of JSON. The reader also reads the
 * shared traffic format of captured SDK sessions (`{ t, method, path, req_headers, req_body,
 * chunked, status, resp_body }`, raw usersig in the path), learning the usersig facts with the
 * apps' keys and then dropping the usersig. What the reader returns and what the writer writes
 * never hold a usersig; a secret key is never part of an exchange at all.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Buffer } from 'node:buffer';
import {
  lowerCaseHeaders,
  recordedBody,
  type ConnectionOutcome,
  type JudgeApp,
  type RecordedExchange,
  type RecordedResponse,
  type UserSigFacts,
} from './exchange.ts';
import { isRedactedUserSig, param, parseRequestLine, REDACTED, redactPath } from './request-line.ts';
import { userSigFacts } from './usersig-facts.ts';

/** A recording that cannot be read: the message names the line (the CLI prints it, exit 2). */
export class CassetteError extends Error {
  override name = 'CassetteError';
}

/** What a recorder saw, usersig still in the path: the input of buildExchange. */
export interface RawExchange {
  seq: number;
  t: number;
  method: string;
  /** Path and query exactly as sent, usersig included. */
  path: string;
  headers: Record<string, string | string[] | number | undefined>;
  body: Uint8Array | string;
  response?: RecordedResponse;
  connection?: ConnectionOutcome;
  /** Facts a recorder already learnt (kept as they are); otherwise learnt here from the path. */
  usersig?: UserSigFacts;
  /** Secrets an earlier recorder already removed (kept). */
  secretsRemoved?: RecordedExchange['secretsRemoved'];
}

/** Shorter strings would match ordinary text (the client's redactor uses the same bound). */
const MIN_SECRET_CHARS = 8;

/**
 * Replaces, in place, every app secret key found anywhere in the request and the usersig found
 * outside its query parameter (a header, the body) by `<redacted>`, and says what it removed. A
 * body that changes this way is kept as text (its raw bytes are not kept).
 */
function removeSecrets(
  exchange: RecordedExchange,
  apps: readonly JudgeApp[],
  usersig: string | undefined,
): NonNullable<RecordedExchange['secretsRemoved']> {
  const removed: NonNullable<RecordedExchange['secretsRemoved']> = [];
  const secrets: Array<{ what: 'secret-key' | 'usersig'; text: string }> = apps
    .filter(
      (a): a is JudgeApp & { secretKey: string } =>
        typeof a.secretKey === 'string' && a.secretKey.length >= MIN_SECRET_CHARS,
    )
    .map((a) => ({ what: 'secret-key' as const, text: a.secretKey }));
  if (usersig !== undefined && usersig.length >= MIN_SECRET_CHARS && !isRedactedUserSig(usersig))
    secrets.push({ what: 'usersig', text: usersig });
  for (const { what, text } of secrets) {
    const forms = [...new Set([text, encodeURIComponent(text)])];
    const scrub = (value: string) => forms.reduce((out, form) => out.split(form).join(REDACTED), value);
    if (what === 'secret-key' && forms.some((f) => exchange.path.includes(f))) {
      exchange.path = scrub(exchange.path);
      removed.push({ what, where: 'path' });
    }
    if (Object.values(exchange.headers).some((v) => forms.some((f) => v.includes(f)))) {
      for (const [name, value] of Object.entries(exchange.headers)) exchange.headers[name] = scrub(value);
      removed.push({ what, where: 'headers' });
    }
    if (forms.some((f) => exchange.body.includes(f))) {
      exchange.body = scrub(exchange.body);
      delete exchange.bodyBase64;
      removed.push({ what, where: 'body' });
    }
  }
  return removed;
}

/**
 * The exchange to keep: usersig facts learnt from the raw path with the apps' keys, then the
 * usersig redacted. The recording hook and the proxy call this for every request.
 */
export function buildExchange(raw: RawExchange, apps: readonly JudgeApp[]): RecordedExchange {
  const line = parseRequestLine(raw.path);
  const sent = line.params.get('usersig');
  let usersig = raw.usersig;
  if (usersig === undefined && sent !== undefined && !isRedactedUserSig(sent[0])) {
    usersig = userSigFacts(sent[0] ?? '', param(line, 'sdkappid'), apps);
  }
  const bytes = typeof raw.body === 'string' ? Buffer.from(raw.body, 'utf8') : raw.body;
  const exchange: RecordedExchange = {
    seq: raw.seq,
    t: raw.t,
    method: raw.method,
    path: redactPath(raw.path),
    headers: lowerCaseHeaders(raw.headers),
    ...recordedBody(bytes),
  };
  const removed = removeSecrets(exchange, apps, sent?.[0]);
  if (removed.length > 0) exchange.secretsRemoved = [...(raw.secretsRemoved ?? []), ...removed];
  else if (raw.secretsRemoved !== undefined) exchange.secretsRemoved = raw.secretsRemoved;
  if (usersig !== undefined) exchange.usersig = usersig;
  if (raw.response !== undefined) exchange.response = raw.response;
  if (raw.connection !== undefined) exchange.connection = raw.connection;
  return exchange;
}

/** One line of the shared traffic format (captured SDK sessions). */
interface TrafficLine {
  t: number;
  method: string;
  path: string;
  req_headers: Record<string, string>;
  req_body: string;
  chunked?: boolean;
  status: number | null;
  resp_body: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromTraffic(line: TrafficLine, seq: number, apps: readonly JudgeApp[]): RecordedExchange {
  return buildExchange(
    {
      seq,
      t: line.t,
      method: line.method,
      path: line.path,
      headers: line.req_headers,
      body: line.req_body ?? '',
      ...(typeof line.status === 'number' ? { response: { status: line.status, body: line.resp_body ?? '' } } : {}),
    },
    apps,
  );
}

function checkTraffic(value: Record<string, unknown>, where: string): TrafficLine {
  if (
    typeof value.t !== 'number' ||
    typeof value.method !== 'string' ||
    typeof value.path !== 'string' ||
    !isRecord(value.req_headers)
  ) {
    throw new CassetteError(`${where}: a traffic line needs t (number), method, path and req_headers`);
  }
  if (value.req_body !== undefined && value.req_body !== null && typeof value.req_body !== 'string') {
    throw new CassetteError(`${where}: req_body must be a string`);
  }
  return value as unknown as TrafficLine;
}

function checkExchange(value: Record<string, unknown>, where: string): RecordedExchange {
  const ok =
    typeof value.seq === 'number' &&
    typeof value.t === 'number' &&
    typeof value.method === 'string' &&
    typeof value.path === 'string' &&
    isRecord(value.headers) &&
    typeof value.body === 'string' &&
    (value.bodyBase64 === undefined || typeof value.bodyBase64 === 'string') &&
    (value.response === undefined ||
      (isRecord(value.response) &&
        typeof value.response.status === 'number' &&
        typeof value.response.body === 'string')) &&
    (value.usersig === undefined || (isRecord(value.usersig) && typeof value.usersig.decodes === 'boolean'));
  if (!ok)
    throw new CassetteError(
      `${where}: an exchange needs seq, t, method, path, headers and body (see test-utils/sdk-gate/exchange.ts)`,
    );
  return value as unknown as RecordedExchange;
}

export interface ReadCassetteOptions {
  /** Apps whose keys check the HMAC of raw usersigs (shared traffic); never stored. */
  apps?: readonly JudgeApp[];
  /** Name used in error messages (the file name). */
  source?: string;
}

/** Parses a recording; throws CassetteError naming the first bad line. */
export function parseCassette(text: string, options: ReadCassetteOptions = {}): RecordedExchange[] {
  const apps = options.apps ?? [];
  const source = options.source ?? 'recording';
  const out: RecordedExchange[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    const where = `${source} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new CassetteError(`${where} is not JSON`);
    }
    if (!isRecord(value)) throw new CassetteError(`${where} is not a JSON object`);
    if ('req_headers' in value) {
      out.push(fromTraffic(checkTraffic(value, where), out.length + 1, apps));
    } else {
      // A project recording; a usersig left in its path is learnt from, then redacted, like a live one.
      const exchange = checkExchange(value, where);
      out.push(
        buildExchange(
          {
            ...exchange,
            headers: exchange.headers,
            body: exchange.bodyBase64 !== undefined ? Buffer.from(exchange.bodyBase64, 'base64') : exchange.body,
          },
          apps,
        ),
      );
    }
  }
  return out;
}

/** Reads a recording file; a missing or unreadable file is a CassetteError (one line). */
export function readCassette(path: string, options: ReadCassetteOptions = {}): RecordedExchange[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CassetteError(`cannot read recording '${path}'${code ? ` (${code})` : ''}`);
  }
  return parseCassette(text, { ...options, source: options.source ?? path });
}

/** One line of a recording: the exchange with its path's usersig redacted (again, to be sure). */
export function serializeExchange(exchange: RecordedExchange): string {
  return JSON.stringify({ ...exchange, path: redactPath(exchange.path) });
}

/** Writes a whole recording (replacing the file). */
export function writeCassette(path: string, exchanges: readonly RecordedExchange[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, exchanges.map((e) => `${serializeExchange(e)}\n`).join(''));
}

/** Appends exchanges one by one as they happen (a recording survives a killed recorder). */
export class CassetteWriter {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
  }
  append(exchange: RecordedExchange): void {
    appendFileSync(this.path, `${serializeExchange(exchange)}\n`);
  }
}
