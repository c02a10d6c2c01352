// The recording proxy: the same traffic through the proxy (recorded, then judged offline with
// `judge`) earns the same findings as under sdk-gate; the recording holds no usersig; answers
// that break the envelope are server findings that never gate the SDK.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffCommand } from '../../test-utils/cli/diff-command.ts';
import { runJudgeCommand } from '../../test-utils/cli/judge-command.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP, startMockServer } from '../../test-utils/mock/index.ts';
import { runProxy } from '../../test-utils/sdk-gate/run-proxy.ts';
import { startProxy } from '../../test-utils/sdk-gate/proxy-server.ts';
import { CLIENTS, runGate } from './helpers.ts';
import { proxyUnderSignal } from './proxy-under-signal.ts';

const DEFECTS = ['field-case', 'counter-value-float', 'random-repeated', 'not-admin', 'no-content-type'];
const SCRIPT = DEFECTS.map((d) => `"$NODE" "$CLIENTS/broken-client.mjs" ${d}`).join(' && ');

/** Runs the defects one after the other with TIM_MOCK_URL pointing at `url`. */
function runClients(url: string): Promise<number | null> {
  const env = {
    ...process.env,
    NODE: process.execPath,
    CLIENTS,
    TIM_MOCK_URL: url,
    TIM_SDKAPPID: String(DEFAULT_FULL_APP.sdkappid),
    TIM_SECRET_KEY: DEFAULT_FULL_APP.secretKey,
    TIM_ADMIN: DEFAULT_FULL_APP.admin,
    TIM_BASIC_SDKAPPID: String(DEFAULT_BASIC_APP.sdkappid),
    TIM_BASIC_SECRET_KEY: DEFAULT_BASIC_APP.secretKey,
  };
  return new Promise((resolve) => spawn('sh', ['-c', SCRIPT], { env, stdio: 'ignore' }).on('close', resolve));
}

interface Proxied {
  code: number;
  lines: string[];
  recording: string;
  reportDir: string;
}

/** A proxy in front of `upstream` while `drive(proxyUrl)` runs; stops it and returns its outcome. */
async function throughProxy(upstream: string, drive: (url: string) => Promise<unknown>): Promise<Proxied> {
  const dir = mkdtempSync(join(tmpdir(), 'timc-proxy-'));
  const recording = join(dir, 'sdk.jsonl');
  const reportDir = join(dir, 'reports');
  const lines: string[] = [];
  const stop = new AbortController();
  let listening!: (url: string) => void;
  const url = new Promise<string>((resolve) => (listening = resolve));
  const io = {
    out: (l: string) => {
      lines.push(l);
      const m = /^listening on (\S+)/.exec(l);
      if (m) listening(m[1]!);
    },
    err: (l: string) => lines.push(l),
    signal: stop.signal,
  };
  const done = runProxy({ upstream, port: 0, host: '127.0.0.1', reportDir, recordFile: recording }, io);
  await drive(await url);
  stop.abort();
  return { code: await done, lines, recording, reportDir };
}

const key = (f: { rule: string; status: string; operation: string; count: number; seqs: number[] }) =>
  `${f.rule} ${f.status} ${f.operation} ×${f.count} @${f.seqs.join(',')}`;

