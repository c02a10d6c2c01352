// The CLI as users run it (node bin/tim-conformance.mjs), in a temporary report directory:
// exit 0 when every gating check passes, 1 on a gating failure, 2 on a configuration error.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { execCli, type CliResult } from '../helpers/cli.ts';

const FIXTURES = join('test', 'fixtures', 'suites');

interface Outcome extends CliResult {
  reportDir: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const reportDir = mkdtempSync(join(tmpdir(), 'timc-cli-'));
  const run = await execCli(
    args.map((a) => a.replace('{reportDir}', reportDir)),
    { ...env, TIM_REPORT_DIR: env.TIM_REPORT_DIR ?? reportDir },
  );
  return { ...run, reportDir };
}

function readResults(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
}

describe.concurrent('exit codes', { timeout: 180_000 }, () => {
  test('0 when every gating check passes (the smoke suites against the embedded mock)', async () => {
    const run = await cli(['run', '--seed', '11']);
    // Not a terminal: stderr holds only the quiet progress, one line per finished suite file.
    const progressLines = run.stderr.trim().split('\n');
    expect(progressLines.length).toBeGreaterThan(0);
    for (const line of progressLines)
      expect(line).toMatch(/^[✓✗] suites\/\S+\.check\.ts: \d+\/\d+ checks(, \d+ failed)?$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('tim-conformance: seed 11');
    expect(run.stdout).toMatch(/PASS: \d+ passed, 0 failed/);
    const results = readResults(run.reportDir);
    expect(results.summary.failed).toBe(0);
    expect(results.tests.map((t: { id: string }) => t.id)).toContain('get_group_attr/smoke-fresh-group-ok/Public');
    expect(existsSync(join(run.reportDir, 'junit.xml'))).toBe(true);
    // Every group the checks created was destroyed: the run's ledger is gone.
    expect(readdirSync(join(run.reportDir, 'ledger'))).toEqual([]);
    const everything =
      run.stdout + run.stderr + readFileSync(join(run.reportDir, 'junit.xml'), 'utf8') + JSON.stringify(results);
    expect(everything).not.toContain(DEFAULT_FULL_APP.secretKey);
    expect(everything).not.toContain(DEFAULT_BASIC_APP.secretKey);
  });

  test('1 when a gating check fails', async () => {
    const run = await cli(['run', '--workers', '1', '--suites', join(FIXTURES, 'mixed')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Gating failures (2) by likely cause');
    expect(readResults(run.reportDir).summary).toEqual({ passed: 2, failed: 2, skipped: 0, tentativeFailed: 1 });
  });

  test('2 on a configuration error: one line, no stack trace, no request', async () => {
    const run = await cli(['run', '--target', 'http://127.0.0.1:9']);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tim-conformance: --sdkappid or TIM_SDKAPPID is required/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(run.reportDir, 'results.json'))).toBe(false);
  });

  test('2 when TIM_SPEC names no file: one line, no stack trace', async () => {
    const run = await cli(['run'], { TIM_SPEC: join(tmpdir(), 'timc-no-such-spec.yaml') });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^tim-conformance: TIM_SPEC names '.*timc-no-such-spec\.yaml', which does not exist/),
    ]);
    expect(existsSync(join(run.reportDir, 'results.json'))).toBe(false);
  });
});
