// Proven on real SDK traffic (test/fixtures/sdk-traffic/README.md): `judge` names every bad call
// the capture sessions made, PHP's empty body as a gating finding, the missing Content-Type as a
// note, and nothing that a correct request would not earn (Java's charset, \/ escapes, other
// UserSig key orders and spacing, random 0 and 4294967295, int64 literals).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCassette } from '../../test-utils/sdk-gate/cassette.ts';
import { judgeExchanges, type SdkJudgement } from '../../test-utils/sdk-gate/judge.ts';
import type { RecordedExchange } from '../../test-utils/sdk-gate/exchange.ts';
import { CONTEXT } from './judge-helpers.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'sdk-traffic');

function judged(name: string): { exchanges: RecordedExchange[]; judgement: SdkJudgement } {
  const exchanges = readCassette(join(FIXTURES, `${name}.jsonl`), { apps: CONTEXT.apps });
  return { exchanges, judgement: judgeExchanges(exchanges, CONTEXT) };
}

type Row = [status: string, rule: string, operation: string, seqs: number[]];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const EXPECTED: Record<string, Row[]> = {
  java: [
    ['gating', 'sdkappid.known-app', 'get_group_attr', [116]],
    ['gating', 'usersig.hmac', 'get_group_attr', [113, 114]],
    ['gating', 'usersig.not-expired', 'get_group_attr', [118]],
    ['gating', 'usersig.renewed', 'get_group_attr', [118]],
    ['gating', 'identifier.app-admin', 'get_group_attr', [115]],
    ['gating', 'limit.attr.key.maxBytes', 'modify_group_attr', [90, 92]],
    ['gating', 'limit.attr.value.maxBytes', 'modify_group_attr', [97]],
    ['gating', 'limit.attr.keys.maxCount', 'set_group_attr', [93]],
    ['gating', 'limit.attr.after-write', 'modify_group_attr', [94, 96]],
    ['gating', 'app.edition', 'delete_group_counter', [110]],
    ['gating', 'app.edition', 'get_group_counter', [108]],
    ['gating', 'app.edition', 'update_group_counter', [109]],
    ['gating', 'group.type-supported', 'clear_group_attr', [82]],
    ['gating', 'rate.group-attr-writes', 'modify_group_attr', [103]],
    ['tentative', 'body.counter-mode-given', 'update_group_counter', [20]],
    ['tentative', 'limit.counter.result-int64', 'update_group_counter', [19]],
    ['tentative', 'group.type-supported', 'delete_group_counter', [86]],
    ['tentative', 'group.type-supported', 'get_group_counter', [85]],
    ['tentative', 'group.type-supported', 'update_group_counter', [84]],
  ],
  php: [
    ['gating', 'usersig.hmac', 'get_group_attr', [111]],
    ['gating', 'identifier.app-admin', 'get_group_attr', [112, ...range(114, 153)]],
    ['gating', 'body.json-object', 'get_group_counter', [105]],
    ['gating', 'body.schema', 'update_group_counter', [21]],
    ['gating', 'body.name-case', 'modify_group_attr', [102]],
    ['gating', 'limit.attr.key.maxBytes', 'modify_group_attr', [91, 93]],
    ['gating', 'limit.attr.value.maxBytes', 'modify_group_attr', [101]],
    ['gating', 'limit.attr.keys.maxCount', 'set_group_attr', [98]],
    ['gating', 'limit.attr.after-write', 'modify_group_attr', [100]],
    ['gating', 'app.edition', 'delete_group_counter', [109]],
    ['gating', 'app.edition', 'get_group_counter', [107]],
    ['gating', 'app.edition', 'update_group_counter', [108]],
    ['gating', 'group.type-supported', 'clear_group_attr', [83]],
    ['tentative', 'body.counter-mode-given', 'update_group_counter', [20]],
    ['tentative', 'limit.counter.result-int64', 'update_group_counter', [19]],
    ['tentative', 'group.type-supported', 'delete_group_counter', [87]],
    ['tentative', 'group.type-supported', 'get_group_counter', [86]],
    ['tentative', 'group.type-supported', 'update_group_counter', [85]],
  ],
  python: [
    ['gating', 'usersig.hmac', 'get_group_attr', [74]],
    ['gating', 'identifier.app-admin', 'get_group_attr', [75]],
    ['gating', 'body.group-custom-id', 'create_group', [48, 49]],
    ['gating', 'limit.attr.key.maxBytes', 'modify_group_attr', [57, 59]],
    ['gating', 'limit.attr.value.maxBytes', 'modify_group_attr', [66]],
    ['gating', 'limit.attr.after-write', 'modify_group_attr', [61, 64]],
    ['gating', 'group.type-supported', 'clear_group_attr', [42]],
    ['tentative', 'body.attr-list-not-empty', 'modify_group_attr', [67]],
    ['tentative', 'limit.group.name.maxBytes', 'create_group', [52]],
  ],
};

