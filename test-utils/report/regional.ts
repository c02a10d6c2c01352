/**
 * The regional matrix (regions.html, regions.md): one run per region, regions as columns and
 * check ids as rows. What a person checking regional endpoints needs first is where regions
 * disagree, so rows whose statuses differ are highlighted, counted and listed first, each with
 * what the failing regions answered.
 */
import type { ResultsFile, TestEntry } from '../runner/results.ts';
import { escapeHtml, escapeMarkdownText, isSafeLink, markdownCode, markdownLink, reportText } from './escape.ts';
import { docLink, htmlPage, htmlTable, statusCell } from './html-page.ts';
import { STATUS_MARK } from './markdown-report.ts';
import {
  buildReportModel,
  cellStatusOf,
  findingLine,
  countStatuses,
  STATUS_LABEL,
  verdictOf,
  type CellStatus,
  type Counts,
  type Verdict,
} from './model.ts';

/** One region's run, as the runner hands it to writeRegionalReports. */
export interface RegionalRun {
  /** The column heading: the region's name as given to --regions ('sgp', 'kr', …). */
  region: string;
  /** The run's results; null when the region could not be run at all (see `error`). */
  results: ResultsFile | null;
  /** Why the region did not run (missing credentials, target unreachable); shown in its column. */
  error?: string;
  /** A link, relative to the regional report's directory, to this region's own report.html. */
  reportHref?: string;
}

/** A cell of the regional matrix: a check's status in one region, or absent from that run. */
export type RegionalCell = CellStatus | 'absent';

export interface RegionalRow {
  id: string;
  cells: RegionalCell[];
  /** Some region's status differs from another's. */
  differs: boolean;
  /** The entries by region (undefined where absent), for the differences' details. */
  entries: Array<TestEntry | undefined>;
}

export interface RegionColumn {
  region: string;
  verdict: Verdict | 'NOT RUN';
  counts: Counts;
  baseUrl: string;
  error: string;
  /** Link to the region's own report.html ('' when none or not a safe relative path). */
  reportHref: string;
  /** Anchor of each failure in the region's own report.html, by check id. */
  anchors: Map<string, string>;
}

export interface RegionalModel {
  columns: RegionColumn[];
  /** Differing rows first (by id), then the rest (by id). */
  rows: RegionalRow[];
  differing: number;
}

const ABSENT_LABEL = '—';
const NO_RUN_LABEL = 'no run';

export function buildRegionalModel(runs: RegionalRun[]): RegionalModel {
  const byRegion = runs.map((run) => new Map((run.results?.tests ?? []).map((entry) => [entry.id, entry])));
  const ids = [...new Set(byRegion.flatMap((map) => [...map.keys()]))].sort();
  const rows = ids.map((id) => {
    const entries = byRegion.map((map) => map.get(id));
    const cells: RegionalCell[] = entries.map((entry) => (entry ? cellStatusOf(entry) : 'absent'));
    // A region that could not run at all differs everywhere; that is said once, in its column.
    const compared = cells.filter((_, i) => runs[i]!.results !== null);
    return { id, cells, entries, differs: new Set(compared).size > 1 };
  });
  const columns = runs.map((run) => ({
    region: run.region,
    verdict: run.results ? verdictOf(run.results) : ('NOT RUN' as const),
    counts: countStatuses(run.results?.tests ?? []),
    baseUrl: run.results?.target.baseUrl ?? '',
    error: reportText(run.error ?? ''),
    reportHref: run.reportHref && isSafeRelative(run.reportHref) ? run.reportHref : '',
    anchors: run.results && run.reportHref ? buildReportModel(run.results).anchorById : new Map<string, string>(),
  }));
  const differing = rows.filter((r) => r.differs);
  return { columns, rows: [...differing, ...rows.filter((r) => !r.differs)], differing: differing.length };
}

