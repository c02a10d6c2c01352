/**
 * junit.xml for CI: one <testsuite> per operation, one <testcase> per check named by its id.
 * Gating failures are <failure>; tentative failures are <skipped> with the finding in the
 * message, so a CI that gates on JUnit agrees with the runner's exit code; not-run checks are
 * <skipped> with their reason. With an expectations file, an expected failure is <skipped> (it
 * does not gate) and an unexpected pass is a <failure type="unexpected-pass"> (it does).
 */
import type { ResultsFile, TestEntry } from './results.ts';

// XML 1.0 allows tab, LF, CR and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`)
    .join('');
}

function failureText(test: TestEntry): string {
  const failure = test.failure;
  if (!failure) return '';
  // A message from the check helpers already carries these lines.
  if (failure.message.includes('\n  request:')) return failure.message;
  return [
    failure.message,
    '',
    `expected: ${failure.expected}`,
    `document: ${test.docUrl}`,
    `request:  ${failure.curl || '(no request was sent)'}`,
    `response: ${JSON.stringify(failure.response)}`,
  ].join('\n');
}

function testcase(test: TestEntry): string {
  const head = `    <testcase${attrs({ classname: test.operation || 'suites', name: test.id, time: ((test.durationMs ?? 0) / 1000).toFixed(3) })}>`;
  const properties = [
    `      <properties>`,
    `        <property${attrs({ name: 'gating', value: String(test.gating) })}/>`,
    `        <property${attrs({ name: 'evidence', value: test.evidence ?? '' })}/>`,
    `        <property${attrs({ name: 'groupType', value: test.groupType ?? '' })}/>`,
    `        <property${attrs({ name: 'docUrl', value: test.docUrl })}/>`,
    ...(test.expectation
      ? [`        <property${attrs({ name: 'expectation', value: test.expectation.state })}/>`]
      : []),
    `      </properties>`,
  ];
  const body: string[] = [];
  if (test.expectation?.state === 'unexpected-pass') {
    const message = `unexpected pass: listed in the expectations file (${test.expectation.reason}) but passed; remove it (--update-expectations)`;
    body.push(
      `      <failure${attrs({ message, type: 'unexpected-pass' })}>${xmlEscape(`${test.id}: ${message}`)}</failure>`,
    );
  } else if (test.expectation?.state === 'expected-failure') {
    const firstLine = test.failure?.message.split('\n')[0] ?? 'failed';
    body.push(`      <skipped${attrs({ message: `expected failure (${test.expectation.reason}): ${firstLine}` })}/>`);
    body.push(`      <system-out>${xmlEscape(failureText(test))}</system-out>`);
  } else if (test.status === 'failed' && test.gating) {
    const firstLine = test.failure?.message.split('\n')[0] ?? 'failed';
    body.push(
      `      <failure${attrs({ message: firstLine, type: 'gating' })}>${xmlEscape(failureText(test))}</failure>`,
    );
  } else if (test.status === 'failed') {
    const firstLine = test.failure?.message.split('\n')[0] ?? 'failed';
    body.push(`      <skipped${attrs({ message: `tentative check failed (does not gate): ${firstLine}` })}/>`);
    body.push(`      <system-out>${xmlEscape(failureText(test))}</system-out>`);
  } else if (test.status === 'skipped') {
    body.push(`      <skipped${attrs({ message: `not run: ${test.reason ?? 'skipped'}` })}/>`);
  }
  return [head, ...properties, ...body, '    </testcase>'].join('\n');
}

export function toJunitXml(results: ResultsFile): string {
  const byOperation = new Map<string, TestEntry[]>();
  for (const test of results.tests) {
    const key = test.operation || 'suites';
    byOperation.set(key, [...(byOperation.get(key) ?? []), test]);
  }
  const count = (tests: TestEntry[]) => ({
    tests: tests.length,
    failures: tests.filter((t) => (t.status === 'failed' && t.gating) || t.expectation?.state === 'unexpected-pass')
      .length,
    errors: 0,
    skipped: tests.filter((t) => t.status === 'skipped' || (t.status === 'failed' && !t.gating)).length,
    time: (tests.reduce((sum, t) => sum + (t.durationMs ?? 0), 0) / 1000).toFixed(3),
  });
  const suites = [...byOperation.entries()].map(
    ([operation, tests]) =>
      `  <testsuite${attrs({ name: operation, ...count(tests) })}>\n${tests.map(testcase).join('\n')}\n  </testsuite>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'tim-conformance', ...count(results.tests) })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
