/**
 * The combined view of a regional run: regions as columns, checks as rows, one outcome per
 * cell, and the rows whose outcomes differ between regions marked. regions.json is this data;
 * the human pages (regions.html, regions.md) come from test-utils/report when it provides
 * writeRegionalReports, otherwise a plain regions.md is written here.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as report from '../report/index.ts';
import type { ResultsFile, ResultsSummary, TestEntry } from './results.ts';

/** A cell: what one check did in one region. 'absent' = the region's run has no such check. */
export type RegionOutcome = 'passed' | 'failed' | 'tentative-failed' | 'expected-failure' | 'unexpected-pass' | 'not-run' | 'absent';

export interface RegionRun {
  region: string;
  results: ResultsFile;
}

export interface RegionsMatrix {
  seed: number;
  regions: { region: string; reportDir: string; runEnd: ResultsFile['runEnd']; summary: ResultsSummary; baseUrl: string; sdkappid: number }[];
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
  const rows = new Map<string, { id: string; title: string; docUrl: string; outcomes: Record<string, RegionOutcome> }>();
  for (const run of runs) {
    for (const test of run.results.tests) {
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
    seed: runs[0]?.results.seed ?? 0,
    regions: runs.map((run) => ({
      region: run.region,
      reportDir: run.region,
      runEnd: run.results.runEnd,
      summary: run.results.summary,
      baseUrl: run.results.target.baseUrl,
      sdkappid: run.results.target.sdkappid,
    })),
    checks,
    differences: checks.filter((c) => c.differs).length,
  };
}

const CELL: Record<RegionOutcome, string> = {
  passed: 'pass',
  failed: '**FAIL**',
  'tentative-failed': 'tentative',
  'expected-failure': 'expected fail',
  'unexpected-pass': '**unexpected pass**',
  'not-run': 'not run',
  absent: '—',
};

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A plain Markdown matrix, differing rows first and marked ⚠. */
export function regionsMarkdown(matrix: RegionsMatrix): string {
  const names = matrix.regions.map((r) => r.region);
  const lines = [
    '# tim-conformance: regional matrix',
    '',
    `Seed ${matrix.seed}. ${matrix.differences} check(s) differ between regions (marked ⚠). Each region's own reports are in its subdirectory.`,
    '',
    '| region | base URL | passed | failed (gating) | tentative | not run |',
    '| --- | --- | --- | --- | --- | --- |',
    ...matrix.regions.map(
      (r) => `| ${r.region} | ${r.baseUrl} | ${r.summary.passed} | ${r.summary.failed} | ${r.summary.tentativeFailed} | ${r.summary.skipped} |`,
    ),
    '',
    `| | check | ${names.join(' | ')} |`,
    `| --- | --- | ${names.map(() => '---').join(' | ')} |`,
  ];
  const ordered = [...matrix.checks.filter((c) => c.differs), ...matrix.checks.filter((c) => !c.differs)];
  for (const check of ordered) {
    lines.push(`| ${check.differs ? '⚠' : ''} | ${mdCell(check.id)} | ${names.map((n) => CELL[check.outcomes[n] ?? 'absent']).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

type RegionalWriter = (runs: RegionRun[], reportDir: string) => string[];

/** Writes regions.json and the human pages; returns the paths written. */
export function writeRegionsReport(runs: RegionRun[], reportDir: string): string[] {
  mkdirSync(reportDir, { recursive: true });
  const matrix = buildRegionsMatrix(runs);
  const jsonPath = join(reportDir, 'regions.json');
  writeFileSync(jsonPath, `${JSON.stringify(matrix, null, 2)}\n`);
  // The human pages belong to test-utils/report; until it exports writeRegionalReports, a plain Markdown page.
  const writer = (report as Record<string, unknown>).writeRegionalReports as RegionalWriter | undefined;
  if (typeof writer === 'function') return [jsonPath, ...writer(runs, reportDir)];
  const mdPath = join(reportDir, 'regions.md');
  writeFileSync(mdPath, regionsMarkdown(matrix));
  return [jsonPath, mdPath];
}
