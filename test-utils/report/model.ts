/**
 * What the human reports show, computed once from results.json so that report.html and
 * report.md cannot disagree: the verdict, the counts, the lists of the summary, the matrix
 * (operations × checks × group types) and the failure details.
 */
import { GROUP_TYPES } from '../contract/types.ts';
import { exitCodeFor, type ResultsFile, type TestEntry } from '../runner/results.ts';
import { reportText } from './escape.ts';

/** A check's outcome as a person reads it. */
export type CellStatus = 'passed' | 'failed' | 'unexpected-pass' | 'tentative' | 'expected-failure' | 'not-run';

/** Labels shared by both formats (and by the tests that read the rendered pages). */
export const STATUS_LABEL: Record<CellStatus, string> = {
  passed: 'pass',
  failed: 'FAIL',
  'unexpected-pass': 'unexpected pass',
  tentative: 'tentative',
  'expected-failure': 'known deviation',
  'not-run': 'not run',
};

/** What a status means, for the legends. */
export const STATUS_MEANING: Record<CellStatus, string> = {
  passed: 'passed',
  failed: 'a gating check failed',
  'unexpected-pass': 'listed as a known deviation but passed (gating)',
  tentative: 'an inferred behaviour differs (not gating)',
  'expected-failure': 'a known deviation listed in the expectations file (not gating)',
  'not-run': 'could not run on this target',
};

/** How the failure details name each kind of finding. */
export const STATUS_KIND: Record<CellStatus, string> = {
  failed: 'gating failure',
  'unexpected-pass': 'unexpected pass (gating)',
  tentative: 'tentative finding (not gating)',
  'expected-failure': 'known deviation (not gating)',
  passed: 'passed',
  'not-run': 'not run',
};

/** Worst first: a matrix cell holding several entries shows the worst. */
const SEVERITY: CellStatus[] = ['failed', 'unexpected-pass', 'tentative', 'expected-failure', 'not-run', 'passed'];

export function cellStatusOf(entry: TestEntry): CellStatus {
  const expectation = entry.expectation;
  if (entry.status === 'skipped') return 'not-run';
  if (entry.status === 'passed') return expectation?.state === 'unexpected-pass' ? 'unexpected-pass' : 'passed';
  if (expectation?.state === 'expected-failure') return 'expected-failure';
  return entry.gating ? 'failed' : 'tentative';
}

export function worstStatus(statuses: CellStatus[]): CellStatus {
  return SEVERITY.find((status) => statuses.includes(status)) ?? 'passed';
}

export type Verdict = 'PASS' | 'FAIL' | 'INTERRUPTED';

export function verdictOf(results: ResultsFile): Verdict {
  if (results.runEnd === 'interrupted') return 'INTERRUPTED';
  return exitCodeFor(results) === 1 ? 'FAIL' : 'PASS';
}

export type Counts = Record<CellStatus, number>;

export function countStatuses(tests: TestEntry[]): Counts {
  const counts: Counts = {
    passed: 0,
    failed: 0,
    'unexpected-pass': 0,
    tentative: 0,
    'expected-failure': 0,
    'not-run': 0,
  };
  for (const test of tests) counts[cellStatusOf(test)]++;
  return counts;
}

/** One failure as the details section shows it; every text already redacted. */
export interface FailureView {
  /** Anchor id in report.html: 'failure-1', … (ids come from results, so never used as HTML ids). */
  anchor: string;
  entry: TestEntry;
  status: CellStatus;
  /** The check's description (its title without the id). */
  description: string;
  expected: string;
  /** What the target did: the first part of the check's message. */
  happened: string;
  /** The finding in one line: the message's first line without the id and status it starts with. */
  finding: string;
  /** The request as curl ('' when no request was sent). */
  curl: string;
  /** The response body, pretty-printed JSON or the raw text ('' when there was none). */
  response: string;
  docUrl: string;
  /** The check's own rerun line, when it gave one. */
  rerun: string;
  /** For a known deviation or an unexpected pass: why the expectations file lists it. */
  expectationReason: string;
}

function descriptionOf(entry: TestEntry): string {
  const prefix = `${entry.id} — `;
  return entry.title.startsWith(prefix)
    ? entry.title.slice(prefix.length)
    : entry.title === entry.id
      ? ''
      : entry.title;
}

/** The message of a check helper repeats expected/document/request/response below its first lines. */
function splitMessage(message: string): { happened: string; rerun: string } {
  const lines = message.split('\n');
  const detailStart = lines.findIndex((line) => /^ {2}(expected|document|request|response|rerun):/.test(line));
  const happened = (detailStart === -1 ? lines : lines.slice(0, detailStart)).join('\n');
  const rerunLine = lines.find((line) => line.startsWith('  rerun:'));
  return { happened, rerun: rerunLine ? rerunLine.replace(/^ {2}rerun:\s*/, '') : '' };
}

/** A summary line stays one line; the details section has the whole message. */
const FINDING_CHARS = 240;

/** 'get_group_attr/x (gating, documented): got 10004, wanted 10010' -> 'got 10004, wanted 10010'. */
export function findingLine(id: string, happened: string): string {
  const first = happened.split('\n')[0] ?? '';
  const line = first.startsWith(id) ? first.slice(id.length).replace(/^\s*(\([^)]*\))?\s*:\s*/, '') : first;
  return line.length > FINDING_CHARS ? `${line.slice(0, FINDING_CHARS)}…` : line;
}

export function responseText(response: unknown): string {
  if (response === null || response === undefined) return '';
  if (typeof response === 'string') return response;
  return JSON.stringify(response, null, 2) ?? String(response);
}