describe.concurrent('proxy', { timeout: 90_000 }, () => {
  it('proxy + judge give the same findings as sdk-gate for the same traffic, and the recording holds no usersig', async () => {
    const gateRecording = join(mkdtempSync(join(tmpdir(), 'timc-gate-rec-')), 'gate.jsonl');
    const gate = await runGate([
      '--record',
      gateRecording,
      '--',
      'sh',
      '-c',
      SCRIPT.replaceAll('"$NODE"', `"${process.execPath}"`).replaceAll('$CLIENTS', CLIENTS),
    ]);
    const mock = await startMockServer();
    let proxied: Proxied;
    try {
      proxied = await throughProxy(mock.url, runClients);
    } finally {
      await mock.close();
    }
    const judged = mkdtempSync(join(tmpdir(), 'timc-judged-'));
    const out: string[] = [];
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TIM_')));
    const judgeCode = await runJudgeCommand(
      [proxied.recording, '--report-dir', judged],
      { out: (l) => out.push(l), err: (l) => out.push(l) },
      env,
    );
    const fromJudge = JSON.parse(readFileSync(join(judged, 'sdk-results.json'), 'utf8'))
      .findings.map(key)
      .sort();
    const fromGate = gate.results!.findings.map(key).sort();
    expect(fromGate.length).toBeGreaterThanOrEqual(DEFECTS.length);
    expect(fromJudge).toEqual(fromGate);
    expect(judgeCode).toBe(gate.code);
    // sdk-gate's own recording judges the same, and answers the same as the proxied mock's.
    const judgedGate = mkdtempSync(join(tmpdir(), 'timc-judged-gate-'));
    await runJudgeCommand([gateRecording, '--report-dir', judgedGate], { out: () => {}, err: () => {} }, env);
    expect(
      JSON.parse(readFileSync(join(judgedGate, 'sdk-results.json'), 'utf8'))
        .findings.map(key)
        .sort(),
    ).toEqual(fromGate);
    expect(await diffCommand([gateRecording, proxied.recording], { out: () => {}, err: () => {} })).toBe(0);

    const text = readFileSync(proxied.recording, 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(gate.results!.summary.requests);
    expect(text).toContain('usersig=<redacted>');
    expect(text).not.toMatch(/\be[AJN][A-Za-z0-9*_-]{40,}/);
    expect(text).not.toContain(DEFAULT_FULL_APP.secretKey);
    // Live, without the key: one line per request, the request rules named as they happen.
    expect(
      proxied.lines.some((l) =>
        /^#\d+ POST modify_group_attr → HTTP 200 ErrorCode 10004; body\.name-case \(gating\)/.test(l),
      ),
    ).toBe(true);
    expect(proxied.code).toBe(1);
  });

  it('answers that break the envelope or the HTTP status are server findings (notes: they never gate the SDK)', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.includes('get_group_counter')) {
          res.writeHead(500, { 'Content-Type': 'text/plain' });
          res.end('oops');
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('{"ActionStatus":"OK","ErrorCode":"0","GroupId":"g1"}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const upstream = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let proxied: Proxied;
    try {
      proxied = await throughProxy(
        upstream,
        (url) =>
          new Promise((resolve) =>
            spawn(process.execPath, [join(CLIENTS, 'correct-client.mjs')], {
              env: {
                ...process.env,
                TIM_MOCK_URL: url,
                TIM_SDKAPPID: '1400000001',
                TIM_SECRET_KEY: DEFAULT_FULL_APP.secretKey,
                TIM_ADMIN: 'administrator',
              },
              stdio: 'ignore',
            }).on('close', resolve),
          ),
      );
    } finally {
      server.close();
    }
    const results = JSON.parse(readFileSync(join(proxied.reportDir, 'sdk-results.json'), 'utf8'));
    const server_ = results.findings.filter((f: { rule: string }) => f.rule.startsWith('server.'));
    expect(
      server_
        .map((f: { rule: string; operation: string; status: string }) => `${f.rule} ${f.operation} ${f.status}`)
        .sort(),
    ).toEqual(
      expect.arrayContaining(['server.envelope create_group note', 'server.http-status get_group_counter note']),
    );
    expect(proxied.code).toBe(0);
  });
});

describe('proxy forwarding', () => {
  it("hands the upstream's answer bytes back as they came; the recording holds their text", async () => {
    const sent = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ActionStatus":"OK","ErrorCode":0}')]);
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(sent);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = await startProxy({ upstream: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    try {
      const answer = await fetch(`${proxy.url}/v4/group_open_http_svc/get_group_info`, { method: 'POST', body: '{}' });
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(Buffer.from(await answer.arrayBuffer())).toEqual(sent);
    } finally {
      await proxy.close();
      server.close();
    }
    expect(proxy.exchanges.map((e) => e.response?.body)).toEqual(['{"ActionStatus":"OK","ErrorCode":0}']);
  });
});

describe('proxy command line', () => {
  // The judging and the recording run in a thread of their own (from the TypeScript sources here,
  // through the bin's tsx; test/package/tarball.test.ts runs the built one): a signal that comes
  // while it is still busy waits for it, so every forwarded request is judged and recorded.
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'the bin proxy stopped by %s right after the last answer has judged and recorded every request',
    { timeout: 60_000 },
    async (signal) => {
      const requests = 40;
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
      const outcome = await proxyUnderSignal(
        process.execPath,
        [join(import.meta.dirname, '..', '..', 'bin', 'tim-conformance.mjs')],
        {
          cwd: join(import.meta.dirname, '..', '..'),
          env,
          requests,
          signal,
        },
      );
      expect(outcome.statuses).toEqual(Array(requests).fill(200));
      expect(outcome.recordedLines).toHaveLength(requests);
      expect(outcome.resultsRequests).toBe(requests);
      expect(outcome.stderr).toContain(`proxy: ${requests} request(s)`);
      expect(outcome.stderr.match(/^#\d+ POST get_group_attr → HTTP 200 ErrorCode 0/gm)).toHaveLength(requests);
      // No UserSig in any request: a gating finding, so exit 1 (not a crash, not a kill).
      expect(outcome.code).toBe(1);
    },
  );

  it("region:NAME resolves to the region's host from the spec; with no request it judges nothing (exit 1)", async () => {
    const { proxyCommand } = await import('../../test-utils/cli/proxy-command.ts');
    const lines: string[] = [];
    const stop = new AbortController();
    const io = {
      out: (l: string) => {
        lines.push(l);
        stop.abort();
      },
      err: (l: string) => lines.push(l),
      signal: stop.signal,
    };
    const code = await proxyCommand(
      ['--upstream', 'region:sgp', '--port', '0', '--report-dir', mkdtempSync(join(tmpdir(), 'timc-proxy-region-'))],
      io,
    );
    expect(lines[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+ → https:\/\/adminapisgp\.im\.qcloud\.com$/);
    expect(lines.at(-1)).toBe('proxy: no request came through; nothing to judge');
    expect(code).toBe(1);
  });

  it('a missing or bad --upstream or --port is a one-line usage error (exit 2 through main)', async () => {
    const { main } = await import('../../test-utils/cli/main.ts');
    for (const args of [
      [],
      ['--port', '0'],
      ['--upstream', 'region:atlantis', '--port', '0'],
      ['--upstream', 'ftp://x', '--port', '0'],
      ['--upstream', 'http://127.0.0.1:1', '--port', 'x'],
    ]) {
      const err: string[] = [];
      expect(await main(['proxy', ...args], { out: () => {}, err: (l) => err.push(l) })).toBe(2);
      expect(err).toHaveLength(1);
    }
  });
});
