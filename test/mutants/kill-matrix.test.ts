// The mutation self-check: the catalogue is complete and realistic in size, the matrix logic
// counts only gating failures as kills, and `mutants --only` kills two deviations end to end.
// (The whole catalogue takes minutes: `npx tim-conformance mutants`, see docs/mutants.md.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../test-utils/cli/main.ts';
import { KNOWN_DEVIATIONS } from '../../test-utils/mock/deviations.ts';
import { MUTANT_CATALOGUE } from '../../test-utils/mutants/catalogue.ts';
import {
  formatKillMatrix,
  mutantsExitCode,
  verdictFor,
  type KillMatrix,
  type MutantVerdict,
} from '../../test-utils/mutants/run-mutants.ts';

describe('the catalogue', () => {
  test('names every switch of the mock once, at least 30, over every area', () => {
    const names = MUTANT_CATALOGUE.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(KNOWN_DEVIATIONS).sort());
    expect(names.length).toBeGreaterThanOrEqual(30);
    const areas = new Set(MUTANT_CATALOGUE.map((entry) => entry.area));
    for (const area of [
      'signing',
      'envelope',
      'group-types',
      'semantics',
      'limits',
      'rates',
      'edition',
      'shapes',
      'state',
    ])
      expect(areas).toContain(area);
    for (const entry of MUTANT_CATALOGUE) expect(entry.profileRow.length).toBeGreaterThan(0);
  });
});

describe('the kill matrix', () => {
  const entry = MUTANT_CATALOGUE.find((e) => e.status === 'documented')!;
  const inferred = MUTANT_CATALOGUE.find((e) => e.status === 'inferred')!;
  const matrix = (baseline: KillMatrix['baseline'], verdicts: MutantVerdict[], strict = false): KillMatrix => ({
    seed: '1',
    strict,
    baseline,
    mutants: verdicts,
    killed: verdicts.filter((v) => v.killed).length,
    total: verdicts.length,
  });

  test('only a gating failure kills; a tentative one is reported apart', () => {
    const tentativeOnly = verdictFor(entry, [
      { id: 'a/b', status: 'failed', gating: false },
      { id: 'c/d', status: 'passed', gating: true },
    ]);
    expect([tentativeOnly.killed, tentativeOnly.tentativeFailures]).toEqual([false, ['a/b']]);
    const gating = verdictFor(entry, [{ id: 'c/d', status: 'failed', gating: true }]);
    expect([gating.killed, gating.killedBy, gating.reason]).toEqual([true, ['c/d'], undefined]);
    expect(verdictFor(entry, { error: 'run exited 1' })).toMatchObject({
      killed: false,
      gates: true,
      reason: 'the run broke: run exited 1',
    });
  });

  test('a verdict carries the row: reference, words and status from the spec', () => {
    const v = verdictFor(entry, []);
    expect(v).toMatchObject({
      profile: entry.profile,
      profileRow: entry.profileRow,
      status: 'documented',
      gates: true,
    });
    expect(v.reason).toContain('a gap in the suite');
    const skipped = verdictFor(entry, [{ id: entry.killers[0]!, status: 'skipped', gating: true }]);
    expect(skipped.reason).toContain(`not run (inconclusive or unsupported here): ${entry.killers[0]}`);
  });

  test('exits 1 on a survivor of a documented row, on a baseline failure and on an empty baseline', () => {
    const killed = verdictFor(entry, [{ id: 'c/d', status: 'failed', gating: true }]);
    expect(mutantsExitCode(matrix({ failures: [], checks: 5 }, [killed]))).toBe(0);
    expect(mutantsExitCode(matrix({ failures: ['x/y'], checks: 5 }, [killed]))).toBe(1);
    expect(mutantsExitCode(matrix({ failures: [], checks: 0 }, [killed]))).toBe(1);
    expect(mutantsExitCode(matrix({ failures: [], checks: 5 }, [killed, verdictFor(entry, [])]))).toBe(1);
  });

  test('a survivor of an inferred row is expected without --strict (exit 0, says so) and gates with it', () => {
    const loose = verdictFor(inferred, [{ id: 't/u', status: 'failed', gating: false }]);
    expect([loose.killed, loose.gates]).toEqual([false, false]);
    expect(loose.reason).toContain('expected to survive');
    expect(loose.reason).toContain('t/u');
    expect(mutantsExitCode(matrix({ failures: [], checks: 5 }, [loose]))).toBe(0);
    const text = formatKillMatrix(matrix({ failures: [], checks: 5 }, [loose]));
    expect(text).toContain('survived (expected: inferred)');
    expect(text).toContain(`- ${inferred.name} (${inferred.profile}, inferred: `);
    const strict = verdictFor(inferred, [], true);
    expect([strict.killed, strict.gates]).toEqual([false, true]);
    expect(mutantsExitCode(matrix({ failures: [], checks: 5 }, [strict], true))).toBe(1);
  });
});