/** The cell text; a region that could not run says so in every cell of its column. */
function cellLabel(cell: RegionalCell, column: RegionColumn): string {
  if (column.verdict === 'NOT RUN') return NO_RUN_LABEL;
  return cell === 'absent' ? ABSENT_LABEL : STATUS_LABEL[cell];
}

/** For a differing row: what each region that did not pass answered (first line of its finding). */
function regionFindings(
  row: RegionalRow,
  columns: RegionColumn[],
): Array<{ region: string; cell: RegionalCell; text: string; docUrl: string }> {
  return row.cells.flatMap((cell, i) => {
    if (cell === 'passed') return [];
    const entry = row.entries[i];
    const region = columns[i]!.region;
    if (columns[i]!.verdict === 'NOT RUN') return [];
    if (!entry) return [{ region, cell, text: 'not in this run', docUrl: '' }];
    const text =
      entry.status === 'skipped'
        ? (entry.reason ?? 'skipped')
        : entry.status === 'passed'
          ? 'passed (listed as a known deviation)'
          : findingLine(entry.id, entry.failure?.message ?? '') || entry.failure?.expected || 'failed';
    return [{ region, cell, text: reportText(text), docUrl: entry.docUrl }];
  });
}

// ---------------------------------------------------------------------------------------------
// regions.html
// ---------------------------------------------------------------------------------------------

const e = escapeHtml;

export function renderRegionalHtml(runs: RegionalRun[]): string {
  const model = buildRegionalModel(runs);
  const { columns } = model;
  const regionsHead = columns.map((c) => `<th scope="col" data-region="${e(c.region)}">${e(c.region)}</th>`).join('');
  const summaryRows = columns.map((c) => {
    const link = c.reportHref ? ` <a href="${e(c.reportHref)}">report</a>` : '';
    const where = c.error ? e(c.error) : `<code>${e(c.baseUrl)}</code>`;
    return `<tr data-region="${e(c.region)}"><th scope="row">${e(c.region)}</th><td class="verdict-cell"><span class="verdict ${c.verdict === 'NOT RUN' ? 'INTERRUPTED' : c.verdict}">${e(c.verdict)}</span>${link}</td><td>${where}</td><td>${c.counts.passed}</td><td>${c.counts.failed}</td><td>${c.counts.tentative}</td><td>${c.counts['not-run']}</td></tr>`;
  });
  const matrixRows = model.rows.map((row) => {
    const cells = row.cells.map((cell, i) => {
      const title = cell === 'not-run' ? (row.entries[i]?.reason ?? '') : '';
      const column = columns[i]!;
      const anchor = column.anchors.get(row.id);
      const href = anchor ? `${column.reportHref}#${anchor}` : undefined;
      return statusCell(cell, cellLabel(cell, column), { id: `${column.region}:${row.id}`, title, href });
    });
    return `<tr class="${row.differs ? 'differs' : 'same'}" data-id="${e(row.id)}"><th class="check" scope="row"><code>${e(row.id)}</code></th>${cells.join('')}</tr>`;
  });
  const differences = model.rows
    .filter((r) => r.differs)
    .map((row) => {
      const items = regionFindings(row, columns).map(
        (f) =>
          `<li><strong>${e(f.region)}</strong> (${e(f.cell === 'absent' ? 'absent' : STATUS_LABEL[f.cell])}): ${e(f.text)}${f.docUrl ? ` — ${docLink(f.docUrl, isSafeLink(f.docUrl))}` : ''}</li>`,
      );
      return `<li><code>${e(row.id)}</code><ul>${items.join('')}</ul></li>`;
    });
  const body = [
    '<header>',
    `<h1>tim-conformance regional matrix</h1>`,
    `<p class="meta">${columns.length} region(s); ${model.rows.length} check(s); <strong id="differing-count">${model.differing}</strong> check(s) differ between regions</p>`,
    '</header>',
    '<section id="summary">',
    '<h2>Regions</h2>',
    htmlTable(
      'regions',
      ['region', 'verdict', 'target', 'passed', 'failed (gating)', 'tentative', 'not run'],
      summaryRows,
      'counts',
    ),
    `<h2 id="differences">Where regions differ (${model.differing})</h2>`,
    model.differing === 0
      ? '<p>Every check has the same status in every region.</p>'
      : `<ul class="findings">${differences.join('\n')}</ul>`,
    '</section>',
    '<section id="matrix-section">',
    '<h2>Matrix: checks × regions</h2>',
    '<p class="legend"><span>rows with a red rule differ between regions and come first</span><span>— : not in that region’s run</span></p>',
    '<table class="matrix" id="matrix">',
    `<thead><tr><th scope="col">check</th>${regionsHead}</tr></thead>`,
    '<tbody>',
    ...matrixRows,
    '</tbody>',
    '</table>',
    '</section>',
  ].join('\n');
  return htmlPage(`tim-conformance regional matrix: ${model.differing} difference(s)`, body);
}

