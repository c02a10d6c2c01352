/**
 * report.md: the same content as report.html in GitHub-flavoured Markdown, meant for
 * $GITHUB_STEP_SUMMARY. GitHub caps a step summary at 1 MiB, so long blocks are shortened and
 * the failure details stop at a budget (the rest are listed by id; report.html has them all).
 */
import type { ResultsFile } from '../runner/results.ts';
import { gatingFailureGroups } from '../runner/failure-groups.ts';
import { escapeMarkdownText, markdownCode, markdownCodeBlock, markdownLink } from './escape.ts';
import {
  buildReportModel,
  legendStatuses,
  STATUS_KIND,
  STATUS_MEANING,
  NO_GROUP_TYPE,
  UNEXPECTED_PASS,
  targetLine,
  type CellStatus,
  type FailureView,
  type ReportModel,
} from './model.ts';

/** Under GitHub's 1 MiB step-summary limit with room for other steps' summaries. */
export const MARKDOWN_BUDGET_BYTES = 600_000;
/** Longest curl, response or message block shown in report.md. */
export const MARKDOWN_BLOCK_CHARS = 4_000;

export const STATUS_MARK: Record<CellStatus, string> = {
  passed: '✅',
  failed: '❌',
  'unexpected-pass': '❗',
  tentative: '⚠️',
  'expected-failure': '☑️',
  'not-run': '⏭️',
};

const t = escapeMarkdownText;

function shortened(text: string): string {
  if (text.length <= MARKDOWN_BLOCK_CHARS) return text;
  return `${text.slice(0, MARKDOWN_BLOCK_CHARS)}\n… (${text.length - MARKDOWN_BLOCK_CHARS} more characters in report.html)`;
}

function countsTable(model: ReportModel): string[] {
  const c = model.counts;
  const columns: Array<[string, number]> = [
    [`${STATUS_MARK.passed} passed`, c.passed],
    [`${STATUS_MARK.failed} failed (gating)`, c.failed],
    [`${STATUS_MARK.tentative} tentative findings`, c.tentative],
    [`${STATUS_MARK['not-run']} not run`, c['not-run']],
  ];
  if (model.expectationsFile !== null) {
    columns.push(
      [`${STATUS_MARK['expected-failure']} known deviations`, c['expected-failure']],
      [`${STATUS_MARK['unexpected-pass']} unexpected passes`, c['unexpected-pass']],
    );
  }
  return [
    `| ${columns.map(([h]) => h).join(' | ')} |`,
    `|${columns.map(() => '---:').join('|')}|`,
    `| ${columns.map(([, n]) => n).join(' | ')} |`,
  ];
}

function findings(heading: string, views: FailureView[], line: (v: FailureView) => string): string[] {
  if (views.length === 0) return [];
  return [`### ${heading} (${views.length})`, '', ...views.map((v) => `- ${markdownCode(v.entry.id)}: ${line(v)}`), ''];
}

/** The gating failures grouped by likely cause (test-utils/runner/failure-groups.ts), largest first. */
function causes(results: ResultsFile): string[] {
  const groups = gatingFailureGroups(results.tests);
  if (groups.length === 0) return [];
  const lines = [
    `### Failures by likely cause (${groups.length})`,
    '',
    '| checks | likely cause | check ids |',
    '|---:|---|---|',
  ];
  for (const group of groups) {
    const ids = group.tests.slice(0, GROUP_IDS_SHOWN).map((test) => markdownCode(test.id, true));
    const more = group.tests.length > GROUP_IDS_SHOWN ? ` … and ${group.tests.length - GROUP_IDS_SHOWN} more` : '';
    lines.push(`| ${group.tests.length} | ${t(group.title).replace(/\|/g, '\\|')} | ${ids.join(', ')}${more} |`);
  }
  lines.push('');
  return lines;
}

/** Ids listed per cause in report.md (report.html lists them all). */
const GROUP_IDS_SHOWN = 30;

