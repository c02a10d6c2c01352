// SIGINT/SIGTERM during a run: the runner destroys the groups the run created (from its
// ledger) before it exits with 130/143. The target is a reference mock this test owns, so the
// groups can be counted after the runner is gone.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { startMockServer } from '../../test-utils/mock/index.ts';
import { spawnCli, targetFlags } from '../helpers/cli.ts';

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
    const { child, output, exited } = spawnCli([
      'run',
      ...targetFlags(mock.url, DEFAULT_FULL_APP),
      '--suites',
      join('test', 'fixtures', 'suites', 'slow'),
      '--workers',
      '1',
      '--report-dir',
      mkdtempSync(join(tmpdir(), 'timc-int-')),
    ]);

    // Starting a run (vitest, workers, the suites) takes far longer on a loaded machine: wait generously.
    await vi.waitFor(() => expect(runGroups()).toHaveLength(2), { timeout: 100_000, interval: 100 });
    child.kill(signal);
    const { code } = await exited;
    expect(output()).toContain(`${signal}: stopping the checks`);
    expect(code).toBe(exitCode);
    expect(runGroups()).toEqual([]);
    expect(output()).not.toContain(DEFAULT_FULL_APP.secretKey);
  });
});