function failureView(entry: TestEntry, index: number): FailureView {
  const failure = entry.failure;
  const message = failure?.message ?? (entry.status === 'passed' ? `${entry.id}: passed` : entry.id);
  const { happened, rerun } = splitMessage(message);
  const expectation = entry.expectation;
  return {
    anchor: `failure-${index + 1}`,
    entry,
    status: cellStatusOf(entry),
    description: reportText(descriptionOf(entry)),
    expected: reportText(failure?.expected ?? ''),
    happened: reportText(happened),
    finding: reportText(findingLine(entry.id, happened)),
    curl: reportText(failure?.curl ?? ''),
    response: reportText(responseText(failure?.response)),
    docUrl: entry.docUrl,
    rerun: reportText(rerun),
    expectationReason: reportText(expectation?.reason ?? ''),
  };
}

/** A matrix row: one check of one operation, its cells by group type ('' = no group type). */
export interface MatrixRow {
  check: string;
  cells: Map<string, { status: CellStatus; entries: TestEntry[] }>;
  status: CellStatus;
}

export interface MatrixOperation {
  /** '' for entries that belong to no operation (a suite file that failed to load). */
  operation: string;
  rows: MatrixRow[];
  counts: Counts;
}

export interface Matrix {
  /** Column keys in order: '' (checks without a group type) first when present, then GROUP_TYPES. */
  columns: string[];
  operations: MatrixOperation[];
}

/** What an unexpected pass means for the person reading the report. */
export const UNEXPECTED_PASS =
  'the expectations file lists this check as a known deviation, but it passed: the deviation is fixed or the check changed; update the file (--update-expectations) so a later regression gates again';

/** The column heading of the '' column. */
export const NO_GROUP_TYPE = 'no group type';

export function buildMatrix(tests: TestEntry[]): Matrix {
  const byOperation = new Map<string, Map<string, MatrixRow>>();
  const seenColumns = new Set<string>();
  for (const entry of tests) {
    const column = entry.groupType ?? '';
    seenColumns.add(column);
    const rows = byOperation.get(entry.operation) ?? new Map<string, MatrixRow>();
    byOperation.set(entry.operation, rows);
    const check = entry.operation === '' ? entry.id : entry.check;
    const row = rows.get(check) ?? { check, cells: new Map(), status: 'passed' as CellStatus };
    rows.set(check, row);
    const cell = row.cells.get(column) ?? { status: 'passed' as CellStatus, entries: [] };
    cell.entries.push(entry);
    cell.status = worstStatus(cell.entries.map(cellStatusOf));
    row.cells.set(column, cell);
    row.status = worstStatus([...row.cells.values()].map((c) => c.status));
  }
  const known: string[] = ['', ...GROUP_TYPES];
  const columns = [
    ...known.filter((c) => seenColumns.has(c)),
    ...[...seenColumns].filter((c) => !known.includes(c)).sort(),
  ];
  const operations = [...byOperation.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([operation, rows]) => ({
      operation,
      rows: [...rows.values()].sort((a, b) => a.check.localeCompare(b.check)),
      counts: countStatuses(tests.filter((t) => t.operation === operation)),
    }));
  return { columns, operations };
}

export interface ReportModel {
  results: ResultsFile;
  verdict: Verdict;
  counts: Counts;
  gatingFailures: FailureView[];
  unexpectedPasses: FailureView[];
  tentative: FailureView[];
  expectedFailures: FailureView[];
  notRun: { entry: TestEntry; reason: string }[];
  /** Ids an expectations file lists that did not run to a verdict. */
  listedNotRun: string[];
  expectationsFile: string | null;
  matrix: Matrix;
  /** Every failure-like entry with its details, in the order the details section shows them. */
  details: FailureView[];
  /** Anchor of each detailed entry, by entry id. */
  anchorById: Map<string, string>;
}

export function buildReportModel(results: ResultsFile): ReportModel {
  const byStatus = (status: CellStatus) => results.tests.filter((t) => cellStatusOf(t) === status);
  const ordered = [
    ...byStatus('failed'),
    ...byStatus('unexpected-pass'),
    ...byStatus('tentative'),
    ...byStatus('expected-failure'),
  ];
  const details = ordered.map(failureView);
  const pick = (status: CellStatus) => details.filter((d) => d.status === status);
  const expectations = results.expectations;
  return {
    results,
    verdict: verdictOf(results),
    counts: countStatuses(results.tests),
    gatingFailures: pick('failed'),
    unexpectedPasses: pick('unexpected-pass'),
    tentative: pick('tentative'),
    expectedFailures: pick('expected-failure'),
    notRun: byStatus('not-run').map((entry) => ({ entry, reason: reportText(entry.reason ?? 'skipped') })),
    listedNotRun: expectations?.notRun ?? [],
    expectationsFile: expectations?.file ?? null,
    matrix: buildMatrix(results.tests),
    details,
    anchorById: new Map(details.map((d) => [d.entry.id, d.anchor])),
  };
}

/** The statuses a legend explains: the expectation ones only for a run with an expectations file. */
export function legendStatuses(model: Pick<ReportModel, 'expectationsFile'>): CellStatus[] {
  const base: CellStatus[] = ['passed', 'failed', 'tentative', 'not-run'];
  return model.expectationsFile === null ? base : [...base, 'expected-failure', 'unexpected-pass'];
}

/** One line describing the target (never a secret: results.json holds none). */
export function targetLine(results: ResultsFile): string {
  const t = results.target;
  const where =
    t.kind === 'region'
      ? `region ${t.region ?? '?'} (${t.baseUrl})`
      : t.kind === 'mock'
        ? `reference mock (${t.baseUrl})`
        : t.baseUrl;
  return `${where}, sdkappid ${t.sdkappid}${t.basicSdkappid === null ? '' : `, basic app ${t.basicSdkappid}`}, admin ${t.admin}`;
}
