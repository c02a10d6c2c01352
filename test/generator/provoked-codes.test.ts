// Which codes a check provoked: ctx.expectErrorCode records the codes it expected from the
// operation called and what came back; the runner copies them to results.json; runCoverage counts
// a documented code as expected/provoked from those records, whatever suite the check lives in.
import { describe, expect, test } from 'vitest';
import { closedPortTarget } from '../closed-port-target.ts';
import { createCheckContext, type CheckClient, type CheckTaskPort } from '../../test-utils/check/context.ts';
import { buildCheckMeta } from '../../test-utils/check/define-check.ts';
import { judgedPart, type MetaWithCodes } from '../../test-utils/check/provoked-codes.ts';
import { seededFaker } from '../../test-utils/check/seeded-faker.ts';
import { getLimit, profileCase } from '../../test-utils/contract/index.ts';
import { coverageProblems, coverageReportMarkdown, runCoverage } from '../../test-utils/generator/index.ts';
import { buildResults, entryFromTest, type TestEntry } from '../../test-utils/runner/results.ts';

const target = closedPortTarget('codes01', { kind: 'mock', secretKey: 'k' });

function contextAnswering(code: number) {
  const meta: MetaWithCodes = {};
  const task: CheckTaskPort = {
    meta,
    skip: (note) => {
      throw new Error(note);
    },
    onFinished: () => {},
  };
  const client: CheckClient = {
    async call(operationId) {
      const body = { ActionStatus: code === 0 ? 'OK' : 'FAIL', ErrorCode: code, ErrorInfo: '' };
      return {
        operationId,
        httpStatus: 200,
        body,
        rawText: JSON.stringify(body),
        request: { method: 'POST', url: 'x', body: '{}' },
        attempts: 1,
        durationMs: 1,
        curl: 'curl x',
      };
    },
    markGroupOwned: () => {},
  };
  const checkMeta = buildCheckMeta(
    { operation: 'clear_group_attr', check: 'x', status: 'documented', docUrl: 'https://example.test/' },
    false,
  );
  return { meta, ctx: createCheckContext({ meta: checkMeta, target, client, faker: seededFaker(1, 'x'), task }) };
}

describe('recording provoked codes', () => {
  test('an expected error code is recorded against the operation called, with what came back, once', async () => {
    const unknown = profileCase('groups.unknown-group');
    const { meta, ctx } = contextAnswering(unknown.expected.code);
    const result = await ctx.call('delete_group_counter', { GroupId: 'timc-codes01-a' });
    ctx.expectErrorCode(result, unknown);
    ctx.expectErrorCode(result, unknown);
    expect(meta.timCodes).toEqual([
      {
        operation: 'delete_group_counter',
        expected: [...unknown.expected.acceptable!].sort((a, b) => a - b),
        observed: unknown.expected.code,
      },
    ]);
  });

  test('a failed expectation still records what came back; an expectation of success records nothing', async () => {
    const { meta, ctx } = contextAnswering(0);
    const result = await ctx.call('get_group_attr', { GroupId: 'timc-codes01-a' });
    ctx.expectOk(result);
    ctx.expectErrorCode(result, 0);
    expect(meta.timCodes).toBeUndefined();
    expect(() => ctx.expectErrorCode(result, 10010)).toThrow();
    expect(meta.timCodes).toEqual([{ operation: 'get_group_attr', expected: [10010], observed: 0 }]);
  });

  test('a judged part keeps the operation of its response', async () => {
    const { meta, ctx } = contextAnswering(0);
    const result = await ctx.call('get_group_info', { GroupIdList: ['timc-codes01-a'] });
    ctx.expectErrorCode(judgedPart(result, { ActionStatus: 'FAIL', ErrorCode: 10010, ErrorInfo: '' }), 10010);
    expect(meta.timCodes).toEqual([{ operation: 'get_group_info', expected: [10010], observed: 10010 }]);
  });

  test('the runner copies them to the results entry', () => {
    const codes = [{ operation: 'clear_group_attr', expected: [10007], observed: 10007 }];
    const entry = entryFromTest({
      name: 'a/b',
      file: 'suites/x.check.ts',
      meta: {
        tim: buildCheckMeta(
          { operation: 'clear_group_attr', check: 'b', status: 'documented', docUrl: 'https://example.test/' },
          false,
        ),
        timCodes: codes,
      } as MetaWithCodes,
      state: 'passed',
      errors: [],
    });
    expect(entry.codes).toEqual(codes);
  });
});

