// One-command reproduction and bounded output (issue 17 items 2 and 5), against a deviating mock
// started by URL as a vendor's server would be: the printed rerun command, run as printed in a
// shell with the credential variable set, reproduces the failure; `reproduce` re-sends the
// recorded request; the curl line runs with "$TIM_USERSIG" from `usersig`; one wrong limit
// prints a bounded summary grouped by cause.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SDKAPPID = '1400000777';
const SECRET = 'repro-test-secret-key-0123456789';
const DEVIATION = 'limits.attr-key-off-by-one';
/** One wrong limit printed 54 KB before grouping; the grouped summary stays far below this. */
const BOUND_BYTES = 12_000;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

const work = mkdtempSync(join(tmpdir(), 'timc-repro-'));
// `npx tim-conformance` as a user's shell would resolve it, without reaching a registry.
const shimDir = join(work, 'bin');
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('TIM_') && !k.startsWith('VITEST')),
);

function sh(command: string, env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      '/bin/sh',
      ['-c', command],
      {
        cwd: ROOT,
        env: { ...baseEnv, NODE_ENV: 'production', PATH: `${shimDir}:${process.env.PATH}`, ...env },
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

let mock: ChildProcess;
let url: string;
let first: Outcome;
const firstDir = join(work, 'first');

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(shimDir, { recursive: true });
  const shim = join(shimDir, 'npx');
  writeFileSync(
    shim,
    `#!/bin/sh\n[ "$1" = tim-conformance ] || exit 127\nshift\nexec "${process.execPath}" "${join(ROOT, 'bin', 'tim-conformance.mjs')}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  mock = spawn(
    process.execPath,
    [
      'bin/tim-conformance.mjs',
      'mock',
      '--port',
      '0',
      '--deviation',
      DEVIATION,
      '--sdkappid',
      SDKAPPID,
      '--secret-key',
      SECRET,
    ],
    { cwd: ROOT, env: baseEnv },
  );
  const lines = createInterface({ input: mock.stdout! });
  url = await new Promise<string>((resolve) =>
    lines.once('line', (line) => resolve(line.replace('listening on ', ''))),
  );
  first = await sh(`npx tim-conformance run --target ${url} --sdkappid ${SDKAPPID} --grep 'group_attr/' --seed 5`, {
    TIM_SECRET_KEY: SECRET,
    TIM_REPORT_DIR: firstDir,
  });
}, 240_000);

afterAll(() => {
  mock?.kill('SIGTERM');
});

describe('against one wrong limit', { timeout: 240_000 }, () => {
  test('the run fails, and prints a bounded summary with the failures grouped by cause', () => {
    expect(first.code).toBe(1);
    expect(Buffer.byteLength(first.stdout + first.stderr)).toBeLessThan(BOUND_BYTES);
    expect(first.stdout).toMatch(/Gating failures \(\d+\) by likely cause \(1\):/);
    expect(first.stdout).toMatch(/\[\d+\] Wrong error code from group-attr: answered 10045, documented OK \(0\)/);
    expect(first.stdout + first.stderr).not.toContain(SECRET);
    const md = readFileSync(join(firstDir, 'report.md'), 'utf8');
    expect(md.indexOf('Failures by likely cause (1)')).toBeGreaterThan(0);
    expect(md.indexOf('Failures by likely cause')).toBeLessThan(md.indexOf('### Matrix'));
    expect(readFileSync(join(firstDir, 'report.html'), 'utf8')).toContain('id="causes"');
  });

  test('every printed rerun command, run as printed with TIM_SECRET_KEY set, reproduces its failures', async () => {
    const reruns = first.stdout
      .split('\n')
      .filter((l) => l.trim().startsWith('rerun:'))
      .map((l) =>
        l
          .trim()
          .replace(/^rerun:\s+/, '')
          .replace(/\s+\(with .*\)$/, ''),
      );
    expect(reruns.length).toBeGreaterThan(0);
    const failed = JSON.parse(readFileSync(join(firstDir, 'results.json'), 'utf8')) as {
      tests: { id: string; status: string; kind?: { groupKey: string } }[];
    };
    for (const [i, command] of reruns.entries()) {
      expect(command).toMatch(/^npx tim-conformance run --target \S+ --sdkappid \d+ --seed 5( --id \S+)+$/);
      expect(command).not.toContain(SECRET);
      const dir = join(work, `rerun-${i}`);
      const rerun = await sh(command, { TIM_SECRET_KEY: SECRET, TIM_REPORT_DIR: dir });
      expect(rerun.code).toBe(1);
      const again = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as typeof failed;
      const ids = [...command.matchAll(/--id (\S+)/g)].map((m) => m[1]!.replace(/^'|'$/g, ''));
      expect(again.tests.map((t) => t.id).sort()).toEqual([...ids].sort());
      for (const test of again.tests) {
        expect(test.status).toBe('failed');
        expect(test.kind?.groupKey).toBe(failed.tests.find((t) => t.id === test.id)?.kind?.groupKey);
      }
    }
  });

  test('reproduce re-sends the recorded request on a fresh group and shows the answer beside the expectation', async () => {
    const results = JSON.parse(readFileSync(join(firstDir, 'results.json'), 'utf8')) as {
      tests: { id: string; status: string; failure?: { request?: unknown } }[];
    };
    const id = results.tests.find((t) => t.status === 'failed' && t.failure?.request)!.id;
    const run = await sh(`npx tim-conformance reproduce '${id}' --report-dir '${firstDir}'`, {
      TIM_SECRET_KEY: SECRET,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  expected: ');
    expect(run.stdout).toMatch(/ {2}now: {6}.*"ErrorCode":10045/);
    expect(run.stdout).toMatch(/^reproduced: ErrorCode 10045 again/m);
    expect(run.stdout).not.toContain(SECRET);
  });

  test('the curl line runs with "$TIM_USERSIG" from `usersig` (only on stdout), and the target accepts the signature', async () => {
    const sig = await sh(`npx tim-conformance usersig --sdkappid ${SDKAPPID}`, { TIM_SECRET_KEY: SECRET });
    expect(sig.code).toBe(0);
    expect(sig.stderr).toBe('');
    expect(sig.stdout.trim().split('\n')).toHaveLength(1);
    const results = JSON.parse(readFileSync(join(firstDir, 'results.json'), 'utf8')) as {
      tests: { status: string; failure?: { curl: string } }[];
    };
    const curl = results.tests.find((t) => t.status === 'failed' && t.failure?.curl.includes('"$TIM_USERSIG"'))!
      .failure!.curl;
    const answer = await sh(curl, { TIM_USERSIG: sig.stdout.trim() });
    const body = JSON.parse(answer.stdout) as { ErrorCode: number };
    // Not a signature error (70001 expired … 70009 verification failed): the request was signed.
    expect(body.ErrorCode === 0 || body.ErrorCode < 70000 || body.ErrorCode > 70099).toBe(true);
    const unsigned = await sh(curl, { TIM_USERSIG: 'not-a-sig' });
    expect((JSON.parse(unsigned.stdout) as { ErrorCode: number }).ErrorCode).not.toBe(body.ErrorCode);
  });

  test('usersig without a secret key for an SDKAppID is one line, exit 2', async () => {
    const run = await sh(`npx tim-conformance usersig --sdkappid ${SDKAPPID}`, {});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^tim-conformance: usersig needs the app's secret key/),
    ]);
  });
});
