// `tim-conformance mock`: spawned through the real entry (bin/ → dispatcher → runMockCommand),
// and in-process for the parsing rules.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { parseMockArgs, runMockCommand } from '../../test-utils/mock/cli.ts';
import { callApi, DEFAULT_FULL_APP, handBuiltSig } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DISPATCHER = existsSync(join(ROOT, 'test-utils', 'cli', 'main.ts'));
const SECRET = 'cli-test-secret-key-never-printed';

interface Child {
  firstLine: Promise<string>;
  output: () => string;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
}

function spawnMock(args: string[]): Child {
  const child = spawn(process.execPath, ['bin/tim-conformance.mjs', 'mock', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      output += d;
      const newline = stdout.indexOf('\n');
      if (newline !== -1) resolve(stdout.slice(0, newline));
    });
    child.on('exit', () => reject(new Error(`exited before printing a line: ${output}`)));
  });
  child.stderr.on('data', (d: Buffer) => (output += d));
  return {
    firstLine,
    output: () => output,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    kill: (signal) => child.kill(signal),
  };
}

describe.runIf(DISPATCHER)('tim-conformance mock (spawned)', { timeout: 30_000 }, () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints "listening on http://HOST:PORT" first, serves, and exits 0 on %s',
    async (signal) => {
      const child = spawnMock([
        '--port',
        '0',
        '--sdkappid',
        '1400000321',
        '--secret-key',
        SECRET,
        '--admin',
        'ops',
        '--no-rate-limits',
      ]);
      const line = await child.firstLine;
      const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      expect(match, line).not.toBeNull();
      const app = { ...DEFAULT_FULL_APP, sdkappid: 1400000321, secretKey: SECRET, admin: 'ops' };
      const usersig = handBuiltSig({
        identifier: 'ops',
        sdkappid: app.sdkappid,
        secretKey: SECRET,
        time: Math.floor(Date.now() / 1000),
        expire: 60,
      });
      expect((await callApi({ url: match![1]! }, 'get_appid_group_list', {}, { app, usersig })).body.ErrorCode).toBe(0);
      child.kill(signal);
      expect(await child.exited).toBe(0);
      expect(child.output()).not.toContain(SECRET);
    },
  );

  it('--tls serves https and says so', async () => {
    const child = spawnMock(['--port', '0', '--tls']);
    const line = await child.firstLine;
    expect(line).toMatch(/^listening on https:\/\/127\.0\.0\.1:\d+$/);
    child.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  });

  it.each([
    [['--bogus']],
    [['--port', 'eighty']],
    [['--sdkappid', '5']],
    [['--secret-key', SECRET]],
    [['--sdkappid', '5', '--secret-key', SECRET, 'stray-positional-secret']],
    [['--cert', 'only-cert.pem']],
  ])('bad flags %j: one line, no stack, no secret, exit 2', async (args) => {
    const child = spawnMock(args);
    child.firstLine.catch(() => undefined);
    expect(await child.exited).toBe(2);
    const lines = child.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tim-conformance mock: /);
    expect(child.output()).not.toMatch(/ at |Error:/);
    expect(child.output()).not.toContain(SECRET);
    expect(child.output()).not.toContain('stray-positional-secret');
  });
});

describe('runMockCommand (in process)', () => {
  it('starts, answers, and stops on its abort signal with exit code 0', async () => {
    const lines: string[] = [];
    const controller = new AbortController();
    let firstLineSeen: (line: string) => void = () => undefined;
    const firstLine = new Promise<string>((resolve) => (firstLineSeen = resolve));
    const done = runMockCommand(['--port', '0', '--latency-ms', '1'], {
      stdout: (line) => {
        if (lines.length === 0) firstLineSeen(line);
        lines.push(line);
      },
      stderr: (line) => lines.push(line),
      signal: controller.signal,
    });
    const url = /^listening on (\S+)$/.exec(await firstLine)![1]!;
    expect((await callApi({ url }, 'get_appid_group_list', {})).body.ErrorCode).toBe(0);
    controller.abort();
    expect(await done).toBe(0);
    expect(lines.join('\n')).not.toContain(DEFAULT_FULL_APP.secretKey);
  });

  it('--cert/--key serve the given files', async () => {
    const { selfSignedCertificate } = await import('../../test-utils/mock/tls.ts');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'timc-mock-cert-'));
    const material = await selfSignedCertificate('127.0.0.1');
    writeFileSync(join(dir, 'cert.pem'), material.cert);
    writeFileSync(join(dir, 'key.pem'), material.key);
    const controller = new AbortController();
    let url = '';
    const started = new Promise<void>((resolve) => {
      void runMockCommand(['--port', '0', '--cert', join(dir, 'cert.pem'), '--key', join(dir, 'key.pem')], {
        stdout: (line) => {
          const m = /^listening on (\S+)$/.exec(line);
          if (m) {
            url = m[1]!;
            resolve();
          }
        },
        signal: controller.signal,
      });
    });
    await started;
    expect(url.startsWith('https://')).toBe(true);
    const dispatcher = new Agent({ connect: { ca: material.cert } });
    try {
      expect((await callApi({ url }, 'get_appid_group_list', {}, { dispatcher })).body.ErrorCode).toBe(0);
    } finally {
      await dispatcher.close();
      controller.abort();
    }
  });

  it('parses the app flags into the two apps', () => {
    const options = parseMockArgs([
      '--sdkappid',
      '10',
      '--secret-key',
      'a',
      '--admin',
      'boss',
      '--basic-sdkappid',
      '11',
      '--basic-secret-key',
      'b',
      '--no-rate-limits',
    ]);
    expect(options).not.toBe('help');
    if (options === 'help') return;
    expect(options.apps!.map((a) => [a.sdkappid, a.admin, a.countersEdition])).toEqual([
      [10, 'boss', true],
      [11, 'administrator', false],
    ]);
    expect(options.rateLimits).toBe(false);
    expect(options.port).toBe(0);
  });

  it.each([
    [['--sdkappid', '10', '--secret-key', 'a', '--basic-sdkappid', '10', '--basic-secret-key', 'b'], /must differ/],
    [['--latency-ms', '-5'], /latency-ms/],
    [['--admin', ''], /admin/],
    [['--key', 'k.pem'], /go together/],
  ])('refuses %j', (args, message) => {
    expect(() => parseMockArgs(args)).toThrow(message);
  });
});
