// A regional run with expectations per region ({region} in the path), with the suites replaced
// by a stub (no vitest, no network): each region is judged against its own file, the exit code
// is 1 when any region gates, and --update-expectations writes one file per region.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FixtureClient } from '../../test-utils/fixtures/client-port.ts';
import { runErrorEntry, type TestEntry } from '../../test-utils/runner/results.ts';
import { captureIO } from '../helpers/io.ts';
import { runConformance, type RunnerDeps, type RunnerOptions } from '../../test-utils/runner/run-conformance.ts';
import type { RegionsMatrix } from '../../test-utils/runner/regions-report.ts';

const CHECK = 'get_group_attr/shape';

function entry(id: string, status: 'passed' | 'failed'): TestEntry {
  if (status === 'failed')
    return {
      ...runErrorEntry(id, `${id}: differs`),
      operation: 'get_group_attr',
      check: 'shape',
      evidence: 'documented',
    };
  return {
    id,
    title: id,
    operation: 'get_group_attr',
    check: 'shape',
    groupType: null,
    status,
    gating: true,
    evidence: 'documented',
    docUrl: '',
  };
}

const env = {
  TIM_SDKAPPID_SINGAPORE: '1400000301',
  TIM_SECRET_KEY_SINGAPORE: 'singapore-key-not-secret',
  TIM_SDKAPPID_SEOUL: '1400000302',
  TIM_SECRET_KEY_SEOUL: 'seoul-key-not-secret',
  TIM_SEED: '5',
};

/** Singapore fails CHECK, Seoul passes it. */
const deps: RunnerDeps = {
  handleSignals: false,
  // The regional hosts are not reachable here; the preflight has its own tests (test/cli/preflight.test.ts).
  preflight: async () => ({ ok: true }),
  runSuites: async ({ target }) => ({
    entries: [entry(CHECK, target.region === 'singapore' ? 'failed' : 'passed')],
    reason: 'passed',
  }),
  createClient: async () =>
    ({ call: async () => ({ httpStatus: 200, body: {}, curl: '' }), markGroupOwned() {} }) as FixtureClient,
};

async function run(reportDir: string, options: RunnerOptions) {
  const { out, err, io } = captureIO();
  const code = await runConformance({ reportDir }, env, io, { progress: false, regions: 'sgp,kr', ...options }, deps);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('expectations per region', () => {
  test('the failing region is expected to fail: the run passes, and the matrix shows the expected failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timc-regexp-'));
    mkdirSync(join(dir, 'exp'));
    writeFileSync(
      join(dir, 'exp', 'singapore.json'),
      JSON.stringify({ expectations: [{ id: CHECK, reason: 'singapore answers the old shape' }] }),
    );
    writeFileSync(join(dir, 'exp', 'seoul.json'), JSON.stringify({ expectations: [] }));
    const result = await run(join(dir, 'reports'), { expectations: join(dir, 'exp', '{region}.json') });
    expect(result.code, result.err).toBe(0);
    const matrix = JSON.parse(readFileSync(join(dir, 'reports', 'regions.json'), 'utf8')) as RegionsMatrix;
    expect(matrix.checks).toEqual([
      expect.objectContaining({
        id: CHECK,
        outcomes: { singapore: 'expected-failure', seoul: 'passed' },
        differs: true,
      }),
    ]);
  });

  test('one file for every region: the region where it passes is an unexpected pass, and the run fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timc-regexp-'));
    writeFileSync(join(dir, 'all.json'), JSON.stringify({ expectations: [{ id: CHECK, reason: 'known everywhere' }] }));
    const result = await run(join(dir, 'reports'), { expectations: join(dir, 'all.json') });
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/singapore: PASS/);
    expect(result.out).toMatch(/seoul: FAIL/);
    const seoul = JSON.parse(readFileSync(join(dir, 'reports', 'seoul', 'results.json'), 'utf8'));
    expect(seoul.tests[0].expectation).toEqual({ state: 'unexpected-pass', reason: 'known everywhere' });
  });

  test('--update-expectations writes one file per region', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timc-regexp-'));
    const result = await run(join(dir, 'reports'), {
      expectations: join(dir, 'exp', '{region}.json'),
      updateExpectations: true,
    });
    expect(result.code).toBe(1);
    expect(
      JSON.parse(readFileSync(join(dir, 'exp', 'singapore.json'), 'utf8')).expectations.map(
        (e: { id: string }) => e.id,
      ),
    ).toEqual([CHECK]);
    expect(JSON.parse(readFileSync(join(dir, 'exp', 'seoul.json'), 'utf8')).expectations).toEqual([]);
  });

  test('a region whose expectations file is missing is a configuration error before any region runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timc-regexp-'));
    const result = await run(join(dir, 'reports'), { expectations: join(dir, '{region}.json') });
    expect(result.code).toBe(2);
    expect(result.err).toContain(`expectations file ${join(dir, 'singapore.json')} cannot be read`);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });
});
