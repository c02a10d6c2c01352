/**
 * sdk-report.md: the same content as sdk-report.html in GitHub-flavoured Markdown, for a CI step
 * summary (`cat reports/sdk/sdk-report.md >> "$GITHUB_STEP_SUMMARY"`). Long bodies are shortened.
 */
import { escapeMarkdownText, markdownCode, markdownCodeBlock, markdownLink, reportText } from '../../report/escape.ts';
import type { SdkResultsFile } from './results.ts';
import { verdictOf } from './html.ts';

const BODY_CHARS = 2000;
const t = (text: string | number): string => escapeMarkdownText(reportText(String(text)));

function shorten(text: string): string {
  return text.length > BODY_CHARS ? `${text.slice(0, BODY_CHARS)}… (${text.length} characters)` : text;
}

export function renderSdkMarkdown(r: SdkResultsFile): string {
  const out: string[] = [];
  out.push(`# tim-conformance SDK requests: ${verdictOf(r)}`, '');
  out.push(
    `Command: ${markdownCode(reportText(r.command))}, exit code ${r.exitCode}${r.commandExitCode !== undefined ? ` (the command's own: ${r.commandExitCode})` : ''}.`,
    '',
  );
  out.push('| requests | gating findings | tentative findings | notes |', '|---:|---:|---:|---:|');
  out.push(
    `| ${r.summary.requests} | ${r.summary.gatingFindings} | ${r.summary.tentativeFindings} | ${r.summary.notes} |`,
    '',
  );
  if (r.summary.requests === 0) out.push('**No request was recorded: a gate that saw nothing proves nothing.**', '');
  out.push('## Findings', '');
  if (r.findings.length === 0) out.push('Every request followed every rule.', '');
  else {
    out.push('| status | rule | operation | requests | finding |', '|---|---|---|---:|---|');
    for (const f of r.findings) {
      out.push(
        `| ${f.status} | ${markdownCode(f.rule, true)} | ${markdownCode(f.operation, true)} | ${f.count} | ${t(f.message)} |`,
      );
    }
    out.push('');
  }
  out.push(
    "## What the SDK's tests exercised",
    '',
    '| operation | calls | success | error codes shown | other answers | documented codes never shown |',
    '|---|---:|---:|---|---|---|',
  );
  for (const op of r.operations) {
    const success = op.codes.find((c) => c.code === 0)?.count ?? 0;
    const codes =
      op.codes
        .filter((c) => c.code !== 0)
        .map((c) => `${c.code}${c.documented ? '' : ' (undocumented)'} ×${c.count}`)
        .join(', ') || '—';
    const other = op.other.map((o) => `${o.answer} ×${o.count}`).join(', ') || '—';
    out.push(
      `| ${markdownCode(op.operationId, true)} | ${op.calls} | ${success} | ${t(codes)} | ${t(other)} | ${t(op.notShown.join(', ') || '—')} |`,
    );
  }
  out.push('');
  if (r.scenarios.length > 0) {
    out.push('## Scenarios', '', '| scenario rule | fired | what the SDK did next |', '|---|---:|---|');
    for (const s of r.scenarios) out.push(`| ${markdownCode(s.id, true)} | ${s.fired} | ${t(s.sdkNext ?? '')} |`);
    out.push('');
  }
  if (r.findings.length > 0) {
    out.push('## Finding details', '');
    for (const f of r.findings) {
      out.push(`### ${markdownCode(f.rule)} × ${markdownCode(f.operation)} (${f.status}, ${f.count}×)`, '');
      out.push(t(f.message), '', `Document: ${markdownLink(f.docUrl)}`, '');
      const headers = Object.entries(f.request.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n');
      out.push(
        markdownCodeBlock(
          reportText(
            `${f.request.method} ${f.request.path}\n${headers}\n\n${shorten(f.request.body === '' ? '(empty body)' : f.request.body)}`,
          ),
          'http',
        ),
        '',
      );
    }
  }
  return `${out.join('\n')}\n`;
}
