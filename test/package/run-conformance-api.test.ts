// The package's entry `runConformance(options)`: the options of `run`, and back the exit status
// with the data results.json holds; a configuration error is exit 2 with its line on output.err.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { runConformance } from '../../test-utils/exports/index.ts';

const quiet = { out: () => {}, err: () => {} };

test('a run answers its exit status and the results it wrote to results.json', { timeout: 180_000 }, async () => {
  const reportDir = mkdtempSync(join(tmpdir(), 'timc-api-'));
  const run = await runConformance({
    grep: 'smoke',
    seed: 5,
    workers: 2,
    reportDir,
    env: {},
    output: quiet,
    handleSignals: false,
  });
  expect(run.exitCode).toBe(0);
  expect(run.results?.seed).toBe(5);
  expect(run.results?.summary.passed).toBe(2);
  expect(run.results).toEqual(JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')));
});

test('a configuration error is exit 2, no results, and one line on output.err', async () => {
  const errors: string[] = [];
  const run = await runConformance({
    target: 'region:nowhere',
    env: {},
    output: { out: () => {}, err: (line) => errors.push(line) },
    handleSignals: false,
  });
  expect(run).toEqual({ exitCode: 2 });
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/unknown region 'nowhere'/);
});