describe.each(['java', 'php', 'python'])('%s traffic', (name) => {
  const { exchanges, judgement } = judged(name);

  test('every request is read, and none keeps its usersig', () => {
    expect(exchanges.length).toBe({ java: 120, php: 154, python: 87 }[name]);
    for (const e of exchanges) {
      expect(e.path).toMatch(/usersig=<redacted>&/);
      expect(e.usersig?.decodes).toBe(true);
    }
  });

  test("exactly the README's findings (besides the Content-Type notes)", () => {
    const rows = judgement.findings
      .filter((f) => f.rule !== 'request.content-type')
      .map((f) => [f.status, f.rule, f.operation, f.seqs]);
    expect(rows).toEqual(EXPECTED[name]);
  });

  test('Content-Type: a note on every operation called without one, never for application/json; charset=utf-8', () => {
    const notes = judgement.findings.filter((f) => f.rule === 'request.content-type');
    if (name === 'java') {
      expect(notes).toEqual([]);
      expect(exchanges.every((e) => e.headers['content-type'] === 'application/json; charset=utf-8')).toBe(true);
    } else {
      expect(notes.every((n) => n.status === 'note')).toBe(true);
      expect(notes.reduce((s, n) => s + n.count, 0)).toBe(exchanges.length);
      expect(notes[0]!.request.headers['content-type']).toBeUndefined();
    }
  });

  test('exit code 1 (the sessions made gating calls on purpose); the matrix shows what the SDK was answered', () => {
    expect(judgement.summary.gatingFindings).toBeGreaterThan(0);
    const attr = judgement.operations.find((o) => o.operationId === 'get_group_attr')!;
    expect(attr.calls).toBe(exchanges.filter((e) => e.path.includes('/get_group_attr?')).length);
    expect(attr.codes.find((c) => c.code === 0)!.count).toBeGreaterThan(0);
    expect(attr.codes.find((c) => c.code === 10010)).toMatchObject({ documented: true });
  });
});

test('what a correct request would not earn, it does not earn', () => {
  const java = judged('java');
  const seqsOf = (j: SdkJudgement, rules?: string[]) =>
    new Set(j.findings.filter((f) => !rules || rules.includes(f.rule)).flatMap((f) => f.seqs));
  // random 0 and 4294967295, pinned by the session in every round between other values: well-formed,
  // and their repetition is a deliberate input, not a stuck generator.
  const edge = java.exchanges.filter((e) => /[?&]random=(0|4294967295)&/.test(e.path));
  expect(edge.length).toBe(10);
  expect(edge.filter((e) => seqsOf(java.judgement).has(e.seq))).toEqual([]);
  // int64 literals written exactly: no body or limit finding on those requests (#84 is on a Community group, on purpose).
  const int64 = java.exchanges.filter(
    (e) => e.body.includes('9223372036854775807') || e.body.includes('9007199254740993'),
  );
  expect(int64.length).toBeGreaterThan(2);
  const bodyRules = java.judgement.findings
    .map((f) => f.rule)
    .filter((r) => r.startsWith('body.') || r.startsWith('limit.'));
  expect(int64.filter((e) => seqsOf(java.judgement, bodyRules).has(e.seq))).toEqual([]);
  // PHP's \/ and \uXXXX escapes, in bodies and UserSig JSON: only the Content-Type note.
  const php = judged('php');
  const escaped = php.exchanges.filter((e) => e.body.includes('\\/') || e.body.includes('\\u'));
  expect(escaped.length).toBeGreaterThan(0);
  const phpFindings = seqsOf(
    php.judgement,
    php.judgement.findings.map((f) => f.rule).filter((r) => r !== 'request.content-type'),
  );
  expect(escaped.filter((e) => phpFindings.has(e.seq)).map((e) => e.seq)).toEqual([93]);
  // Python's spacing and 300-second UserSigs renewed per call: no UserSig finding but the wrong key.
  const python = judged('python');
  expect(python.judgement.findings.filter((f) => f.rule.startsWith('usersig.')).map((f) => f.seqs)).toEqual([[74]]);
});
