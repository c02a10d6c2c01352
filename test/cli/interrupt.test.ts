// SIGINT/SIGTERM during a run: the runner destroys the groups the run created (from its
// ledger) before it exits with 130/143. The target is a reference mock this test owns, so the
// groups can be counted after the runner is gone.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { startMockServer } from '../../test-utils/mock/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let mock: Awaited<ReturnType<typeof startMockServer>>;

beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock?.close();
});

function runGroups(prefixHint = 'timc-'): string[] {
  return [...(mock.state.apps.get(DEFAULT_FULL_APP.sdkappid)?.groups.keys() ?? [])].filter((id) =>
    id.includes(prefixHint),
  );
}

describe.sequential('interruption', { timeout: 150_000 }, () => {
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)("%s destroys the run's groups, then exits %i", async (signal, exitCode) => {
    const cleanEnv = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('TIM_') && !k.startsWith('VITEST')),
    );
    const child = spawn(
      process.execPath,
      [
        'bin/tim-conformance.mjs',
        'run',
        '--target',
        mock.url,
        '--sdkappid',
        String(DEFAULT_FULL_APP.sdkappid),
        '--secret-key',
        DEFAULT_FULL_APP.secretKey,
        '--suites',
        join('test', 'fixtures', 'suites', 'slow'),
        '--workers',
        '1',
        '--report-dir',
        mkdtempSync(join(tmpdir(), 'timc-int-')),
      ],
      { cwd: ROOT, env: { ...cleanEnv, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // Starting a run (vitest, workers, the suites) takes far longer on a loaded machine: wait generously.
    await vi.waitFor(() => expect(runGroups()).toHaveLength(2), { timeout: 100_000, interval: 100 });
    child.kill(signal);
    const code = await exited;
    expect(output).toContain(`${signal}: stopping the checks`);
    expect(code).toBe(exitCode);
    expect(runGroups()).toEqual([]);
    expect(output).not.toContain(DEFAULT_FULL_APP.secretKey);
  });
});
