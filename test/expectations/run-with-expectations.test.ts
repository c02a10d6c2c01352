// --update-expectations and TIM_EXPECTATIONS through runConformance: a first run writes the file
// from scratch (and still fails: it is judged against the empty file it started from), a second
// run with that file through the variable passes with the failures reported as expected.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PLACEHOLDER_REASON } from '../../test-utils/expectations/index.ts';
import { runConformance, type RunnerOptions } from '../../test-utils/runner/run-conformance.ts';

const MIXED = join(import.meta.dirname, '..', 'fixtures', 'suites', 'mixed');

async function run(env: Record<string, string>, options: RunnerOptions, reportDir: string) {
  const out: string[] = [];
  const code = await runConformance(
    { reportDir, seed: '9' },
    env,
    { out: (t) => out.push(t), err: () => {} },
    { suitesDir: MIXED, workers: 1, progress: false, ...options },
    { handleSignals: false },
  );
  return { code, out: out.join('\n') };
}

test(
  'update writes the file from a run; the next run with it passes, failures expected',
  { timeout: 90_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timc-expect-run-'));
    const file = join(dir, 'targets', 'mock.json');
    expect(existsSync(file)).toBe(false);

    const first = await run({}, { expectations: file, updateExpectations: true }, join(dir, 'r1'));
    expect(first.code).toBe(1);
    expect(first.out).toContain(
      `wrote ${file}: 3 added, 0 dropped (now pass), 0 kept; replace the TODO reasons of the new entries`,
    );
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toEqual({
      expectations: [
        { id: 'get_group_attr/fixture-fails', reason: PLACEHOLDER_REASON },
        { id: 'get_group_attr/fixture-tentative-fails', reason: PLACEHOLDER_REASON },
        { id: 'get_group_attr/fixture-throws', reason: PLACEHOLDER_REASON },
      ],
    });

    const second = await run({ TIM_EXPECTATIONS: file }, {}, join(dir, 'r2'));
    expect(second.code).toBe(0);
    expect(second.out).toContain('Expected failures (3;');
    expect(second.out).toMatch(
      /^PASS: 2 passed, 0 failed \(gating\), 3 expected failure\(s\), 0 unexpected pass\(es\)/m,
    );
    const results = JSON.parse(readFileSync(join(dir, 'r2', 'results.json'), 'utf8'));
    expect(results.expectations).toEqual({ file, listed: 3, notRun: [] });
    expect(readFileSync(join(dir, 'r2', 'junit.xml'), 'utf8')).toContain('expected failure (TODO: explain');
  },
);