// ---------------------------------------------------------------------------------------------
// regions.md
// ---------------------------------------------------------------------------------------------

const t = escapeMarkdownText;

function mark(cell: RegionalCell, column: RegionColumn): string {
  if (column.verdict === 'NOT RUN') return NO_RUN_LABEL;
  return cell === 'absent' ? ABSENT_LABEL : STATUS_MARK[cell];
}

export function renderRegionalMarkdown(runs: RegionalRun[]): string {
  const model = buildRegionalModel(runs);
  const { columns } = model;
  const lines = [
    `## tim-conformance regional matrix: ${model.differing === 0 ? 'no differences' : `${model.differing} check(s) differ`}`,
    '',
    '| region | verdict | target | passed | failed (gating) | tentative | not run |',
    '|---|---|---|---:|---:|---:|---:|',
    ...columns.map((c) => {
      const verdict = c.reportHref ? `[${t(c.verdict)}](${c.reportHref})` : t(c.verdict);
      const where = c.error ? t(c.error) : markdownCode(c.baseUrl, true);
      return `| ${t(c.region)} | ${verdict} | ${where} | ${c.counts.passed} | ${c.counts.failed} | ${c.counts.tentative} | ${c.counts['not-run']} |`;
    }),
    '',
  ];
  if (model.differing > 0) {
    lines.push(`### Where regions differ (${model.differing})`, '');
    for (const row of model.rows.filter((r) => r.differs)) {
      lines.push(`- ${markdownCode(row.id)}`);
      for (const f of regionFindings(row, columns)) {
        lines.push(
          `  - **${t(f.region)}** ${f.cell === 'absent' ? ABSENT_LABEL : STATUS_MARK[f.cell]} ${t(f.text)}${f.docUrl ? ` (${markdownLink(f.docUrl)})` : ''}`,
        );
      }
    }
    lines.push('');
  } else {
    lines.push('Every check has the same status in every region.', '');
  }
  const legend = (['passed', 'failed', 'tentative', 'not-run'] as CellStatus[])
    .map((s) => `${STATUS_MARK[s]} ${STATUS_LABEL[s]}`)
    .join(' · ');
  lines.push(
    '### Matrix: checks × regions',
    '',
    `${legend} · ${ABSENT_LABEL} not in that run · 🔶 the regions differ (listed first)`,
    '',
    `| check | ${columns.map((c) => t(c.region)).join(' | ')} |`,
    `|---|${columns.map(() => ':---:').join('|')}|`,
    ...model.rows.map(
      (row) =>
        `| ${row.differs ? '🔶 ' : ''}${markdownCode(row.id, true)} | ${row.cells.map((cell, i) => mark(cell, columns[i]!)).join(' | ')} |`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** A relative link with nothing a Markdown link target could be broken by. */
function isSafeRelative(href: string): boolean {
  return /^[A-Za-z0-9._~/-]+$/.test(href) && !href.startsWith('/') && !href.includes('..');
}
