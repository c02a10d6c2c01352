// runConformance in-process (the CLI's `run` without a child process): flags over the TIM_*
// environment, strict gating, and the run-level sweep of what the ledger still lists.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { captureIO } from '../helpers/io.ts';
import type { FixtureClient } from '../../test-utils/fixtures/client-port.ts';
import { GroupLedger, ledgerPathFor } from '../../test-utils/fixtures/ledger.ts';
import { runConformance, type RunnerDeps } from '../../test-utils/runner/run-conformance.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'suites');

async function runIn(dir: string, flags: Record<string, unknown>, env: Record<string, string>, deps: RunnerDeps = {}) {
  const { out, err, io } = captureIO();
  const code = await runConformance(
    flags,
    env,
    io,
    { suitesDir: join(FIXTURES, dir), workers: 1 },
    { handleSignals: false, ...deps },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runConformance', { timeout: 60_000 }, () => {
  test('flags override the TIM_* environment', async () => {
    const flagDir = mkdtempSync(join(tmpdir(), 'timc-flag-'));
    const envDir = mkdtempSync(join(tmpdir(), 'timc-env-'));
    const run = await runIn(
      'passing',
      { seed: '222', reportDir: flagDir },
      { TIM_SEED: '111', TIM_REPORT_DIR: envDir },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(flagDir, 'results.json'), 'utf8')).seed).toBe(222);
    expect(existsSync(join(envDir, 'results.json'))).toBe(false);
  });

  test('a tentative failure gates with TIM_STRICT, not without', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-strict-'));
    const lenient = await runIn('tentative', { reportDir }, {});
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain('Tentative findings (1;');
    const strict = await runIn('tentative', { reportDir }, { TIM_STRICT: 'true' });
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('Gating failures (1)');
  });

  test('a configuration error is exit 2 before anything starts', async () => {
    const run = await runIn('passing', { target: 'region:atlantis' }, {});
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^tim-conformance: .*unknown region 'atlantis'/);
    expect(run.out).toBe('');
  });

  test('groups left in the run ledger are destroyed at the end of the run', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-sweep-'));
    const destroyed: string[] = [];
    let ledgerPath = '';
    const client: FixtureClient = {
      async call(operationId, body: any) {
        if (operationId === 'destroy_group') destroyed.push(body.GroupId);
        return { httpStatus: 200, body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }, curl: '' };
      },
      markGroupOwned() {},
    };
    const run = await runIn(
      'passing',
      { reportDir },
      {},
      {
        // Stands in for checks that created a group and died before their cleanup ran.
        runSuites: async ({ target }) => {
          ledgerPath = ledgerPathFor(target);
          new GroupLedger(ledgerPath).recordCreateIntent({
            groupId: `${target.groupIdPrefix}left`,
            type: 'Public',
            sdkappid: target.app.sdkappid,
          });
          return { entries: [], reason: 'passed' };
        },
        createClient: async () => client,
      },
    );
    expect(destroyed).toHaveLength(1);
    expect(destroyed[0]).toMatch(/^timc-[a-z0-9]{8}-left$/);
    expect(existsSync(ledgerPath)).toBe(false);
    expect(run.out).toContain('cleanup destroyed 1 of 1 group(s)');
    // Nothing ran, so the run does not pass.
    expect(run.code).toBe(1);
  });
});