function summary(model: ReportModel): string[] {
  const r = model.results;
  const lines = [
    `## tim-conformance: ${model.verdict === 'PASS' ? '✅' : model.verdict === 'FAIL' ? '❌' : '⏹️'} ${model.verdict}`,
    '',
    `Target: ${t(targetLine(r))}  `,
    `Seed ${r.seed}${r.target.strict ? ', `--strict`' : ''}; run ${t(r.runEnd)}${model.expectationsFile ? `; expectations ${markdownCode(model.expectationsFile)}` : ''}; ${r.tests.length} check(s)`,
    '',
    ...countsTable(model),
    '',
    ...causes(r),
    ...findings('Gating failures', model.gatingFailures, (v) => t(v.finding || v.expected)),
    ...findings(
      'Unexpected passes (listed as known deviations but passed; gating: update the expectations file)',
      model.unexpectedPasses,
      (v) => t(v.expectationReason),
    ),
    ...findings('Tentative findings (inferred behaviour, not gating unless `--strict`)', model.tentative, (v) =>
      t(v.finding || v.expected),
    ),
    ...findings('Known deviations (listed in the expectations file, not gating)', model.expectedFailures, (v) =>
      t(v.expectationReason),
    ),
  ];
  if (model.notRun.length > 0) {
    lines.push(
      `### Not run (${model.notRun.length})`,
      '',
      ...model.notRun.map(({ entry, reason }) => `- ${markdownCode(entry.id)}: ${t(reason)}`),
      '',
    );
  }
  if (model.listedNotRun.length > 0) {
    lines.push(
      `### Listed in the expectations file but not run to a verdict (${model.listedNotRun.length})`,
      '',
      ...model.listedNotRun.map((id) => `- ${markdownCode(id)}`),
      '',
    );
  }
  if (r.tests.length === 0) lines.push('**No check ran to a verdict: a run without checks proves nothing.**', '');
  return lines;
}

function matrix(model: ReportModel): string[] {
  const { columns, operations } = model.matrix;
  const legend = legendStatuses(model)
    .map((s) => `${STATUS_MARK[s]} ${STATUS_MEANING[s]}`)
    .join(' · ');
  const lines = [
    '### Matrix: operations × checks × group types',
    '',
    `${legend} · empty: not applicable`,
    '',
    `| operation | check | ${columns.map((c) => t(c === '' ? NO_GROUP_TYPE : c)).join(' | ')} |`,
    `|---|---|${columns.map(() => ':---:').join('|')}|`,
  ];
  for (const op of operations) {
    for (const row of op.rows) {
      const cells = columns.map((c) => {
        const cell = row.cells.get(c);
        return cell ? STATUS_MARK[cell.status] : '';
      });
      lines.push(
        `| ${markdownCode(op.operation || '(run errors)', true)} | ${markdownCode(row.check, true)} | ${cells.join(' | ')} |`,
      );
    }
  }
  lines.push('');
  return lines;
}

function failureDetail(v: FailureView): string[] {
  const lines = [
    `#### ${STATUS_MARK[v.status]} ${markdownCode(v.entry.id)}`,
    '',
    `*${t(STATUS_KIND[v.status])}${v.entry.evidence ? `, ${t(v.entry.evidence)}` : ''}*${v.description ? ` — ${t(v.description)}` : ''}`,
    '',
  ];
  if (v.expectationReason) lines.push(`- **Listed in the expectations file as:** ${t(v.expectationReason)}`);
  if (v.status === 'unexpected-pass') {
    lines.push(`- **What happened:** ${t(UNEXPECTED_PASS)}`);
    lines.push(`- **Document:** ${v.docUrl ? markdownLink(v.docUrl) : '(no document recorded)'}`, '');
  } else {
    lines.push(`- **Expected:** ${v.expected ? t(v.expected) : '(not recorded)'}`);
    lines.push(`- **Document:** ${v.docUrl ? markdownLink(v.docUrl) : '(no document recorded)'}`, '');
    lines.push('**What happened**', '', markdownCodeBlock(shortened(v.happened), 'text'), '');
    lines.push(
      '**Request** (set `TIM_USERSIG` first: `npx tim-conformance usersig`)',
      '',
      v.curl ? markdownCodeBlock(shortened(v.curl), 'sh') : '(no request was sent)',
      '',
    );
    lines.push('**Response**', '', v.response ? markdownCodeBlock(shortened(v.response), 'json') : '(no response)', '');
  }
  if (v.rerun) lines.push('**Rerun**', '', markdownCodeBlock(v.rerun, 'sh'), '');
  return lines;
}

function failures(model: ReportModel, budget: number): string[] {
  if (model.details.length === 0) return [];
  const lines = [`### Failures (${model.details.length})`, ''];
  let used = 0;
  const left: FailureView[] = [];
  for (const view of model.details) {
    const block = failureDetail(view);
    const size = Buffer.byteLength(block.join('\n'));
    if (left.length > 0 || used + size > budget) {
      left.push(view);
      continue;
    }
    used += size;
    lines.push(...block);
  }
  if (left.length > 0) {
    lines.push(`${left.length} more failure(s), shortened to keep this summary small (details in report.html):`, '');
    lines.push(
      ...left.map((v) => `- ${STATUS_MARK[v.status]} ${markdownCode(v.entry.id)}: ${t(v.finding || v.expected)}`),
      '',
    );
  }
  return lines;
}

export function renderMarkdownReport(results: ResultsFile): string {
  const model = buildReportModel(results);
  const head = [...summary(model), ...matrix(model)].join('\n');
  const budget = Math.max(0, MARKDOWN_BUDGET_BYTES - Buffer.byteLength(head));
  return `${[head, ...failures(model, budget)].join('\n').trimEnd()}\n`;
}
