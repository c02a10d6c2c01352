/**
 * report.html: one self-contained page for the person who must act on a run. Summary first
 * (verdict, counts, gating failures, tentative findings, checks not run and why), then the
 * matrix of operations × checks × group types, then every failure with its request as curl,
 * the response, the expectation and the document.
 */
import type { ResultsFile } from '../runner/results.ts';
import { escapeHtml, isSafeLink } from './escape.ts';
import { gatingFailureGroups } from '../runner/failure-groups.ts';
import { countsTable, docLink, htmlPage, statusCell } from './html-page.ts';
import {
  buildReportModel,
  legendStatuses,
  STATUS_KIND,
  STATUS_MEANING,
  UNEXPECTED_PASS,
  NO_GROUP_TYPE,
  STATUS_LABEL,
  targetLine,
  type CellStatus,
  type FailureView,
  type Matrix,
  type ReportModel,
} from './model.ts';

const e = escapeHtml;

function counts(model: ReportModel): string {
  const c = model.counts;
  const cells: Array<[string, number, CellStatus]> = [
    ['passed', c.passed, 'passed'],
    ['failed (gating)', c.failed, 'failed'],
    ['tentative findings', c.tentative, 'tentative'],
    ['not run', c['not-run'], 'not-run'],
  ];
  if (model.expectationsFile !== null) {
    cells.push(
      ['known deviations', c['expected-failure'], 'expected-failure'],
      ['unexpected passes', c['unexpected-pass'], 'unexpected-pass'],
    );
  }
  return countsTable(cells);
}

function findingsList(id: string, heading: string, views: FailureView[], line: (v: FailureView) => string): string {
  if (views.length === 0) return '';
  const items = views.map((v) => `<li><a href="#${v.anchor}"><code>${e(v.entry.id)}</code></a>: ${line(v)}</li>`);
  return `<h3 id="${id}">${e(heading)} (${views.length})</h3>\n<ul class="findings">\n${items.join('\n')}\n</ul>`;
}

/** The gating failures grouped by likely cause (test-utils/runner/failure-groups.ts), each id linking to its details. */
function causesList(model: ReportModel): string {
  const groups = gatingFailureGroups(model.results.tests);
  if (groups.length === 0) return '';
  const anchors = new Map(model.details.map((v) => [v.entry.id, v.anchor]));
  const items = groups.map((group) => {
    const ids = group.tests.map((test) => {
      const anchor = anchors.get(test.id);
      return anchor ? `<a href="#${anchor}"><code>${e(test.id)}</code></a>` : `<code>${e(test.id)}</code>`;
    });
    return `<li><strong>${group.tests.length} × ${e(group.title)}</strong>: ${ids.join(', ')}</li>`;
  });
  return `<h3 id="causes">Failures by likely cause (${groups.length})</h3>\n<ul class="findings causes">\n${items.join('\n')}\n</ul>`;
}

function summarySection(model: ReportModel): string {
  const r = model.results;
  const parts = [
    '<section id="summary">',
    '<h2>Summary</h2>',
    '<p class="meta">Jump to: <a href="#matrix-section">matrix</a> · <a href="#failures">failure details</a></p>',
    counts(model),
    causesList(model),
    findingsList('gating-failures', 'Gating failures', model.gatingFailures, (v) => e(v.finding || v.expected)),
    findingsList(
      'unexpected-passes',
      `Unexpected passes (listed in ${model.expectationsFile ?? 'the expectations file'}, gating: update the file)`,
      model.unexpectedPasses,
      (v) => `listed as “${e(v.expectationReason)}” but passed`,
    ),
    findingsList(
      'tentative-findings',
      'Tentative findings (inferred behaviour, not gating unless --strict)',
      model.tentative,
      (v) => e(v.finding || v.expected),
    ),
    findingsList(
      'known-deviations',
      'Known deviations (listed in the expectations file, not gating)',
      model.expectedFailures,
      (v) => e(v.expectationReason),
    ),
  ];
  if (model.notRun.length > 0) {
    const items = model.notRun.map(({ entry, reason }) => `<li><code>${e(entry.id)}</code>: ${e(reason)}</li>`);
    parts.push(`<h3 id="not-run">Not run (${model.notRun.length})</h3>`, '<ul class="findings">', ...items, '</ul>');
  }
  if (model.listedNotRun.length > 0) {
    const items = model.listedNotRun.map((id) => `<li><code>${e(id)}</code></li>`);
    parts.push(
      `<h3 id="listed-not-run">Listed in the expectations file but not run to a verdict (${model.listedNotRun.length})</h3>`,
      '<ul class="findings">',
      ...items,
      '</ul>',
    );
  }
  if (model.details.length === 0 && model.verdict === 'PASS') parts.push('<p>Every check that ran passed.</p>');
  if (r.tests.length === 0)
    parts.push('<p><strong>No check ran to a verdict: a run without checks proves nothing.</strong></p>');
  parts.push('</section>');
  return parts.filter((p) => p !== '').join('\n');
}

