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
import { mutantsExitCode, verdictFor, type KillMatrix } from '../../test-utils/mutants/run-mutants.ts';

describe('the catalogue', () => {
  test('names every switch of the mock once, at least 30, over every area', () => {
    const names = MUTANT_CATALOGUE.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(KNOWN_DEVIATIONS).sort());
    expect(names.length).toBeGreaterThanOrEqual(30);
    const areas = new Set(MUTANT_CATALOGUE.map((entry) => entry.area));
    for (const area of ['signing', 'envelope', 'group-types', 'semantics', 'limits', 'rates', 'edition', 'shapes', 'state']) expect(areas).toContain(area);
    for (const entry of MUTANT_CATALOGUE) expect(entry.profileRow.length).toBeGreaterThan(0);
  });
});

describe('the kill matrix', () => {
  const entry = MUTANT_CATALOGUE[0]!;
  test('only a gating failure kills; a tentative one is reported apart', () => {
    const tentativeOnly = verdictFor(entry, [{ id: 'a/b', status: 'failed', gating: false }, { id: 'c/d', status: 'passed', gating: true }]);
    expect([tentativeOnly.killed, tentativeOnly.tentativeFailures]).toEqual([false, ['a/b']]);
    const gating = verdictFor(entry, [{ id: 'c/d', status: 'failed', gating: true }]);
    expect([gating.killed, gating.killedBy]).toEqual([true, ['c/d']]);
    expect(verdictFor(entry, { error: 'run exited 1' }).killed).toBe(false);
  });

  test('exits 1 on a survivor, on a baseline failure and on an empty baseline', () => {
    const killed = verdictFor(entry, [{ id: 'c/d', status: 'failed', gating: true }]);
    const matrix = (baseline: KillMatrix['baseline'], verdicts = [killed]): KillMatrix => ({
      seed: '1', baseline, mutants: verdicts, killed: verdicts.filter((v) => v.killed).length, total: verdicts.length,
    });
    expect(mutantsExitCode(matrix({ failures: [], checks: 5 }))).toBe(0);
    expect(mutantsExitCode(matrix({ failures: ['x/y'], checks: 5 }))).toBe(1);
    expect(mutantsExitCode(matrix({ failures: [], checks: 0 }))).toBe(1);
    expect(mutantsExitCode(matrix({ failures: [], checks: 5 }, [killed, verdictFor(entry, [])]))).toBe(1);
  });
});

describe('tim-conformance mutants --only', { timeout: 180_000 }, () => {
  test('kills two deviations by the checks of their profile rows, with no failure on the unmodified mock', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-mutants-'));
    const out: string[] = [];
    const code = await main(
      ['mutants', '--only', 'semantics.clear-is-noop', '--only', 'edition.not-checked', '--report-dir', reportDir,
        'suites/clear-group-attr', 'suites/delete-group-counter'],
      { out: (text) => out.push(text), err: () => {} },
    );
    const matrix = JSON.parse(readFileSync(join(reportDir, 'mutants.json'), 'utf8')) as KillMatrix;
    expect(matrix.baseline.failures).toEqual([]);
    expect(matrix.baseline.checks).toBeGreaterThan(0);
    const byName = new Map(matrix.mutants.map((v) => [v.name, v]));
    expect(byName.get('semantics.clear-is-noop')?.killedBy).toContain('clear_group_attr/clears-every-key/Public');
    expect(byName.get('edition.not-checked')?.killedBy).toContain('delete_group_counter/edition-missing/Public');
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('Killed 2 of 2 deviations.');
    expect(readFileSync(join(reportDir, 'mutants.md'), 'utf8')).toContain('| semantics.clear-is-noop | semantics | yes |');
  });

  test('an unknown deviation is a usage error', async () => {
    const err: string[] = [];
    const code = await main(['mutants', '--only', 'no.such-deviation'], { out: () => {}, err: (text) => err.push(text) });
    expect(code).toBe(2);
    expect(err.join('\n')).toContain("unknown deviation 'no.such-deviation'");
  });
});
