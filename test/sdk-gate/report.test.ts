// The SDK reports: sdk-results.json valid against its schema, sdk-junit.xml with one testcase per
// rule × operation (gating → failure, tentative/note → skipped), sdk-report.md and sdk-report.html
// (report.html's shell: CSP, no script, everything escaped), and no secret key or usersig in any
// file — the captured traffic carries raw usersigs and the judge holds the mock's keys.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, test } from 'vitest';
import { readCassette } from '../../test-utils/sdk-gate/cassette.ts';
import { judgeExchanges, type SdkJudgement } from '../../test-utils/sdk-gate/judge.ts';
import { SDK_REPORT_FILES, writeSdkReports, type SdkResultsFile } from '../../test-utils/sdk-gate/report/index.ts';
import { CONTEXT, exchange, HOSTILE, sigFor, T0 } from './judge-helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const schema = JSON.parse(
  readFileSync(join(ROOT, 'test-utils', 'sdk-gate', 'report', 'sdk-results.schema.json'), 'utf8'),
);
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
const USERSIG_SHAPE = /eJ[A-Za-z0-9*-]{40,}_{0,2}/;

function write(
  judgement: SdkJudgement,
  meta: Parameters<typeof writeSdkReports>[2],
): { dir: string; results: SdkResultsFile } {
  const dir = mkdtempSync(join(tmpdir(), 'timc-sdk-report-'));
  return { dir, results: writeSdkReports(dir, judgement, meta) };
}

const phpPath = join(ROOT, 'test', 'fixtures', 'sdk-traffic', 'php.jsonl');
const php = judgeExchanges(readCassette(phpPath, { apps: CONTEXT.apps }), CONTEXT);

describe('sdk-results.json', () => {
  test("validates against its schema, with the issue's fields", () => {
    const { dir, results } = write(php, {
      command: 'judge php.jsonl',
      recording: 'php.jsonl',
      scenarios: [{ id: 'r1', fired: 2, sdkNext: 'retried twice' }],
    });
    const onDisk = JSON.parse(readFileSync(join(dir, SDK_REPORT_FILES.results), 'utf8'));
    expect(validate(onDisk), JSON.stringify(validate.errors)).toBe(true);
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(results)));
    expect(onDisk.exitCode).toBe(1);
    expect(onDisk.summary).toMatchObject({ requests: 154, gatingFindings: 13 });
    const empty = onDisk.findings.find((f: { rule: string }) => f.rule === 'body.json-object');
    expect(empty).toMatchObject({
      status: 'gating',
      operation: 'get_group_counter',
      count: 1,
      request: { method: 'POST', body: '' },
    });
    expect(empty.request.query).toMatchObject({ usersig: '<redacted>', sdkappid: '1400000001', contenttype: 'json' });
    expect(empty.docUrl).toMatch(/^https:\/\//);
    expect(onDisk.operations.map((o: { operationId: string }) => o.operationId)).toContain('delete_group_attr');
    expect(
      onDisk.operations.find((o: { operationId: string }) => o.operationId === 'get_group_counter').codes,
    ).toContainEqual({ code: 60003, count: 1, documented: true });
    expect(onDisk.scenarios).toEqual([{ id: 'r1', fired: 2, sdkNext: 'retried twice' }]);
  });

  test('a clean run: exit 0, no finding; a meta exit code (the SDK command failed) is kept', () => {
    const clean = judgeExchanges([exchange({})], CONTEXT);
    expect(write(clean, { command: 'x' }).results).toMatchObject({
      exitCode: 0,
      findings: [],
      summary: { findings: 0 },
    });
    expect(write(clean, { command: 'x', exitCode: 3, commandExitCode: 3 }).results.exitCode).toBe(3);
  });
});

describe('sdk-junit.xml', () => {
  test('one testcase per rule × operation called; gating = failure, the rest skipped', () => {
    const { dir } = write(php, { command: 'judge php.jsonl' });
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      readFileSync(join(dir, SDK_REPORT_FILES.junit), 'utf8'),
    );
    const cases = [xml.testsuites.testsuite.testcase].flat() as Array<{
      name: string;
      failure?: unknown;
      skipped?: unknown;
    }>;
    expect(cases.length).toBe(php.outcomes.length);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    const failed = cases
      .filter((c) => c.failure !== undefined)
      .map((c) => c.name)
      .sort();
    expect(failed).toEqual(
      php.findings
        .filter((f) => f.status === 'gating')
        .map((f) => `${f.rule} × ${f.operation}`)
        .sort(),
    );
    expect(cases.find((c) => c.name === 'request.content-type × get_group_attr')!.skipped).toBeDefined();
    expect(cases.find((c) => c.name === 'usersig.not-expired × get_group_attr')!.failure).toBeUndefined();
    expect(Number(xml.testsuites.failures)).toBe(failed.length);
  });
});

