// Issue 17.6: bad input is one line and exit 2; output cut by `head` ends quietly; the mock does
// not outlive the process that started it (npx killed with SIGTERM leaves it orphaned, which
// is what the parent-death test reproduces with a parent that, like npm, does not forward the
// signal); SIGHUP stops the mock.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { mainLines } from '../helpers/io.ts';
import { DEFAULT_FULL_APP, startMockServer } from '../../test-utils/mock/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tim-conformance.mjs');

function cleanEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('TIM_') && !e[0].startsWith('VITEST'),
    ),
  );
}

async function cli(...argv: string[]) {
  const { code, out, err } = await mainLines(...argv);
  return { code, out, err };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('--report-dir that cannot hold reports: one line, exit 2', { timeout: 30_000 }, () => {
  const file = join(mkdtempSync(join(tmpdir(), 'timc-report-file-')), 'not-a-dir');
  writeFileSync(file, 'x');

  it.each([
    ['run', file],
    ['run', join(file, 'below')],
    ['janitor', file],
    ['mutants', file],
  ])('%s --report-dir %s', async (command, dir) => {
    const { code, err, out } = await cli(
      command,
      '--report-dir',
      dir,
      ...(command === 'mutants' ? ['--only', 'limits.count-utf16-units'] : []),
    );
    expect(code).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(/^tim-conformance: --report-dir \/ TIM_REPORT_DIR .* is a file, not a directory/),
    ]);
    expect(out).toEqual([]);
  });

  // The SDK commands too: sdk-gate used to run the SDK's whole test command and then die in a
  // stack trace (mkdir EEXIST) when writing its reports.
  it.each([
    ['sdk-gate', ['--report-dir', file, '--', process.execPath, '-e', 'process.exit(0)']],
    ['proxy', ['--upstream', 'http://127.0.0.1:1', '--port', '0', '--report-dir', file]],
    ['judge', ['--report-dir', file, join(ROOT, 'test', 'fixtures', 'sdk-traffic', 'python.jsonl')]],
  ])('%s --report-dir naming a file', async (command, args) => {
    const { code, err, out } = await cli(command, ...args);
    expect(code).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(new RegExp(`^tim-conformance: ${command}: --report-dir .* is a file, not a directory`)),
    ]);
    expect(out).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('run --report-dir in a directory this user cannot write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timc-report-ro-'));
    chmodSync(dir, 0o500);
    onTestFinished(() => chmodSync(dir, 0o700));
    const { code, err } = await cli('run', '--report-dir', join(dir, 'reports'));
    expect(code).toBe(2);
    expect(err).toEqual([expect.stringMatching(/is not writable/)]);
  });
});

/**
 * Starts the bin with `args` under a parent that, like `npm exec`, dies of SIGTERM without
 * passing it on; the parent prints the child's pid first, then relays the child's stdout when
 * `relay` (else the child's output goes nowhere, so the parent's death breaks no pipe of it).
 * Both are killed when the test ends. Resolves once `ready` shows in the output.
 */
async function underForgetfulParent(
  args: string[],
  ready: RegExp,
  { relay, env = {} }: { relay: boolean; env?: Record<string, string> },
) {
  const parentScript = `
    const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, [${JSON.stringify(BIN)}, ...${JSON.stringify(args)}], { stdio: ${relay ? "['ignore', 'pipe', 'inherit']" : "'ignore'"}, env: { ...process.env, ...${JSON.stringify(env)} } });
    process.stdout.write('pid ' + child.pid + '\\n');
    ${relay ? "child.stdout.on('data', (d) => process.stdout.write(d));" : ''}
    setInterval(() => {}, 1000);`;
  const parent = spawn(process.execPath, ['-e', parentScript], {
    cwd: ROOT,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  parent.stdout.on('data', (d) => (output += d));
  let childPid = 0;
  onTestFinished(() => {
    if (alive(parent.pid!)) parent.kill('SIGKILL');
    if (childPid !== 0 && alive(childPid)) process.kill(childPid, 'SIGKILL');
  });
  await vi.waitFor(() => expect(output).toMatch(/pid \d+/), { timeout: 30_000, interval: 100 });
  childPid = Number(/pid (\d+)/.exec(output)?.[1]);
  await vi.waitFor(() => expect(output).toMatch(ready), { timeout: 30_000, interval: 100 });
  return { parent, childPid };
}

describe('the bin as a process', { timeout: 120_000 }, () => {
  it('ends quietly when the reader of its output goes away (mutants --list | true)', async () => {
    const child = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" mutants --list | true`], {
      cwd: ROOT,
      env: cleanEnv(),
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('stops the mock when its parent dies without forwarding the signal (npx then kill)', async () => {
    const { parent, childPid: mockPid } = await underForgetfulParent(['mock', '--port', '0'], /listening on http/, {
      relay: true,
    });
    expect(alive(mockPid)).toBe(true);

    parent.kill('SIGTERM');
    await vi.waitFor(() => expect(alive(mockPid)).toBe(false), { timeout: 20_000, interval: 100 });
  });

  it('a run whose parent dies stops as on SIGTERM, destroying its groups first', async () => {
    const mock = await startMockServer();
    onTestFinished(() => mock.close());
    const runGroups = () =>
      [...(mock.state.apps.get(DEFAULT_FULL_APP.sdkappid)?.groups.keys() ?? [])].filter((id) => id.includes('timc-'));
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-orphan-run-'));
    const args = [
      'run',
      '--target',
      mock.url,
      '--sdkappid',
      String(DEFAULT_FULL_APP.sdkappid),
      '--suites',
      join('test', 'fixtures', 'suites', 'slow'),
      '--workers',
      '1',
      '--report-dir',
      reportDir,
    ];
    const { parent, childPid: runPid } = await underForgetfulParent(args, /pid \d+/, {
      relay: false,
      env: { TIM_SECRET_KEY: DEFAULT_FULL_APP.secretKey },
    });
    await vi.waitFor(() => expect(runGroups()).toHaveLength(2), { timeout: 60_000, interval: 100 });

    parent.kill('SIGTERM');
    await vi.waitFor(() => expect(alive(runPid)).toBe(false), { timeout: 40_000, interval: 100 });
    expect(runGroups()).toEqual([]);
  });

  it('stops the mock on SIGHUP (a closed terminal)', async () => {
    const child = spawn(process.execPath, [BIN, 'mock', '--port', '0'], {
      cwd: ROOT,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    await vi.waitFor(() => expect(output).toMatch(/listening on http/), { timeout: 30_000, interval: 100 });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGHUP');
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
