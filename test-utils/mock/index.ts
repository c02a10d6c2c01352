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
import { requestBodyCap, toDeviationSet, verifierLenienceFor } from './deviations.ts';
import type { DeviationSet } from './deviations.ts';
import type { MockExchangeHook, MockIncomingRequest } from './exchange-hook.ts';
import { createFaultPicker } from './faults.ts';
import type { FaultKind, FaultOptions, FaultPicker } from './faults.ts';
import { answerApiRequest, failureBody, INTERNAL_ERROR_CODE, mockStepsFor } from './pipeline.ts';
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
export type {
  MockAnswerOverride,
  MockExchangeHook,
  MockExchangeOutcome,
  MockIncomingRequest,
} from './exchange-hook.ts';
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
  /** Sees every request, may replace its answer, hears how it ended (recording, scripted answers). */
  exchangeHook?: MockExchangeHook;
  /**
   * Also serve https on a second port (same state, same hook), for SDKs that only speak https
   * while others use http; true makes a self-signed certificate. Not with `tls`.
   */
  alsoHttps?: boolean | TlsMaterial;
}

export interface MockServerHandle {
  /** Origin without trailing slash: 'http://127.0.0.1:41234'. */
  url: string;
  host: string;
  port: number;
  protocol: 'http' | 'https';
  /** The certificate PEM when serving https (trust it in clients: undici `connect: { ca }`). */
  caCert: string | undefined;
  /** The https origin of the second server (with `alsoHttps`). */
  httpsUrl?: string;
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
    if (!Number.isSafeInteger(app.sdkappid) || app.sdkappid <= 0)
      throw new Error(`mock app sdkappid must be a positive integer, got ${app.sdkappid}`);
    if (seen.has(app.sdkappid)) throw new Error(`mock apps share the sdkappid ${app.sdkappid}`);
    if (typeof app.secretKey !== 'string' || app.secretKey.length === 0)
      throw new Error(`mock app ${app.sdkappid} needs a secret key`);
    if (typeof app.admin !== 'string' || app.admin.length === 0)
      throw new Error(`mock app ${app.sdkappid} needs an admin`);
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
  const verifier = new UserSigVerifier({
    lenience: verifierLenienceFor(deviations),
  });
  const runtime: PipelineRuntime = {
    rules,
    state,
    verifier,
    now: resolveClock(options.clock),
    rateLimits: options.rateLimits ?? true,
    deviations,
    steps: mockStepsFor(deviations),
    callWindows: new Map(),
  };
  const maxBodyBytes = requestBodyCap(rules.limits.requestBodyBytes.max, deviations);

  const respond = (res: ServerResponse, status: number, contentType: string, text: string): void => {
    if (latencyMs > 0) setTimeout(() => send(res, status, contentType, text), latencyMs);
    else send(res, status, contentType, text);
  };

  const hook = options.exchangeHook;
  const onRequest =
    (protocol: 'http' | 'https') =>
    (req: IncomingMessage, res: ServerResponse): void => {
      const fault: FaultKind | null = pickFault === null ? null : pickFault();
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      readCappedBody(req, maxBodyBytes, (body) => {
        if (hook !== undefined) return answerThroughHook(hook, protocol, req, res, body);
        if (fault === 'http502') return respond(res, 502, 'text/plain; charset=utf-8', 'Bad Gateway');
        const text =
          fault === '10002'
            ? failureBody(INTERNAL_ERROR_CODE, 'internal error, retry')
            : answerApiRequest(runtime, req.method ?? '', req.url ?? '/', body);
        respond(res, 200, 'application/json; charset=utf-8', text);
      });
    };

  const answerThroughHook = (
    h: MockExchangeHook,
    protocol: 'http' | 'https',
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer | null,
  ): void => {
    const request: MockIncomingRequest = {
      method: req.method ?? '',
      url: req.url ?? '/',
      headers: req.headers,
      body,
      receivedAtMs: runtime.now(),
      protocol,
    };
    const override = h.override?.(request);
    if (override?.drop === 'before-apply') {
      req.socket.destroy();
      h.observe?.(request, { dropped: 'before-apply', override });
      return;
    }
    const status = override?.answer?.status ?? 200;
    const text = override?.answer?.body ?? answerApiRequest(runtime, request.method, request.url, body);
    if (override?.drop === 'after-apply') {
      req.socket.destroy();
      h.observe?.(request, { dropped: 'after-apply', override });
      return;
    }
    const contentType = override?.answer?.contentType ?? 'application/json; charset=utf-8';
    const finish = (): void => {
      send(res, status, contentType, text);
      h.observe?.(
        request,
        override === undefined ? { response: { status, body: text } } : { response: { status, body: text }, override },
      );
    };
    const delay = latencyMs + (override?.delayMs ?? 0);
    if (delay > 0) setTimeout(finish, delay);
    else finish();
  };

  let tlsMaterial: TlsMaterial | undefined;
  if (options.tls === true) tlsMaterial = await selfSignedCertificate(host);
  else if (typeof options.tls === 'object') tlsMaterial = options.tls;
  const protocol = tlsMaterial === undefined ? 'http' : 'https';
  const server: Server =
    tlsMaterial === undefined
      ? createHttpServer(onRequest('http'))
      : createHttpsServer({ cert: tlsMaterial.cert, key: tlsMaterial.key }, onRequest('https'));
  let httpsServer: Server | undefined;
  if (options.alsoHttps !== undefined && options.alsoHttps !== false) {
    if (tlsMaterial !== undefined) throw new Error('alsoHttps is for an http mock; it already serves https');
    tlsMaterial = options.alsoHttps === true ? await selfSignedCertificate(host) : options.alsoHttps;
    httpsServer = createHttpsServer({ cert: tlsMaterial.cert, key: tlsMaterial.key }, onRequest('https'));
    httpsServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  }
  // Node closes an idle keep-alive connection after 5 s, close to the 4 s clients such as undici
  // keep one: on a busy machine a timer firing late lets the server close a connection the client
  // is just reusing ("other side closed"). A long server-side timeout leaves closing to the client.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  const listen = (s: Server, port: number): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => {
        s.off('error', reject);
        resolve((s.address() as AddressInfo).port);
      });
    });
  const port = await listen(server, options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let httpsPort: number | undefined;
  if (httpsServer !== undefined) {
    try {
      httpsPort = await listen(httpsServer, 0);
    } catch (error) {
      server.close();
      throw error;
    }
  }

  let closing: Promise<void> | undefined;
  return {
    url: `${protocol}://${urlHost}:${port}`,
    host,
    port,
    protocol,
    caCert: tlsMaterial?.cert,
    ...(httpsPort === undefined ? {} : { httpsUrl: `https://${urlHost}:${httpsPort}` }),
    apps,
    state,
    usersigCacheSize: () => verifier.cachedEntries,
    close() {
      const stop = (s: Server): Promise<void> =>
        new Promise<void>((resolve) => {
          s.close(() => resolve());
          s.closeAllConnections();
        });
      closing ??= Promise.all([stop(server), ...(httpsServer === undefined ? [] : [stop(httpsServer)])]).then(
        () => undefined,
      );
      return closing;
    },
  };
}
