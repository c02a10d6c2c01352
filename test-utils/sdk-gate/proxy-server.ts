/**
 * The recording proxy: an SDK points at it instead of the API; every request is forwarded
 * unchanged to the upstream (the real API, a region, any server), the answer is handed back
 * unchanged, and the exchange is recorded — usersig facts learnt in flight (no secret key here,
 * so the HMAC is 'unknown'), the usersig redacted — and the answer checked against the response
 * schemas and envelope rules. Forwarding comes first; judging happens after the answer is sent,
 * so the SDK waits only for the forwarding.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request as undiciRequest } from 'undici';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildExchange, serializeExchange } from './cassette.ts';
import type { JudgeApp, RecordedExchange, UserSigFacts } from './exchange.ts';
import { param, parseRequestLine } from './request-line.ts';
import { userSigFacts } from './usersig-facts.ts';
import { checkServerAnswer } from './server-answer.ts';
import type { ServerFinding } from './server-answer.ts';

export interface ProxyOptions {
  /** Origin of the server to forward to: 'https://adminapisgp.im.qcloud.com'. */
  upstream: string;
  host?: string;
  port?: number;
  /** Extra CA (PEM) trusted for an https upstream (a local https mock). */
  caCert?: string;
  /** Apps the judge knows (no secret key: HMAC stays 'unknown'). */
  apps?: JudgeApp[];
  /** Appends every exchange to this JSON-lines file as it happens. */
  recordFile?: string;
  /** Called after each exchange was answered and recorded. */
  onExchange?: (exchange: RecordedExchange, serverFindings: ServerFinding[]) => void;
}

/** Distinct UserSigs whose facts are remembered (the oldest is forgotten first). */
const FACTS_CACHE_SIZE = 256;

export interface ProxyHandle {
  url: string;
  exchanges: RecordedExchange[];
  serverFindings: ServerFinding[];
  close(): Promise<void>;
}

/**
 * Not forwarded: headers that belong to one connection (RFC 9110 §7.6.1), Host, and
 * Accept-Encoding — the upstream then answers uncompressed, so the recording holds the JSON and
 * the SDK gets exactly the bytes recorded (the proxy does not re-compress).
 */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  'accept-encoding',
]);

function forwardHeaders(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !NOT_FORWARDED.has(name)) out[name] = value;
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startProxy(options: ProxyOptions): Promise<ProxyHandle> {
  const upstream = new URL(options.upstream);
  const origin = upstream.origin;
  const apps = options.apps ?? [];
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: 64,
    ...(options.caCert !== undefined ? { connect: { ca: options.caCert } } : {}),
  });
  // A stream, not appendFileSync: a synchronous write per exchange would hold up the requests
  // behind it. Each line is handed to the stream as its exchange ends, so a stopped proxy keeps
  // all of them (a killed one may lose the last few the OS had not been given yet).
  let writer: ReturnType<typeof createWriteStream> | undefined;
  if (options.recordFile !== undefined) {
    mkdirSync(dirname(options.recordFile), { recursive: true });
    writer = createWriteStream(options.recordFile, { flags: 'w' });
    await new Promise<void>((resolve, reject) => {
      writer!.once('open', () => resolve());
      writer!.once('error', reject);
    });
  }
  const exchanges: RecordedExchange[] = [];
  const serverFindings: ServerFinding[] = [];
  let seq = 0;

  // An SDK reuses one UserSig for many requests: decode (inflate, parse) each one once.
  const factsCache = new Map<string, UserSigFacts>();
  const factsOf = (path: string): UserSigFacts | undefined => {
    const line = parseRequestLine(path);
    const usersig = param(line, 'usersig');
    if (usersig === undefined) return undefined;
    const key = `${param(line, 'sdkappid') ?? ''}\n${usersig}`;
    let facts = factsCache.get(key);
    if (facts === undefined) {
      facts = userSigFacts(usersig, param(line, 'sdkappid'), apps);
      if (factsCache.size >= FACTS_CACHE_SIZE) factsCache.delete(factsCache.keys().next().value!);
      factsCache.set(key, facts);
    }
    return facts;
  };

  const record = (
    n: number,
    req: IncomingMessage,
    receivedAtMs: number,
    body: Buffer,
    response: { status: number; body: string } | undefined,
  ): void => {
    const path = req.url ?? '/';
    const usersig = factsOf(path);
    const exchange = buildExchange(
      {
        seq: n,
        t: receivedAtMs / 1000,
        method: req.method ?? '',
        path,
        headers: req.headers as Record<string, string | string[] | undefined>,
        body,
        ...(response ? { response } : {}),
        ...(usersig ? { usersig } : {}),
      },
      apps,
    );
    let at = exchanges.length;
    while (at > 0 && exchanges[at - 1]!.seq > n) at -= 1;
    exchanges.splice(at, 0, exchange);
    writer?.write(`${serializeExchange(exchange)}\n`);
    const found = checkServerAnswer(exchange);
    serverFindings.push(...found);
    options.onExchange?.(exchange, found);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    seq += 1;
    const n = seq;
    const receivedAtMs = Date.now();
    void (async () => {
      const body = await readBody(req);
      let status: number;
      let text: string;
      let contentType: string;
      try {
        const answer = await undiciRequest(origin + (req.url ?? '/'), {
          method: (req.method ?? 'GET') as 'POST',
          headers: forwardHeaders(req.headers),
          ...(body.length > 0 || req.method === 'POST' ? { body } : {}),
          dispatcher: agent,
        });
        status = answer.statusCode;
        text = await answer.body.text();
        const ct = answer.headers['content-type'];
        contentType = (Array.isArray(ct) ? ct[0] : ct) ?? 'application/json; charset=utf-8';
      } catch (error) {
        // The upstream could not be reached: the SDK sees a gateway error, the recording no answer.
        if (!res.headersSent) {
          res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`proxy: upstream not reachable (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
        }
        record(n, req, receivedAtMs, body, undefined);
        return;
      }
      res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      setImmediate(() => record(n, req, receivedAtMs, body, { status, body: text }));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };

  const server: Server = createServer(onRequest);
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    exchanges,
    serverFindings,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
        .then(() => agent.close())
        .then(() => (writer === undefined ? undefined : new Promise<void>((resolve) => writer!.end(() => resolve()))));
      return closing;
    },
  };
}
