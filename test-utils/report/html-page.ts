/**
 * The page shell both HTML reports share: inline CSS only, no script, no external resource.
 * The Content-Security-Policy is a second line of defence behind escaping: even a markup bug
 * could neither run a script nor make the page fetch anything.
 */
import { escapeHtml } from './escape.ts';
import type { CellStatus } from './model.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; padding: 16px 24px 48px; max-width: 1280px; color: #1f2328; background: #fff; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 6px; word-break: break-all; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; word-break: break-all; margin: 2px 0 8px; max-height: 480px; overflow: auto; }
a { color: #0969da; }
.verdict { display: inline-block; font-weight: 700; font-size: 16px; padding: 2px 12px; border-radius: 6px; color: #fff; }
.verdict.PASS { background: var(--pass); } .verdict.FAIL { background: var(--fail); } .verdict.INTERRUPTED { background: var(--warn); }
.meta { color: var(--muted); margin: 4px 0; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; position: sticky; top: 0; }
table.counts td { text-align: right; font-variant-numeric: tabular-nums; } table.counts td.verdict-cell { text-align: left; white-space: nowrap; }
tr.operation th { background: #eef1f4; font-weight: 600; }
td.cell { text-align: center; white-space: nowrap; font-size: 12px; }
td.passed { color: var(--pass); } td.failed, td.unexpected-pass { background: #ffebe9; color: var(--fail); font-weight: 700; }
td.tentative { background: #fff8c5; color: var(--warn); } td.expected-failure { background: #f6f8fa; color: var(--muted); }
td.not-run { color: var(--muted); font-style: italic; } td.absent { color: #8c959f; }
td.cell a { color: inherit; }
tr.differs td, tr.differs th { border-top: 2px solid var(--fail); }
tr.differs th.check { background: #ffebe9; }
ul.findings { padding-left: 20px; } ul.findings li { margin: 2px 0; }
article.failure { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
article.failure.tentative { border-left-color: var(--warn); } article.failure.expected-failure { border-left-color: var(--muted); }
dl.failure-fields { margin: 0; } dl.failure-fields dt { font-weight: 600; margin-top: 6px; } dl.failure-fields dd { margin: 0; }
.legend span { margin-right: 14px; }
`;

export function htmlPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A matrix cell: the status word (colour is only a second cue), linked to its details if any (`href`: '#failure-1', 'kr/report.html#failure-1'). */
export function statusCell(
  status: CellStatus | 'absent',
  label: string,
  options: { id?: string; href?: string; title?: string } = {},
): string {
  const attrs = [`class="cell ${status}"`, `data-status="${status}"`];
  if (options.id !== undefined) attrs.push(`data-id="${escapeHtml(options.id)}"`);
  if (options.title) attrs.push(`title="${escapeHtml(options.title)}"`);
  const text = escapeHtml(label);
  const content = options.href ? `<a href="${escapeHtml(options.href)}">${text}</a>` : text;
  return `<td ${attrs.join(' ')}>${content}</td>`;
}

/** A link for a safe http(s) URL, otherwise the URL as plain (escaped) text. */
export function docLink(url: string, isSafe: boolean): string {
  if (url === '') return '<span class="meta">(no document recorded)</span>';
  if (!isSafe) return `<code>${escapeHtml(url)}</code>`;
  return `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(url)}</a>`;
}

/** A table of plain-text column headings over rows already rendered (`<tr>…</tr>` each). */
export function htmlTable(
  id: string,
  headings: readonly string[],
  rows: readonly string[],
  className?: string,
): string {
  return [
    `<table${className ? ` class="${className}"` : ''} id="${id}">`,
    `<thead><tr>${headings.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

/** The counts at the head of a report: a labelled number per cell, its key in data-count for tests and styles. */
export function countsTable(cells: ReadonlyArray<readonly [label: string, count: number, key: string]>): string {
  const row = `<tr>${cells.map(([, n, key]) => `<td data-count="${key}">${n}</td>`).join('')}</tr>`;
  return htmlTable(
    'counts',
    cells.map(([label]) => label),
    [row],
    'counts',
  );
}
