/**
 * A fault-injecting, counting HTTP proxy in front of a mock. It sees every request a run sends
 * (so it can prove what was and was not repeated) and decides per request, with a seeded
 * picker and a caller's policy, whether to answer it itself with a fault:
 *   '10002'      HTTP 200, ErrorCode 10002 ("internal error, retry"), not forwarded
 *   'http502'    HTTP 502, not forwarded
 *   'drop'       the connection closed without an answer, not forwarded
 *   'drop-after' forwarded (the mock applied it), then the connection closed without an answer
 *   'slow'       forwarded, the answer held back for `slowMs` (near the server's 3 s timeout)
 * A request identical to the previous one with the same path and body (a retry) never gets a
 * second failing fault in a row, so every retried call succeeds on its next attempt.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent, request } from 'undici';
import { operationByPath } from '../../test-utils/contract/index.ts';
import { failureBody, INTERNAL_ERROR_CODE } from '../../test-utils/mock/pipeline.ts';
import { mulberry32 } from '../../test-utils/mock/faults.ts';
import { readBody } from '../helpers/read-body.ts';

export const PROXY_FAULTS = ['10002', 'http502', 'drop', 'drop-after', 'slow'] as const;
export type ProxyFault = (typeof PROXY_FAULTS)[number];
/** The faults after which the client sees a failure and may retry (slow answers succeed). */
export const FAILING_FAULTS: ReadonlySet<ProxyFault> = new Set(['10002', 'http502', 'drop', 'drop-after']);

export interface SeenRequest {
  operationId: string | undefined;
  path: string;
  body: string;
  /** The body's Mode member, when it has one. */
  mode: unknown;
  fault: ProxyFault | null;
}

/** Which requests may get a fault, and which fault (null: forward untouched). */
export type FaultPolicy = (request: SeenRequest, pick: () => ProxyFault | null) => ProxyFault | null;

export interface FaultProxyOptions {
  upstream: string;
  policy: FaultPolicy;
  /** Share of eligible requests that get a fault (used by `pick`). */
  share: number;
  seed: number;
  kinds?: readonly ProxyFault[];
  slowMs?: number;
}

export interface FaultProxy {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = mulberry32(options.seed);
  const kinds = options.kinds ?? PROXY_FAULTS;
  const slowMs = options.slowMs ?? 2700;
  // Whether is seeded; which goes round the kinds, so a handful of faults already covers them all.
  let picked = 0;
  const pick = () => (random() < options.share ? kinds[picked++ % kinds.length]! : null);
  const seen: SeenRequest[] = [];
  /** path+body of requests whose last arrival got a failing fault. */
  const lastFailed = new Set<string>();
  const agent = new Agent({ connections: 64 });
  const sockets = new Set<import('node:net').Socket>();

  const forward = async (req: IncomingMessage, body: Buffer) => {
    const headers: Record<string, string> = {};
    if (req.headers['content-type']) headers['content-type'] = String(req.headers['content-type']);
    const answer = await request(`${options.upstream}${req.url ?? '/'}`, {
      method: (req.method ?? 'POST') as 'POST',
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
      dispatcher: agent,
    });
    return {
      status: answer.statusCode,
      contentType: String(answer.headers['content-type'] ?? 'application/json'),
      text: await answer.body.text(),
    };
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const text = body.toString('utf8');
    let mode: unknown;
    try {
      mode = (JSON.parse(text) as { Mode?: unknown }).Mode;
    } catch {
      mode = undefined;
    }
    const seenRequest: SeenRequest = {
      operationId: operationByPath(path)?.operationId,
      path,
      body: text,
      mode,
      fault: null,
    };
    const key = `${path}\u0000${text}`;
    // A repeat of a request that just failed goes through untouched (and takes no turn of the kinds).
    const fault = lastFailed.has(key) ? null : options.policy(seenRequest, pick);
    if (fault !== null && FAILING_FAULTS.has(fault)) lastFailed.add(key);
    else lastFailed.delete(key);
    seenRequest.fault = fault;
    seen.push(seenRequest);

    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'http502') {
      res.writeHead(502, { 'content-type': 'text/plain' });
      return void res.end('Bad Gateway');
    }
    if (fault === '10002') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(failureBody(INTERNAL_ERROR_CODE, 'internal error, retry'));
    }
    let answer;
    try {
      answer = await forward(req, body);
    } catch {
      return void req.socket.destroy();
    }
    if (fault === 'drop-after') return void req.socket.destroy();
    if (fault === 'slow') await new Promise((r) => setTimeout(r, slowMs));
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'content-type': answer.contentType });
    res.end(answer.text);
  };

  const server: Server = createServer((req, res) => void onRequest(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      await agent.close();
    },
  };
}