describe('tim-conformance mutants --only', { timeout: 180_000 }, () => {
  test('kills two deviations by the checks of their profile rows, with no failure on the unmodified mock', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-mutants-'));
    const out: string[] = [];
    const code = await main(
      [
        'mutants',
        '--only',
        'semantics.clear-is-noop',
        '--only',
        'edition.not-checked',
        '--only',
        'semantics.delete-counter-empty-keys-deletes-nothing',
        '--report-dir',
        reportDir,
        'suites/clear-group-attr',
        'suites/delete-group-counter',
      ],
      { out: (text) => out.push(text), err: () => {} },
    );
    const matrix = JSON.parse(readFileSync(join(reportDir, 'mutants.json'), 'utf8')) as KillMatrix;
    expect(matrix.baseline.failures).toEqual([]);
    expect(matrix.baseline.checks).toBeGreaterThan(0);
    const byName = new Map(matrix.mutants.map((v) => [v.name, v]));
    expect(byName.get('semantics.clear-is-noop')?.killedBy).toContain('clear_group_attr/clears-every-key/Public');
    expect(byName.get('edition.not-checked')?.killedBy).toContain('delete_group_counter/edition-missing/Public');
    // The inferred row's deviation survives (only a tentative check catches it): expected, exit 0.
    const survivor = byName.get('semantics.delete-counter-empty-keys-deletes-nothing');
    expect(survivor).toMatchObject({
      killed: false,
      gates: false,
      status: 'inferred',
      tentativeFailures: ['delete_group_counter/empty-keys-deletes-all/Public'],
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('Killed 2 of 3 deviations.');
    const md = readFileSync(join(reportDir, 'mutants.md'), 'utf8');
    expect(md).toContain(
      '| semantics.clear-is-noop | semantics | clear_group_attr#clears-every-key | documented | killed |',
    );
    expect(md).toContain(
      '| semantics.delete-counter-empty-keys-deletes-nothing | semantics | delete_group_counter#empty-keys-deletes-all | inferred | survived (expected: inferred) |',
    );
  });

  test("with --strict the inferred row's deviation must be killed, and is, by the check that gates now", async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-mutants-'));
    const code = await main(
      [
        'mutants',
        '--strict',
        '--only',
        'semantics.delete-counter-empty-keys-deletes-nothing',
        '--report-dir',
        reportDir,
        'suites/delete-group-counter',
      ],
      { out: () => {}, err: () => {} },
    );
    const matrix = JSON.parse(readFileSync(join(reportDir, 'mutants.json'), 'utf8')) as KillMatrix;
    expect(matrix.strict).toBe(true);
    expect(matrix.baseline.failures).toEqual([]);
    expect(matrix.mutants[0]).toMatchObject({
      killed: true,
      killedBy: ['delete_group_counter/empty-keys-deletes-all/Public'],
    });
    expect(code).toBe(0);
  });

  test('an unknown deviation is a usage error', async () => {
    const err: string[] = [];
    const code = await main(['mutants', '--only', 'no.such-deviation'], {
      out: () => {},
      err: (text) => err.push(text),
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain("unknown deviation 'no.such-deviation'");
  });
});
