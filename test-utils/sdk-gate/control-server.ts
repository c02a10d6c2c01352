/**
 * The control API an SDK's tests use to script the mock while sdk-gate runs them, at
 * TIM_CONTROL_URL = http://127.0.0.1:PORT/TOKEN. It listens on loopback only and answers only
 * under the random token carried in that URL, so nothing else on the machine (or a page in a
 * browser) can change the answers by guessing the port.
 *
 *   POST   TOKEN/rules      a rule or { "rules": [...] } (schemas/sdk-scenario.schema.json) → 201 { ids }
 *   GET    TOKEN/rules      every rule with its remaining and fired calls
 *   DELETE TOKEN/rules      lapse every pending rule (they stay in the report)
 *   GET    TOKEN/exchanges  { requests: N } recorded so far
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseScenario, ScenarioError } from './scenario.ts';
import type { ScenarioEngine } from './scenario.ts';

export interface ControlServer {
  /** http://127.0.0.1:PORT/TOKEN (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

const MAX_CONTROL_BODY = 1 << 20;

function reply(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= MAX_CONTROL_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(total > MAX_CONTROL_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export async function startControlServer(engine: ScenarioEngine, requestCount: () => number): Promise<ControlServer> {
  const token = randomBytes(16).toString('hex');
  const prefix = `/${token}/`;
  const server = createServer((req, res) => {
    void (async () => {
      if (!isLoopback(req.socket.remoteAddress)) return reply(res, 403, { error: 'loopback only' });
      const url = req.url ?? '/';
      if (!url.startsWith(prefix)) return reply(res, 404, { error: 'not found' });
      const resource = url.slice(prefix.length).split('?')[0];
      if (resource === 'rules' && req.method === 'GET') return reply(res, 200, { rules: engine.status() });
      if (resource === 'rules' && req.method === 'DELETE') {
        engine.clear();
        return reply(res, 200, { rules: engine.status() });
      }
      if (resource === 'rules' && req.method === 'POST') {
        const text = await readBody(req);
        if (text === null) return reply(res, 413, { error: 'body too large' });
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return reply(res, 400, { error: 'body is not JSON' });
        }
        const document =
          typeof value === 'object' && value !== null && !Array.isArray(value) && 'rules' in value
            ? value
            : { rules: [value] };
        try {
          const scenario = parseScenario(document, 'rule');
          return reply(res, 201, { ids: engine.add(scenario.rules) });
        } catch (error) {
          if (error instanceof ScenarioError) return reply(res, 400, { error: error.message });
          throw error;
        }
      }
      if (resource === 'exchanges' && req.method === 'GET') return reply(res, 200, { requests: requestCount() });
      return reply(res, 404, { error: 'not found' });
    })().catch(() => reply(res, 500, { error: 'internal error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
