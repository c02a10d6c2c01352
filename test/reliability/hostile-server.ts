/**
 * A server of the kind a broken vendor mock can be: in front of a real mock it forwards the
 * first `healthyRequests` requests (so a run's preflight passes and the breakage comes mid-run),
 * then answers every request with one hostile behaviour:
 *   silent        accepts the request and never answers
 *   drip          HTTP 200, then one byte every 900 ms, never ending
 *   huge          HTTP 200, 50 MB of JSON-looking bytes, chunked (no Content-Length)
 *   huge-declared HTTP 200 with Content-Length 50 MB, then the bytes
 *   truncated     Content-Length 200, 20 bytes, then the connection closed
 *   invalid       HTTP 200 application/json that is not JSON
 *   deep          HTTP 200, an array nested 200,000 deep
 *   html          HTTP 501 text/html
 *   wrong-type    HTTP 200 text/html whose body is a valid success envelope
 *   reset         the connection destroyed as soon as the request arrives
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { request } from 'undici';
import { readBody } from '../helpers/read-body.ts';

export const HOSTILE_BEHAVIOURS = [
  'silent',
  'drip',
  'huge',
  'huge-declared',
  'truncated',
  'invalid',
  'deep',
  'html',
  'wrong-type',
  'reset',
] as const;
export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number];

export interface HostileServer {
  url: string;
  /** Requests answered by the hostile behaviour so far. */
  hostileCount(): number;
  close(): Promise<void>;
}

const HUGE_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

/** Writes `total` bytes in chunks, respecting backpressure, stopping when the client goes away. */
async function stream(res: ServerResponse, total: number): Promise<void> {
  let sent = 0;
  while (sent < total && !res.destroyed) {
    const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, total - sent));
    sent += chunk.length;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

/** The behaviours that are one whole answer, sent at once. */
const WHOLE_ANSWERS = {
  invalid: { status: 200, type: 'application/json', body: '{"ActionStatus": OK, ErrorCode: 0' },
  deep: { status: 200, type: 'application/json', body: `${'['.repeat(200_000)}${']'.repeat(200_000)}` },
  html: { status: 501, type: 'text/html', body: '<html><body>501 Not Implemented</body></html>' },
  'wrong-type': { status: 200, type: 'text/html', body: '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}' },
} satisfies Partial<Record<HostileBehaviour, { status: number; type: string; body: string }>>;

function behave(
  behaviour: HostileBehaviour,
  req: IncomingMessage,
  res: ServerResponse,
  timers: Set<NodeJS.Timeout>,
): void {
  res.on('error', () => {});
  switch (behaviour) {
    case 'silent':
      return;
    case 'drip': {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 900);
      timers.add(timer);
      return;
    }
    case 'huge':
      res.writeHead(200, { 'content-type': 'application/json' });
      void stream(res, HUGE_BYTES);
      return;
    case 'huge-declared':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(HUGE_BYTES) });
      void stream(res, HUGE_BYTES);
      return;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
      res.write('{"ActionStatus":"OK"');
      setTimeout(() => req.socket.destroy(), 20);
      return;
    case 'invalid':
    case 'deep':
    case 'html':
    case 'wrong-type': {
      const { status, type, body } = WHOLE_ANSWERS[behaviour];
      res.writeHead(status, { 'content-type': type });
      res.end(body);
      return;
    }
    case 'reset':
      req.socket.destroy();
      return;
  }
}

export async function startHostileServer(options: {
  upstream: string;
  behaviour: HostileBehaviour;
  healthyRequests: number;
}): Promise<HostileServer> {
  let seen = 0;
  let hostile = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen += 1;
    if (seen > options.healthyRequests) {
      hostile += 1;
      behave(options.behaviour, req, res, timers);
      return;
    }
    try {
      const answer = await request(`${options.upstream}${req.url ?? '/'}`, {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
        body,
      });
      const text = await answer.body.text();
      res.writeHead(answer.statusCode, {
        'content-type': String(answer.headers['content-type'] ?? 'application/json'),
      });
      res.end(text);
    } catch {
      req.socket.destroy();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hostileCount: () => hostile,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