function matrixSection(matrix: Matrix, model: ReportModel): string {
  const heads = matrix.columns.map((c) => `<th scope="col">${e(c === '' ? NO_GROUP_TYPE : c)}</th>`).join('');
  const rows: string[] = [];
  for (const op of matrix.operations) {
    const counts = `${op.rows.length} check(s); ${op.counts.passed} passed, ${op.counts.failed} failed, ${op.counts.tentative} tentative, ${op.counts['not-run']} not run`;
    rows.push(
      `<tr class="operation"><th colspan="${matrix.columns.length + 1}" scope="rowgroup">${e(op.operation || '(run errors)')} <span class="meta">— ${e(counts)}</span></th></tr>`,
    );
    for (const row of op.rows) {
      const cells = matrix.columns.map((column) => {
        const cell = row.cells.get(column);
        if (!cell) return '<td class="cell absent" data-status="absent"></td>';
        const entry = cell.entries[0]!;
        const reason = cell.status === 'not-run' ? cell.entries.map((x) => x.reason ?? '').join('; ') : '';
        const anchor = model.anchorById.get(entry.id);
        return statusCell(cell.status, STATUS_LABEL[cell.status], {
          id: entry.id,
          href: anchor ? `#${anchor}` : undefined,
          title: reason,
        });
      });
      rows.push(
        `<tr class="check ${row.status}"><th class="check" scope="row"><code>${e(row.check)}</code></th>${cells.join('')}</tr>`,
      );
    }
  }
  return [
    '<section id="matrix-section">',
    '<h2>Matrix: operations × checks × group types</h2>',
    `<p class="legend">${legendStatuses(model)
      .map((s) => `<span>${e(STATUS_LABEL[s])}: ${e(STATUS_MEANING[s])}</span>`)
      .join('')}<span>empty: not applicable</span></p>`,
    '<table class="matrix" id="matrix">',
    `<thead><tr><th scope="col">check</th>${heads}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</section>',
  ].join('\n');
}

function pre(text: string, className: string): string {
  return `<pre class="${className}">${e(text)}</pre>`;
}

function failureArticle(v: FailureView): string {
  const fields: string[] = [];
  const field = (name: string, cls: string, html: string) =>
    fields.push(`<dt>${e(name)}</dt><dd class="${cls}">${html}</dd>`);
  if (v.expectationReason) field('Listed in the expectations file as', 'expectation', e(v.expectationReason));
  if (v.status === 'unexpected-pass') {
    field('What happened', 'happened', e(UNEXPECTED_PASS));
  } else {
    field('Expected', 'expected', v.expected ? e(v.expected) : '<span class="meta">(not recorded)</span>');
    field('What happened', 'happened', pre(v.happened, 'happened'));
    field(
      'Request (curl; set TIM_USERSIG first: npx tim-conformance usersig)',
      'request',
      v.curl ? pre(v.curl, 'curl') : '<span class="meta">(no request was sent)</span>',
    );
    field('Response', 'response', v.response ? pre(v.response, 'response') : '<span class="meta">(no response)</span>');
  }
  field('Document', 'doc', docLink(v.docUrl, isSafeLink(v.docUrl)));
  if (v.rerun) field('Rerun this check', 'rerun', pre(v.rerun, 'rerun'));
  const evidence = v.entry.evidence ? `, ${v.entry.evidence}` : '';
  return [
    `<article class="failure ${v.status}" id="${v.anchor}" data-id="${e(v.entry.id)}">`,
    `<h3><code>${e(v.entry.id)}</code></h3>`,
    `<p class="meta">${e(STATUS_KIND[v.status])}${e(evidence)}${v.description ? ` — ${e(v.description)}` : ''}</p>`,
    `<dl class="failure-fields">${fields.join('')}</dl>`,
    '</article>',
  ].join('\n');
}

function failuresSection(model: ReportModel): string {
  if (model.details.length === 0) return '<section id="failures"><h2>Failures</h2><p>None.</p></section>';
  return [
    '<section id="failures">',
    `<h2>Failures (${model.details.length})</h2>`,
    ...model.details.map(failureArticle),
    '</section>',
  ].join('\n');
}

export function renderHtmlReport(results: ResultsFile): string {
  const model = buildReportModel(results);
  const r = model.results;
  const header = [
    '<header>',
    `<h1>tim-conformance report <span class="verdict ${model.verdict}" id="verdict">${model.verdict}</span></h1>`,
    `<p class="meta">Target: ${e(targetLine(r))}</p>`,
    `<p class="meta">Seed ${r.seed}${r.target.strict ? ', --strict' : ''}; run ${e(r.runEnd)}${model.expectationsFile ? `; expectations ${e(model.expectationsFile)}` : ''}; ${r.tests.length} check(s)</p>`,
    '</header>',
  ].join('\n');
  const body = [header, summarySection(model), matrixSection(model.matrix, model), failuresSection(model)].join('\n');
  return htmlPage(`tim-conformance ${model.verdict}: ${targetLine(r)}`, body);
}
