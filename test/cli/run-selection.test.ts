// What users expect of `run` (issue 17 item 4), through the CLI as users run it: --list without a
// request, --id and --grep matched against ids only, --max-failures, --json on stdout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { execCli, type CliResult } from '../helpers/cli.ts';

const MIXED = join('test', 'fixtures', 'suites', 'mixed');
const MANY_FAILURES = join('test', 'fixtures', 'suites', 'many-failures');
const ALL = ['fixture-passes', 'fixture-fails', 'fixture-tentative-fails', 'fixture-not-run', 'fixture-throws'].map(
  (c) => `get_group_attr/${c}`,
);

// --list must not contact the target, so it gets a closed port; a run needs a target that passes
// the preflight, so the others use the embedded mock.
const CLOSED_PORT = {
  TIM_TARGET: 'http://127.0.0.1:9',
  TIM_SDKAPPID: '1400000001',
  TIM_SECRET_KEY: 'never-contacted-key-0123',
};

function cli(args: string[], target: Record<string, string> = {}): Promise<CliResult> {
  return execCli(args, { TIM_REPORT_DIR: mkdtempSync(join(tmpdir(), 'timc-select-')), ...target });
}

function ranIds(stdout: string): string[] {
  return (JSON.parse(stdout) as { tests: { id: string }[] }).tests.map((t) => t.id).sort();
}

describe.concurrent('run: selecting checks', { timeout: 180_000 }, () => {
  test('--list prints the ids and exits 0 without contacting the target (a closed port here)', async () => {
    const run = await cli(['run', '--list', '--suites', MIXED], CLOSED_PORT);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').sort()).toEqual([...ALL].sort());
  });

  test("--grep '^id$' matches the id alone (not 'id — title'); --json puts results.json alone on stdout", async () => {
    const run = await cli(['run', '--json', '--suites', MIXED, '--grep', '^get_group_attr/fixture-passes$']);
    expect(ranIds(run.stdout)).toEqual(['get_group_attr/fixture-passes']);
    expect(run.stderr).toContain('PASS: 1 passed');
    expect(run.code).toBe(0);
  });

  test('--id is exact and repeatable', async () => {
    const ids = ['get_group_attr/fixture-fails', 'get_group_attr/fixture-passes', 'get_group_attr/fixture'];
    const run = await cli(['run', '--json', '--suites', MIXED, ...ids.flatMap((id) => ['--id', id])]);
    expect(ranIds(run.stdout)).toEqual(['get_group_attr/fixture-fails', 'get_group_attr/fixture-passes']);
    expect(run.code).toBe(1);
  });

  test('--max-failures 1 stops the run after a failure (checks already running finish); those not reached are reported as not run', async () => {
    const run = await cli(['run', '--json', '--workers', '1', '--suites', MANY_FAILURES, '--max-failures', '1']);
    const results = JSON.parse(run.stdout) as { tests: { status: string; reason?: string }[] };
    const failed = results.tests.filter((t) => t.status === 'failed').length;
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(failed).toBeLessThan(20);
    expect(results.tests.filter((t) => t.status === 'skipped').length).toBe(20 - failed);
    expect(run.code).toBe(1);
  });

  test.each([
    [['run', '--max-failures', '0'], /^tim-conformance: --max-failures must be an integer from 1 to/],
    [['run', '--id', ''], /^tim-conformance: --id needs a check id/],
  ])('%j is one line, exit 2', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
