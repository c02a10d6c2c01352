/**
 * sdk-report.html: the judged requests of an SDK on one self-contained page in the look of
 * report.html (same shell: inline CSS, no script, a CSP that forbids any request). Verdict and
 * counts first, then the findings by status, the matrix of answers the SDK was shown, the
 * scenarios, each finding with its recorded request, and the rules. Everything is escaped.
 */
import { escapeHtml, isSafeLink, reportText } from '../../report/escape.ts';
import { countsTable, docLink, htmlPage, htmlTable } from '../../report/html-page.ts';
import type { SdkFinding } from '../judge.ts';
import type { SdkResultsFile } from './results.ts';

const e = (text: string | number): string => escapeHtml(reportText(String(text)));

const STATUS_HEADING = {
  gating: 'Gating findings',
  tentative: 'Tentative findings (inferred; not gating)',
  note: 'Notes (accepted by the server)',
} as const;
const STATUS_CLASS = { gating: 'failed', tentative: 'tentative', note: 'expected-failure' } as const;

export function verdictOf(results: SdkResultsFile): 'PASS' | 'FAIL' {
  return results.exitCode === 0 ? 'PASS' : 'FAIL';
}

function anchor(index: number): string {
  return `finding-${index + 1}`;
}

function counts(r: SdkResultsFile): string {
  const cells: Array<[string, number, string]> = [
    ['requests', r.summary.requests, 'requests'],
    ['gating findings', r.summary.gatingFindings, 'gating'],
    ['tentative findings', r.summary.tentativeFindings, 'tentative'],
    ['notes', r.summary.notes, 'note'],
  ];
  return countsTable(cells);
}

function findingLists(r: SdkResultsFile): string {
  const parts: string[] = [];
  for (const status of ['gating', 'tentative', 'note'] as const) {
    const items = r.findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.status === status)
      .map(
        ({ f, i }) =>
          `<li><a href="#${anchor(i)}"><code>${e(f.rule)}</code> × <code>${e(f.operation)}</code></a> (${f.count}×): ${e(f.message)}</li>`,
      );
    if (items.length === 0) continue;
    parts.push(
      `<h3 id="${status}-findings">${e(STATUS_HEADING[status])} (${items.length})</h3>`,
      '<ul class="findings">',
      ...items,
      '</ul>',
    );
  }
  if (r.summary.requests === 0)
    parts.push('<p><strong>No request was recorded: a gate that saw nothing proves nothing.</strong></p>');
  else if (r.findings.length === 0) parts.push('<p>Every request followed every rule.</p>');
  return parts.join('\n');
}

function matrix(r: SdkResultsFile): string {
  const rows = r.operations.map((op) => {
    const success = op.codes.find((c) => c.code === 0)?.count ?? 0;
    const codes = op.codes
      .filter((c) => c.code !== 0)
      .map((c) => `${c.code}${c.documented ? '' : ' (undocumented)'} ×${c.count}`);
    const other = op.other.map((o) => `${o.answer} ×${o.count}`);
    const cls = op.calls === 0 ? 'not-run' : 'passed';
    return [
      `<tr data-operation="${e(op.operationId)}">`,
      `<th scope="row"><code>${e(op.operationId)}</code></th>`,
      `<td class="cell ${cls}" data-calls="${op.calls}">${op.calls}</td>`,
      `<td class="cell">${success}</td>`,
      `<td>${e(codes.join(', ') || '—')}</td>`,
      `<td>${e(other.join(', ') || '—')}</td>`,
      `<td class="meta">${e(op.notShown.join(', ') || '—')}</td>`,
      '</tr>',
    ].join('');
  });
  return htmlTable(
    'operations',
    ['operation', 'calls', 'success', 'error codes shown', 'other answers', 'documented codes never shown'],
    rows,
  );
}

function scenarios(r: SdkResultsFile): string {
  if (r.scenarios.length === 0) return '<p class="meta">No scenario rule was set.</p>';
  const rows = r.scenarios.map(
    (s) =>
      `<tr><td><code>${e(s.id)}</code></td><td>${e(s.description ?? '')}</td><td>${s.fired}</td><td>${e(s.sdkNext ?? '')}</td></tr>`,
  );
  return htmlTable('scenarios', ['scenario rule', 'what it does', 'fired', 'what the SDK did next'], rows);
}

function pre(text: string, name: string): string {
  return `<pre data-field="${name}">${e(text)}</pre>`;
}

function detail(f: SdkFinding, index: number): string {
  const req = f.request;
  const headers = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  const others =
    f.messages.length > 1
      ? `<dt>Other occurrences</dt><dd><ul>${f.messages
          .slice(1)
          .map((m) => `<li>${e(m)}</li>`)
          .join('')}</ul></dd>`
      : '';
  return [
    `<article class="failure ${STATUS_CLASS[f.status]}" id="${anchor(index)}" data-rule="${e(f.rule)}" data-status="${f.status}">`,
    `<h3><code>${e(f.rule)}</code> × <code>${e(f.operation)}</code></h3>`,
    `<p class="meta">${e(f.status)} — ${f.count} request(s): #${e(f.seqs.join(', #'))}</p>`,
    '<dl class="failure-fields">',
    `<dt>Finding</dt><dd data-field="message">${e(f.message)}</dd>`,
    others,
    `<dt>Document</dt><dd>${docLink(f.docUrl, isSafeLink(f.docUrl))}</dd>`,
    `<dt>Request #${req.seq} as sent (usersig redacted)</dt><dd>${pre(`${req.method} ${req.path}`, 'request-line')}${pre(headers, 'headers')}${pre(req.body === '' ? '(empty body)' : req.body, 'body')}</dd>`,
    '</dl>',
    '</article>',
  ].join('\n');
}

function rulesTable(r: SdkResultsFile): string {
  const rows = r.rules.map(
    (rule) =>
      `<tr><td><code>${e(rule.id)}</code></td><td>${e(rule.status)}</td><td>${e(rule.title)}</td><td>${docLink(rule.docUrl, isSafeLink(rule.docUrl))}</td></tr>`,
  );
  return htmlTable('rules', ['rule', 'status', 'a conforming request…', 'document'], rows);
}

export function renderSdkHtml(r: SdkResultsFile): string {
  const verdict = verdictOf(r);
  const body = [
    `<h1>tim-conformance SDK requests <span class="verdict ${verdict}" id="verdict">${verdict}</span></h1>`,
    `<p class="meta">Command: <code>${e(r.command)}</code>; exit code ${r.exitCode}${r.commandExitCode !== undefined ? ` (the command's own: ${r.commandExitCode})` : ''}${r.recording ? `; recording <code>${e(r.recording)}</code>` : ''}</p>`,
    '<p class="meta">Jump to: <a href="#operations-section">what the tests exercised</a> · <a href="#details">finding details</a> · <a href="#rules-section">rules</a></p>',
    '<h2 id="summary">Summary</h2>',
    counts(r),
    findingLists(r),
    '<h2 id="operations-section">What the SDK\'s tests exercised</h2>',
    '<p class="meta">Per operation: calls and every answer the SDK was shown. Reported, not gating.</p>',
    matrix(r),
    '<h2 id="scenarios-section">Scenarios</h2>',
    scenarios(r),
    '<h2 id="details">Finding details</h2>',
    r.findings.length === 0 ? '<p class="meta">None.</p>' : r.findings.map(detail).join('\n'),
    '<h2 id="rules-section">Rules</h2>',
    rulesTable(r),
  ].join('\n');
  return htmlPage(`tim-conformance SDK requests ${verdict}: ${reportText(r.command)}`, body);
}
