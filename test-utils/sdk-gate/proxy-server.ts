/**
 * The recording proxy: an SDK points at it instead of the API; every request is forwarded
 * unchanged to the upstream (the real API, a region, any server), the answer is handed back
 * unchanged, and the exchange is recorded — usersig facts learnt in flight (no secret key here,
 * so the HMAC is 'unknown'), the usersig redacted — and the answer checked against the response
 * schemas and envelope rules. The forwarding event loop only forwards: once the SDK has its
 * answer, the exchange's bytes go to the judging thread (proxy-judge-thread.ts), which judges and
 * records it while the next request is forwarded.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JudgeApp, JudgeContext, RecordedExchange } from './exchange.ts';
import { startJudgeThread, type JudgeThread } from './proxy-judge-thread.ts';
import type { JudgedExchange, LiveRequestFinding } from './proxy-judging.ts';
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
  /** Appends every exchange to this JSON-lines file as it is judged (created anew). */
  recordFile?: string;
  /**
   * Also judge each request alone, in this context (the live line of the proxy command); the
   * findings are the third argument of onExchange.
   */
  judgeEach?: JudgeContext;
  /** Called after each exchange was answered, judged and recorded (in the order judged). */
  onExchange?: (
    exchange: RecordedExchange,
    serverFindings: ServerFinding[],
    requestFindings: LiveRequestFinding[] | undefined,
  ) => void;
}

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

/** The body in an ArrayBuffer of its own, so that it can be transferred to the judging thread. */
function readBody(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(ownBytes(chunks)));
    req.on('error', reject);
  });
}

function ownBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export async function startProxy(options: ProxyOptions): Promise<ProxyHandle> {
  const upstream = new URL(options.upstream);
  const origin = upstream.origin;
  // One pool of kept-alive connections to the one upstream; requests name only their path, so
  // no URL is parsed per request.
  const upstreamPool = new Pool(origin, {
    keepAliveTimeout: 30_000,
    connections: 64,
    ...(options.caCert !== undefined ? { connect: { ca: options.caCert } } : {}),
  });
  // The judging thread creates the recording (an error of startProxy when it cannot).
  if (options.recordFile !== undefined) mkdirSync(dirname(options.recordFile), { recursive: true });
  const exchanges: RecordedExchange[] = [];
  const serverFindings: ServerFinding[] = [];
  const onJudged = ({ exchange, serverFindings: found, requestFindings }: JudgedExchange): void => {
    // Answers may come back out of order: keep the exchanges in order of arrival.
    let at = exchanges.length;
    while (at > 0 && exchanges[at - 1]!.seq > exchange.seq) at -= 1;
    exchanges.splice(at, 0, exchange);
    serverFindings.push(...found);
    options.onExchange?.(exchange, found, requestFindings);
  };
  let judging: JudgeThread;
  try {
    judging = await startJudgeThread(
      {
        apps: options.apps ?? [],
        ...(options.judgeEach !== undefined ? { judgeEach: options.judgeEach } : {}),
        ...(options.recordFile !== undefined ? { recordFile: options.recordFile } : {}),
      },
      onJudged,
    );
  } catch (error) {
    await upstreamPool.close();
    throw error;
  }
  let seq = 0;
  /** Requests being forwarded: close() hands them all to the judging thread before draining it. */
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const forward = async (n: number, receivedAtMs: number, req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const exchange = {
      seq: n,
      receivedAtMs,
      method: req.method ?? '',
      path: req.url ?? '/',
      headers: req.headers,
      body,
    };
    let status: number;
    let answer: Uint8Array;
    let contentType: string;
    try {
      const upstreamAnswer = await upstreamPool.request({
        path: req.url ?? '/',
        method: (req.method ?? 'GET') as 'POST',
        headers: forwardHeaders(req.headers),
        ...(body.length > 0 || req.method === 'POST' ? { body } : {}),
      });
      status = upstreamAnswer.statusCode;
      answer = await upstreamAnswer.body.bytes();
      const ct = upstreamAnswer.headers['content-type'];
      contentType = (Array.isArray(ct) ? ct[0] : ct) ?? 'application/json; charset=utf-8';
    } catch (error) {
      // The upstream could not be reached: the SDK sees a gateway error, the recording no answer.
      if (!res.headersSent) {
        res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`proxy: upstream not reachable (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      judging.judge(exchange);
      return;
    }
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': answer.byteLength });
    res.end(answer);
    // The bytes written to the socket stay with it; the judging thread gets a copy of its own.
    judging.judge({ ...exchange, response: { status, body: ownBytes([answer]) } });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    seq += 1;
    inFlight += 1;
    forward(seq, Date.now(), req, res)
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      })
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
  };
  const server: Server = createServer(onRequest);
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await upstreamPool.close();
    await judging.drain();
    throw error;
  }
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
        .then(() => new Promise<void>((resolve) => (inFlight === 0 ? resolve() : (idle = resolve))))
        .then(() => upstreamPool.close())
        .then(() => judging.drain());
      return closing;
    },
  };
}
