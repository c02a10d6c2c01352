/**
 * sdk-junit.xml: one testcase per rule × operation the SDK called. A gating finding is a
 * <failure>; a tentative finding or a note is <skipped> with the finding, so a CI gating on JUnit
 * agrees with the exit code.
 */
import { xmlEscape } from '../../runner/junit.ts';
import type { SdkFinding, SdkJudgement } from '../judge.ts';
import type { SdkResultsFile } from './results.ts';

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`)
    .join('');
}

function findingText(f: SdkFinding): string {
  return [
    `${f.message}`,
    `occurrences: ${f.count} (requests #${f.seqs.join(', #')})`,
    `document: ${f.docUrl}`,
    `request #${f.request.seq}: ${f.request.method} ${f.request.path}`,
    `headers: ${JSON.stringify(f.request.headers)}`,
    `body: ${f.request.body}`,
  ].join('\n');
}

export function renderSdkJunit(results: SdkResultsFile, judgement: Pick<SdkJudgement, 'outcomes'>): string {
  const cases = judgement.outcomes.map((o) => {
    const finding = results.findings.find((f) => f.rule === o.rule && f.operation === o.operation);
    const head = `    <testcase${attrs({ classname: o.operation, name: `${o.rule} × ${o.operation}`, time: '0.000' })}>`;
    if (!finding) return `${head}</testcase>`;
    const body =
      finding.status === 'gating'
        ? `      <failure${attrs({ message: finding.message, type: 'gating' })}>${xmlEscape(findingText(finding))}</failure>`
        : `      <skipped${attrs({ message: `${finding.status}: ${finding.message}` })}/>`;
    return [head, body, '    </testcase>'].join('\n');
  });
  const failures = judgement.outcomes.filter((o) => o.outcome === 'gating').length;
  const skipped = judgement.outcomes.filter((o) => o.outcome === 'tentative' || o.outcome === 'note').length;
  const counts = { tests: cases.length, failures, errors: 0, skipped };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'tim-conformance sdk-gate', ...counts })}>`,
    `  <testsuite${attrs({ name: 'sdk requests', ...counts })}>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