describe('sdk-report.md and sdk-report.html', () => {
  const hostile = judgeExchanges(
    [
      exchange({
        operation: 'modify_group_attr',
        body: JSON.stringify({ GroupId: HOSTILE, GroupAttr: [{ key: HOSTILE, value: 'v' }] }),
        headers: { 'x-evil': HOSTILE },
      }),
    ],
    CONTEXT,
  );

  test('markdown: verdict, counts, findings, the matrix; target text escaped', () => {
    const { dir } = write(php, { command: 'judge php.jsonl' });
    const md = readFileSync(join(dir, SDK_REPORT_FILES.markdown), 'utf8');
    expect(md).toMatch(/^# tim-conformance SDK requests: FAIL/);
    expect(md).toContain('| 154 | 13 |');
    expect(md).toContain('`body.json-object`');
    expect(md).toContain("## What the SDK's tests exercised");
    const h = readFileSync(join(write(hostile, { command: 'x' }).dir, SDK_REPORT_FILES.markdown), 'utf8');
    // Target text is inert outside code blocks (inside them GitHub shows it as text).
    const prose = h.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
    expect(prose).not.toContain('<script>');
    expect(prose).toContain('&lt;script&gt;');
    expect(
      h
        .split('\n')
        .filter((l) => l.startsWith('| gating'))
        .every((l) => !l.includes('<img')),
    ).toBe(true);
  });

  test("html: report.html's shell with its CSP, no script, hostile text stays text", () => {
    const { dir } = write(hostile, { command: `judge ${HOSTILE}` });
    const html = readFileSync(join(dir, SDK_REPORT_FILES.html), 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('id="verdict">FAIL<');
    expect(html).toContain('data-rule="limit.attr.key.maxBytes"');
  });
});

test('no secret key and no usersig in any report file, for every captured SDK', () => {
  const keys = CONTEXT.apps.map((a) => a.secretKey!);
  const sigs = new Set<string>();
  for (const name of ['java', 'php', 'python']) {
    const file = join(ROOT, 'test', 'fixtures', 'sdk-traffic', `${name}.jsonl`);
    for (const line of readFileSync(file, 'utf8').trim().split('\n'))
      sigs.add(/usersig=([^&]+)/.exec(JSON.parse(line).path)![1]!);
    const judgement = judgeExchanges(readCassette(file, { apps: CONTEXT.apps }), CONTEXT);
    const { dir } = write(judgement, { command: `judge ${file} --secret-key ${keys[0]}`, recording: file });
    const files = readdirSync(dir);
    expect(files.sort()).toEqual(Object.values(SDK_REPORT_FILES).sort());
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const key of keys) expect(text.includes(key), `${name}/${f} holds a secret key`).toBe(false);
      for (const sig of sigs)
        expect(text.includes(sig) || text.includes(decodeURIComponent(sig)), `${name}/${f} holds a usersig`).toBe(
          false,
        );
      expect(USERSIG_SHAPE.test(text), `${name}/${f} holds something shaped like a usersig`).toBe(false);
    }
  }
  // A usersig a body happens to carry is redacted too.
  const sig = sigFor(undefined, undefined, T0);
  const leaky = judgeExchanges([exchange({ body: JSON.stringify({ GroupId: 1, usersig: sig }) })], CONTEXT);
  const { dir } = write(leaky, { command: 'x' });
  for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8')).not.toContain(sig);
});

test('a secret key on the command line is redacted even when no judge saw it', async () => {
  const { redactCommand } = await import('../../test-utils/sdk-gate/report/results.ts');
  expect(redactCommand('sdk-gate --secret-key abcdefgh12345678 --basic-secret-key=zzzzzzzz99 -- mvn test')).toBe(
    'sdk-gate --secret-key <redacted> --basic-secret-key=<redacted> -- mvn test',
  );
});
