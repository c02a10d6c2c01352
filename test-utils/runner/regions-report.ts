/**
 * The combined view of a regional run: regions as columns, checks as rows, one outcome per
 * cell, and the rows whose outcomes differ between regions marked. regions.json is this data
 * for machines (regions.schema.json); the human pages (regions.html, regions.md) come from
 * test-utils/report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRegionalReports, type RegionalRun } from '../report/index.ts';
import type { ResultsFile, ResultsSummary, TestEntry } from './results.ts';

/** A cell: what one check did in one region. 'absent' = the region's run has no such check. */
export type RegionOutcome =
  'passed' | 'failed' | 'tentative-failed' | 'expected-failure' | 'unexpected-pass' | 'not-run' | 'absent';

/** One region's run; `results` is null (with `error`) when the region could not run at all. */
export type RegionRun = RegionalRun;

export interface RegionsMatrix {
  seed: number;
  regions: (
    | {
        region: string;
        reportDir: string;
        runEnd: ResultsFile['runEnd'];
        summary: ResultsSummary;
        baseUrl: string;
        sdkappid: number;
      }
    | { region: string; error: string }
  )[];
  /** Checks in first-seen order; `differs` when not every region has the same outcome. */
  checks: { id: string; title: string; docUrl: string; outcomes: Record<string, RegionOutcome>; differs: boolean }[];
  /** How many rows differ. */
  differences: number;
}

export function outcomeOf(test: TestEntry): RegionOutcome {
  if (test.expectation) return test.expectation.state;
  if (test.status === 'skipped') return 'not-run';
  if (test.status === 'passed') return 'passed';
  return test.gating ? 'failed' : 'tentative-failed';
}

export function buildRegionsMatrix(runs: RegionRun[]): RegionsMatrix {
  const rows = new Map<
    string,
    { id: string; title: string; docUrl: string; outcomes: Record<string, RegionOutcome> }
  >();
  for (const run of runs) {
    for (const test of run.results?.tests ?? []) {
      const row = rows.get(test.id) ?? { id: test.id, title: test.title, docUrl: test.docUrl, outcomes: {} };
      row.outcomes[run.region] = outcomeOf(test);
      rows.set(test.id, row);
    }
  }
  const checks = [...rows.values()].map((row) => {
    for (const run of runs) row.outcomes[run.region] ??= 'absent';
    const distinct = new Set(Object.values(row.outcomes));
    return { ...row, differs: distinct.size > 1 };
  });
  return {
    seed: runs.find((run) => run.results)?.results?.seed ?? 0,
    regions: runs.map((run) =>
      run.results
        ? {
            region: run.region,
            reportDir: run.region,
            runEnd: run.results.runEnd,
            summary: run.results.summary,
            baseUrl: run.results.target.baseUrl,
            sdkappid: run.results.target.sdkappid,
          }
        : { region: run.region, error: run.error ?? 'the region did not run' },
    ),
    checks,
    differences: checks.filter((c) => c.differs).length,
  };
}

/** Writes regions.json and the human pages; returns the paths written. */
export function writeRegionsReport(runs: RegionRun[], reportDir: string): string[] {
  mkdirSync(reportDir, { recursive: true });
  const matrix = buildRegionsMatrix(runs);
  const jsonPath = join(reportDir, 'regions.json');
  writeFileSync(jsonPath, `${JSON.stringify(matrix, null, 2)}\n`);
  return [jsonPath, ...writeRegionalReports(runs, reportDir)];
}
