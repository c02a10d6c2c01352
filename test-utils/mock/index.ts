/**
 * The reference mock server: a real HTTP(S) server on a real TCP port that behaves like the
 * documented Tencent Cloud Chat REST API for every operation of specs/, with the reference
 * behaviour of the profile, UserSig v2 verification, state, rates, editions and faults.
 *
 *   const mock = await startMockServer();
 *   // mock.url = 'http://127.0.0.1:41234'; sign with DEFAULT_FULL_APP's key
 *   await mock.close();
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from './default-apps.ts';
import type { MockApp } from './default-apps.ts';
import { expiryRule, hmacBytesCompared, toDeviationSet } from './deviations.ts';
import type { DeviationSet } from './deviations.ts';
import { createFaultPicker } from './faults.ts';
import type { FaultKind, FaultOptions, FaultPicker } from './faults.ts';
import { answerApiRequest, failureBody, INTERNAL_ERROR_CODE } from './pipeline.ts';
import type { PipelineRuntime } from './pipeline.ts';
import { mockRules } from './rules.ts';
import { MockState } from './state.ts';
import { selfSignedCertificate } from './tls.ts';
import type { TlsMaterial } from './tls.ts';
import { UserSigVerifier } from './usersig-verify.ts';

export { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from './default-apps.ts';
export type { MockApp } from './default-apps.ts';
export { KNOWN_DEVIATIONS } from './deviations.ts';
export { FAULT_KINDS } from './faults.ts';
export type { FaultKind, FaultOptions } from './faults.ts';
export { MockState } from './state.ts';
export type { MockGroup, MockAppState } from './state.ts';

/** Fixed time, an offset from the real time, or any function returning milliseconds since the epoch. */
export type MockClock = { fixedTimeMs: number } | { offsetMs: number } | (() => number);

export interface MockServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default [DEFAULT_FULL_APP, DEFAULT_BASIC_APP]. */
  apps?: MockApp[];
  /** Per-API call rate and per-group attribute write rate; default true. */
  rateLimits?: boolean;
  /** Added before every answer; default 0. */
  latencyMs?: number;
  faults?: FaultOptions;
  /** false (http, default), true (https, self-signed certificate made at start) or your own PEMs. */
  tls?: boolean | TlsMaterial;
  /** Used for UserSig expiry, rate windows and CreateTime. A fixed clock also freezes the rate windows. */
  clock?: MockClock;
  /** Named deviations from the reference behaviour (mutation self-check); see KNOWN_DEVIATIONS. */
  deviations?: string[];
}

export interface MockServerHandle {
  /** Origin without trailing slash: 'http://127.0.0.1:41234'. */
  url: string;
  host: string;
  port: number;
  protocol: 'http' | 'https';
  /** The certificate PEM when serving https (trust it in clients: undici `connect: { ca }`). */
  caCert: string | undefined;
  apps: readonly MockApp[];
  /** Live state, for tests to inspect (groups, attributes, counters per app). */
  state: MockState;
  /** Distinct UserSigs whose decoding is cached. */
  usersigCacheSize(): number;
  close(): Promise<void>;
}

/** How long the mock keeps an idle keep-alive connection open. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

function resolveClock(clock: MockClock | undefined): () => number {
  if (clock === undefined) return Date.now;
  if (typeof clock === 'function') return clock;
  if ('fixedTimeMs' in clock) {
    const fixed = clock.fixedTimeMs;
    return () => fixed;
  }
  const offset = clock.offsetMs;
  return () => Date.now() + offset;
}

function checkApps(apps: readonly MockApp[]): void {
  const seen = new Set<number>();
  for (const app of apps) {
    if (!Number.isSafeInteger(app.sdkappid) || app.sdkappid <= 0) throw new Error(`mock app sdkappid must be a positive integer, got ${app.sdkappid}`);
    if (seen.has(app.sdkappid)) throw new Error(`mock apps share the sdkappid ${app.sdkappid}`);
    if (typeof app.secretKey !== 'string' || app.secretKey.length === 0) throw new Error(`mock app ${app.sdkappid} needs a secret key`);
    if (typeof app.admin !== 'string' || app.admin.length === 0) throw new Error(`mock app ${app.sdkappid} needs an admin`);
    seen.add(app.sdkappid);
  }
}

/** Reads the body up to `maxBytes`; beyond that it keeps draining (the connection stays usable) and yields null. */
function readCappedBody(req: IncomingMessage, maxBytes: number, done: (body: Buffer | null) => void): void {
  let chunks: Buffer[] = [];
  let total = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (tooLarge) return;
    if (total > maxBytes) {
      tooLarge = true;
      chunks = [];
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => done(tooLarge ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)));
  req.on('error', () => {
    /* the client went away; nothing to answer */
  });
}

function send(res: ServerResponse, status: number, contentType: string, text: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const apps = options.apps ?? [DEFAULT_FULL_APP, DEFAULT_BASIC_APP];
  checkApps(apps);
  const latencyMs = options.latencyMs ?? 0;
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0)) throw new Error(`latencyMs must be >= 0, got ${latencyMs}`);
  const deviations: DeviationSet = toDeviationSet(options.deviations);
  const pickFault: FaultPicker | null = createFaultPicker(options.faults);
  const rules = mockRules();
  const state = new MockState(apps);
  const verifier = new UserSigVerifier({ lenience: { ...expiryRule(deviations), hmacBytesCompared: hmacBytesCompared(deviations) } });
  const runtime: PipelineRuntime = {
    rules,
    state,
    verifier,
    now: resolveClock(options.clock),
    rateLimits: options.rateLimits ?? true,
    deviations,
    callWindows: new Map(),
  };
  const maxBodyBytes = rules.limits.requestBodyBytes.max;

  const respond = (res: ServerResponse, status: number, contentType: string, text: string): void => {
    if (latencyMs > 0) setTimeout(() => send(res, status, contentType, text), latencyMs);
    else send(res, status, contentType, text);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const fault: FaultKind | null = pickFault === null ? null : pickFault();
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    readCappedBody(req, maxBodyBytes, (body) => {
      if (fault === 'http502') return respond(res, 502, 'text/plain; charset=utf-8', 'Bad Gateway');
      const text =
        fault === '10002'
          ? failureBody(INTERNAL_ERROR_CODE, 'internal error, retry')
          : answerApiRequest(runtime, req.method ?? '', req.url ?? '/', body);
      respond(res, 200, 'application/json; charset=utf-8', text);
    });
  };

  let tlsMaterial: TlsMaterial | undefined;
  if (options.tls === true) tlsMaterial = await selfSignedCertificate(host);
  else if (typeof options.tls === 'object') tlsMaterial = options.tls;
  const server: Server = tlsMaterial === undefined ? createHttpServer(onRequest) : createHttpsServer({ cert: tlsMaterial.cert, key: tlsMaterial.key }, onRequest);
  // Node closes an idle keep-alive connection after 5 s, close to the 4 s clients such as undici
  // keep one: on a busy machine a timer firing late lets the server close a connection the client
  // is just reusing ("other side closed"). A long server-side timeout leaves closing to the client.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const protocol = tlsMaterial === undefined ? 'http' : 'https';
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `${protocol}://${urlHost}:${port}`,
    host,
    port,
    protocol,
    caCert: tlsMaterial?.cert,
    apps,
    state,
    usersigCacheSize: () => verifier.cachedEntries,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

