// `tim-conformance merge DIR...` (issue 17 item 8): runs made apart (one CI job per region) make
// the same regions.json / .html / .md as `run --regions`, with its exit rule; runs with different
// seeds or spec versions are refused with one line naming the difference.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { mainLines } from '../helpers/io.ts';
import type { ResultsFile } from '../../test-utils/runner/results.ts';
import { buildRegionsMatrix, type RegionsMatrix } from '../../test-utils/runner/regions-report.ts';
import { specIdentity } from '../../test-utils/runner/spec-identity.ts';
import { entry, failed, resultsOf } from '../report/sample-results.ts';

function regionResults(
  region: string,
  tests = [entry('get_group_attr/fresh-group-ok/Public'), entry('get_group_attr/unknown-group')],
  overrides: Partial<ResultsFile> = {},
): ResultsFile {
  return resultsOf(tests, {
    target: {
      kind: 'region',
      baseUrl: `https://${region}.example`,
      region,
      sdkappid: 20001234,
      admin: 'administrator',
      basicSdkappid: null,
      strict: false,
      groupIdPrefix: 'timc-abcdefgh-',
    },
    spec: specIdentity(),
    ...overrides,
  });
}

function writeRun(root: string, name: string, results: ResultsFile): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
  return dir;
}

async function cli(...argv: string[]) {
  const { code, out, err } = await mainLines(...argv);
  return { code, out: out.join('\n'), errLines: err };
}

describe('merge', () => {
  test('two passing regions: exit 0, and the same regions.json as --regions would write', async () => {
    const root = mkdtempSync(join(tmpdir(), 'timc-merge-'));
    const sgp = writeRun(root, 'sgp', regionResults('singapore'));
    const kr = writeRun(root, 'kr', regionResults('seoul'));
    const run = await cli('merge', sgp, kr, '--report-dir', root);
    expect(run.code).toBe(0);
    expect(run.out).toContain('sgp: PASS');
    const matrix = JSON.parse(readFileSync(join(root, 'regions.json'), 'utf8')) as RegionsMatrix;
    expect(matrix).toEqual(
      JSON.parse(
        JSON.stringify(
          buildRegionsMatrix([
            { region: 'sgp', results: regionResults('singapore') },
            { region: 'kr', results: regionResults('seoul') },
          ]),
        ),
      ),
    );
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'test-utils', 'runner', 'regions.schema.json'), 'utf8'),
    );
    const ajv = new Ajv2020({ strict: false });
    expect(ajv.validate(schema, matrix), JSON.stringify(ajv.errors)).toBe(true);
    expect(readFileSync(join(root, 'regions.md'), 'utf8')).toContain('sgp');
    expect(readFileSync(join(root, 'regions.html'), 'utf8')).toContain('kr');
  });

  test('a region with a gating failure: exit 1, and the differing row is marked', async () => {
    const root = mkdtempSync(join(tmpdir(), 'timc-merge-'));
    const sgp = writeRun(root, 'sgp', regionResults('singapore'));
    const kr = writeRun(
      root,
      'kr',
      regionResults('seoul', [entry('get_group_attr/fresh-group-ok/Public'), failed('get_group_attr/unknown-group')]),
    );
    writeFileSync(join(kr, 'report.html'), '<!DOCTYPE html>');
    const run = await cli('merge', sgp, kr, '--report-dir', root);
    expect(run.code).toBe(1);
    expect(run.out).toContain('kr: FAIL');
    const matrix = JSON.parse(readFileSync(join(root, 'regions.json'), 'utf8')) as RegionsMatrix;
    expect(matrix.checks.filter((c) => c.differs).map((c) => c.id)).toEqual(['get_group_attr/unknown-group']);
    // The failure links to the region's own report, which sits beside regions.html under its directory name.
    expect(readFileSync(join(root, 'regions.html'), 'utf8')).toContain('kr/report.html');
  });

  test.each([
    [
      'different seeds',
      { seed: 8 },
      /^tim-conformance: merge: \S+sgp ran with seed 7 but \S+kr with seed 8; run every region with one --seed$/,
    ],
    [
      'different spec versions',
      { spec: { version: '0.0.9', digest: '0123456789abcdef' } },
      /^tim-conformance: merge: \S+sgp was judged against spec \S+ \(digest [0-9a-f]+\) but \S+kr against spec 0\.0\.9 \(digest 0123456789abcdef\)/,
    ],
  ] as const)(
    '%s are refused with one line naming the difference, exit 2, nothing written',
    async (_name, overrides, message) => {
      const root = mkdtempSync(join(tmpdir(), 'timc-merge-'));
      const sgp = writeRun(root, 'sgp', regionResults('singapore'));
      const kr = writeRun(root, 'kr', regionResults('seoul', undefined, overrides as Partial<ResultsFile>));
      const run = await cli('merge', sgp, kr, '--report-dir', root);
      expect(run.code).toBe(2);
      expect(run.errLines).toHaveLength(1);
      expect(run.errLines[0]).toMatch(message);
      expect(() => readFileSync(join(root, 'regions.json'))).toThrow();
    },
  );

  test('a directory without results.json, or none at all: one line, exit 2', async () => {
    const root = mkdtempSync(join(tmpdir(), 'timc-merge-'));
    expect((await cli('merge', join(root, 'nothing'))).errLines).toEqual([
      expect.stringMatching(/holds no readable results\.json/),
    ]);
    expect((await cli('merge')).code).toBe(2);
  });
});