describe('runCoverage on a synthetic run', () => {
  const entry = (
    id: string,
    operation: string,
    status: TestEntry['status'],
    codes?: TestEntry['codes'],
    groupType: TestEntry['groupType'] = null,
  ): TestEntry => ({
    id,
    title: id,
    operation,
    check: id.split('/')[1]!,
    groupType,
    status,
    gating: true,
    evidence: 'documented',
    docUrl: 'https://example.test/',
    ...(status === 'skipped' ? { reason: 'not run' } : {}),
    ...(status === 'failed' ? { failure: { curl: '', response: null, expected: '', message: '' } } : {}),
    ...(codes ? { codes } : {}),
  });
  const keyBytes = getLimit('attr.key.maxBytes').exceeded!.code;
  const results = buildResults(
    target,
    [
      entry(
        'modify_group_attr/key-past-byte-limit/Public',
        'modify_group_attr',
        'passed',
        [{ operation: 'modify_group_attr', expected: [keyBytes], observed: keyBytes }],
        'Public',
      ),
      entry('clear_group_attr/hand-written', 'clear_group_attr', 'failed', [
        { operation: 'clear_group_attr', expected: [10010, 10015], observed: 0 },
      ]),
      entry(
        'set_group_attr/not-run',
        'set_group_attr',
        'skipped',
        [{ operation: 'set_group_attr', expected: [keyBytes], observed: keyBytes }],
        'Private',
      ),
    ],
    'failed',
  );
  const report = runCoverage(results);
  const row = (operation: string) => report.operations.find((r) => r.operation === operation)!;

  test('a hand-written check that got the code provoked it, and exercised the limit its code names', () => {
    const code = row('modify_group_attr').codes.find((c) => c.code === keyBytes)!;
    expect([code.expectedBy, code.provokedBy]).toEqual([
      ['modify_group_attr/key-past-byte-limit/Public'],
      ['modify_group_attr/key-past-byte-limit/Public'],
    ]);
    expect(code.generatedCases.length).toBeGreaterThan(0);
    expect(row('modify_group_attr').limits.find((l) => l.id === 'attr.key.maxBytes')!.exercisedBy).toEqual([
      'modify_group_attr/key-past-byte-limit/Public',
    ]);
    expect(row('modify_group_attr').groupTypes.exercised).toEqual(['Public']);
  });

  test('a code expected but answered otherwise is expected, not provoked; a skipped check counts for nothing', () => {
    const clear = row('clear_group_attr').codes.find((c) => c.code === 10015)!;
    expect([clear.expectedBy.length, clear.provokedBy.length]).toEqual([1, 0]);
    expect(row('set_group_attr').codes.find((c) => c.code === keyBytes)!.expectedBy).toEqual([]);
    expect(row('set_group_attr').groupTypes.exercised).toEqual([]);
  });

  test('the gate lists every documented code nothing expected, and the Markdown shows them', () => {
    const problems = coverageProblems(report);
    expect(problems.some((p) => p.startsWith(`set_group_attr ${keyBytes}:`))).toBe(true);
    expect(problems.some((p) => p.startsWith(`modify_group_attr ${keyBytes}:`))).toBe(false);
    expect(problems.some((p) => p.includes(' 10002:'))).toBe(false);
    const markdown = coverageReportMarkdown(report);
    expect(markdown).toContain(`- set_group_attr ${keyBytes}:`);
    expect(markdown).toMatch(/\| get_group_attr \| 10002 \| .* \| An internal server error/);
  });
});

describe('covered means provoked; a code only accepted inside a set is listed apart', () => {
  const entry = (id: string, operation: string, codes: TestEntry['codes']): TestEntry => ({
    id,
    title: id,
    operation,
    check: id.split('/')[1]!,
    groupType: 'Public',
    status: 'passed',
    gating: true,
    evidence: 'documented',
    docUrl: 'https://example.test/',
    codes,
  });
  const missingKey = 10050;
  const results = buildResults(
    target,
    [
      // 10010 answered inside the set [10010, 10015]: 10010 provoked, 10015 accepted, never provoked.
      entry('delete_group_attr/unknown-group', 'delete_group_attr', [
        { operation: 'delete_group_attr', expected: [10010, 10015], observed: 10010 },
      ]),
      // Expected alone, answered otherwise (a failing or lenient check): expected, not covered, a gap.
      entry('delete_group_attr/missing-key', 'delete_group_attr', [
        { operation: 'delete_group_attr', expected: [missingKey], observed: 0 },
      ]),
    ],
    'passed',
  );
  const report = runCoverage(results);
  const codes = report.operations.find((r) => r.operation === 'delete_group_attr')!.codes;
  const code = (n: number) => codes.find((c) => c.code === n);

  test('the answered member of a set is covered; the other is accepted, never provoked', () => {
    expect(code(10010)).toMatchObject({
      covered: true,
      provokedBy: ['delete_group_attr/unknown-group'],
      acceptedBy: ['delete_group_attr/unknown-group'],
    });
    expect(code(10015)).toMatchObject({
      covered: false,
      expectedBy: ['delete_group_attr/unknown-group'],
      acceptedBy: ['delete_group_attr/unknown-group'],
    });
    expect(report.acceptedNeverProvoked).toContainEqual({
      operation: 'delete_group_attr',
      code: 10015,
      meaning: code(10015)!.meaning,
      acceptedBy: ['delete_group_attr/unknown-group'],
    });
    expect(report.summary.acceptedNeverProvoked).toBeGreaterThanOrEqual(1);
    expect(report.summary.provoked).toBe(report.operations.flatMap((r) => r.codes).filter((c) => c.covered).length);
  });

  test('the gate: a code only accepted inside a set is not a gap; one expected alone and never answered is', () => {
    const problems = coverageProblems(report);
    expect(problems.some((p) => p.startsWith('delete_group_attr 10015:'))).toBe(false);
    expect(code(missingKey)).toMatchObject({ covered: false, acceptedBy: [] });
    expect(problems).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^delete_group_attr ${missingKey}: documented and expected by delete_group_attr/missing-key, but the target never answered it: not covered`,
        ),
      ),
    );
  });

  test('coverage.md lists them apart, under "Accepted, never provoked"', () => {
    const markdown = coverageReportMarkdown(report);
    const section = markdown.slice(
      markdown.indexOf('## Accepted, never provoked'),
      markdown.indexOf('## Documented codes with no case'),
    );
    expect(section).toMatch(/\| delete_group_attr \| 10015 \| .* \| delete_group_attr\/unknown-group \|/);
    expect(markdown).toContain('A code counts as covered only when a check provoked it.');
  });
});
