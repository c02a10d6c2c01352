/**
 * A loopback HTTP server that records every request (with its arrival time) and answers with a
 * scripted function, for the client's tests. Not the reference mock: these tests check what the
 * client sends and how it reacts, whatever the server means.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedTarget } from '../../test-utils/contract/types.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  /** performance.now() at arrival. */
  at: number;
  /** The client's port: equal for requests that shared one keep-alive connection. */
  remotePort: number | undefined;
}

/** What to answer: a JSON body (status 200), a status and text, 'reset' to drop the socket, 'hang' to never answer. */
export type ScriptedAnswer = Record<string, unknown> | { status: number; text: string } | 'reset' | 'hang';

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
export function fail(code: number): Record<string, unknown> {
  return { ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: `code ${code}` };
}

export async function startRecordingServer(
  answer: (request: RecordedRequest, index: number) => ScriptedAnswer = () => OK,
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://recorded'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at,
        remotePort: req.socket.remotePort,
      };
      requests.push(recorded);
      const reply = answer(recorded, requests.length - 1);
      if (reply === 'hang') return;
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      if ('status' in reply && typeof reply.status === 'number' && typeof reply.text === 'string') {
        res.writeHead(reply.status, { 'content-type': 'text/plain' });
        res.end(reply.text);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const TEST_PREFIX = 'timc-testrun1-';

/** A target for a server of these tests, with the mock's default apps as credentials. */
export function targetFor(baseUrl: string, extra: Partial<ResolvedTarget> = {}): ResolvedTarget {
  return {
    kind: 'url',
    baseUrl,
    app: { sdkappid: DEFAULT_FULL_APP.sdkappid, secretKey: DEFAULT_FULL_APP.secretKey, admin: DEFAULT_FULL_APP.admin },
    basicApp: {
      sdkappid: DEFAULT_BASIC_APP.sdkappid,
      secretKey: DEFAULT_BASIC_APP.secretKey,
      admin: DEFAULT_BASIC_APP.admin,
    },
    seed: 1,
    strict: false,
    reportDir: 'reports',
    groupIdPrefix: TEST_PREFIX,
    ...extra,
  };
}
