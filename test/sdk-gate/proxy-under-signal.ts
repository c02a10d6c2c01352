// The proxy command as a process (the bin from sources, or an installed package's): N requests
// through it at once, then a signal the moment the last answer is in — while its judging thread
// may still be judging and recording. What the proxy printed and recorded tells whether it lost any.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProxyUnderSignal {
  code: number | null;
  stderr: string;
  /** HTTP status of each answer the client got through the proxy. */
  statuses: number[];
  recordedLines: string[];
  resultsRequests: number;
}

/** The address a server command (mock, proxy) announces in its first line `listening on URL`. */
export function listeningUrl(child: ChildProcess, name: string): Promise<string> {
  return new Promise<string>((done, fail) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += String(chunk);
      const match = /listening on (\S+)/.exec(text);
      if (match) done(match[1]!);
    });
    child.on('exit', () => fail(new Error(`${name} exited before listening: ${text}`)));
  });
}

/** `command args… proxy --upstream … --record …`, `requests` requests, then `signal`. */
export async function proxyUnderSignal(
  command: string,
  args: string[],
  { cwd, env, requests, signal }: { cwd: string; env: NodeJS.ProcessEnv; requests: number; signal: NodeJS.Signals },
): Promise<ProxyUnderSignal> {
  const upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'timc-proxy-signal-'));
  const recording = join(dir, 'sdk.jsonl');
  const reportDir = join(dir, 'reports');
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const child = spawn(
    command,
    [...args, 'proxy', '--upstream', upstreamUrl, '--port', '0', '--record', recording, '--report-dir', reportDir],
    { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const url = await listeningUrl(child, 'the proxy');
    const statuses = await Promise.all(
      Array.from({ length: requests }, (_, i) =>
        fetch(`${url}/v4/group_open_http_svc/get_group_attr?sdkappid=1400000001&identifier=administrator&random=${i}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ GroupId: `g${i}` }),
        }).then(async (answer) => {
          await answer.arrayBuffer();
          return answer.status;
        }),
      ),
    );
    child.kill(signal);
    const code = await exited;
    const results = JSON.parse(readFileSync(join(reportDir, 'sdk-results.json'), 'utf8')) as {
      summary: { requests: number };
    };
    return {
      code,
      stderr,
      statuses,
      recordedLines: readFileSync(recording, 'utf8').split('\n').filter(Boolean),
      resultsRequests: results.summary.requests,
    };
  } finally {
    child.kill('SIGKILL');
    upstream.close();
  }
}
