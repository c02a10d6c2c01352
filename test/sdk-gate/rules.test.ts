// Every request rule with a correct request (no finding) and broken ones (the finding, its status
// and the recorded request that shows the defect).
import { describe, expect, test } from 'vitest';
import { craftUserSig } from '../../test-utils/signing/index.ts';
import { RULES, ruleStatus } from '../../test-utils/sdk-gate/rules/index.ts';
import { BASIC, CONTEXT, exchange, findings, FULL, ruleFindings, sigFor, T0 } from './judge-helpers.ts';

const COUNTER = '{"GroupId":"@TGS#2AAAAAAA1","GroupCounter":[{"Key":"a","Value":1}],"Mode":"Increase"}';

describe('a correct request earns nothing', () => {
  test('every documented operation with a valid body', () => {
    const bodies: Record<string, string> = {
      get_group_attr: '{"GroupId":"g"}',
      modify_group_attr: '{"GroupId":"g","GroupAttr":[{"key":"k","value":"v"}]}',
      clear_group_attr: '{"GroupId":"g"}',
      set_group_attr: '{"GroupId":"g","GroupAttr":[{"key":"k","value":"v"}]}',
      delete_group_attr: '{"GroupId":"g","GroupAttr":[{"key":"k"}]}',
      get_group_counter: '{"GroupId":"g","GroupCounterKeys":["a"]}',
      update_group_counter: COUNTER,
      delete_group_counter: '{"GroupId":"g"}',
      create_group: '{"Type":"Public","Name":"n"}',
      destroy_group: '{"GroupId":"g"}',
      get_group_info: '{"GroupIdList":["g"]}',
      get_appid_group_list: '{}',
    };
    const list = Object.entries(bodies).map(([operation, body], i) => exchange({ operation, body, t: T0 + i * 2 }));
    expect(findings(list)).toEqual([]);
  });

  test('what real SDKs send: charset, \\/ escapes, other UserSig formats, the whole random range, int64 literals', () => {
    const list = [
      exchange({ headers: { 'Content-Type': 'application/json; charset=utf-8' } }),
      exchange({
        operation: 'modify_group_attr',
        body: '{"GroupId":"g","GroupAttr":[{"key":"k\\/1","value":"\\u503c \\/ x"}]}',
      }),
      ...(['python-format', 'php-format', 'go-format', 'java-format', 'userbuf'] as const).map((kind) =>
        exchange({ usersig: craftUserSig(kind, FULL, { nowSeconds: T0 - 10 }) }),
      ),
      exchange({ query: { random: '0' } }),
      exchange({ query: { random: '4294967295' } }),
      exchange({
        operation: 'update_group_counter',
        body: '{"GroupId":"g","GroupCounter":[{"Key":"a","Value":9223372036854775807},{"Key":"b","Value":-9223372036854775808},{"Key":"c","Value":9007199254740993}],"Mode":"Set"}',
      }),
      exchange({
        operation: 'update_group_counter',
        body: '{ "GroupId" : "g", "GroupCounter" : [ { "Key" : "a" , "Value" : 0 } ] , "Mode" : "Decrease" }',
      }),
    ];
    expect(findings(list)).toEqual([]);
  });
});

describe('request line', () => {
  test('request.method-post', () => {
    const [f] = ruleFindings('request.method-post', [exchange({ method: 'GET' })]);
    expect(f).toMatchObject({ status: 'gating', operation: 'get_group_attr', count: 1 });
    expect(f!.request.method).toBe('GET');
  });

  test('request.path-documented: an unknown command is tentative, keyed by its path', () => {
    const [f] = ruleFindings('request.path-documented', [
      exchange({ pathname: '/v4/group_open_http_svc/get_group_atr' }),
    ]);
    expect(f).toMatchObject({ status: 'tentative', operation: '/v4/group_open_http_svc/get_group_atr' });
    expect(f!.message).toMatch(/60009/);
  });

  test('request.path-legacy: get_group_attr under group_open_http_svc is a note', () => {
    const [f] = ruleFindings('request.path-legacy', [exchange({ pathname: '/v4/group_open_http_svc/get_group_attr' })]);
    expect(f).toMatchObject({ status: 'note', operation: 'get_group_attr' });
    expect(
      findings([exchange({ pathname: '/v4/group_open_http_svc/get_group_attr' })]).every((x) => x.status === 'note'),
    ).toBe(true);
  });

  test('request.content-type: missing is a note, form-encoded is a note, any application/json is fine', () => {
    expect(ruleFindings('request.content-type', [exchange({ headers: {} })])[0]).toMatchObject({ status: 'note' });
    expect(
      ruleFindings('request.content-type', [
        exchange({ headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      ])[0],
    ).toMatchObject({ status: 'note' });
    expect(
      ruleFindings('request.content-type', [
        exchange({ headers: { 'Content-Type': 'Application/JSON;charset=UTF-8' } }),
      ]),
    ).toEqual([]);
  });
});

describe('query parameters', () => {
  test.each(['sdkappid', 'identifier', 'usersig', 'random', 'contenttype'])('missing %s gates', (name) => {
    const [f] = ruleFindings('query.parameters-present', [exchange({ query: { [name]: undefined } })]);
    expect(f).toMatchObject({ status: 'gating' });
    expect(f!.message).toContain(`query parameter ${name} is missing`);
    expect(Object.keys(f!.request.query)).not.toContain(name);
  });

  test('a wrongly cased name counts as missing and says so; a repeated one is a finding', () => {
    const [f] = ruleFindings('query.parameters-present', [
      exchange({ query: { contenttype: undefined, ContentType: 'json' } }),
    ]);
    expect(f!.message).toMatch(/'ContentType' is there/);
    const e = exchange({});
    const repeated = exchange({ rawPath: `${e.path.replace('<redacted>', sigFor())}&random=7` });
    expect(ruleFindings('query.parameters-present', [repeated])[0]!.message).toMatch(/random is given 2 times/);
  });

  test.each([
    ['random', '-1'],
    ['random', '4294967296'],
    ['random', '12ab'],
    ['random', ''],
    ['contenttype', 'JSON'],
    ['sdkappid', '14000x'],
  ])('%s=%s is malformed', (name, value) => {
    const [f] = ruleFindings('query.parameters-well-formed', [exchange({ query: { [name]: value } })]);
    expect(f).toMatchObject({ status: 'gating' });
  });

  test('query.random-unique: a repeat within a minute is tentative; after a minute it is fine', () => {
    const a = exchange({ query: { random: '42' }, t: T0 });
    const b = exchange({ query: { random: '42' }, t: T0 + 30 });
    const c = exchange({ query: { random: '42' }, t: T0 + 100 });
    const found = ruleFindings('query.random-unique', [a, b, c]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'tentative', count: 1, seqs: [b.seq] });
  });

  test('query.random-unique: 0 and 4294967295 pinned on purpose between other values are not a stuck generator; twice in a row they are', () => {
    const values = ['4294967295', '17', '0', '18', '4294967295', '19', '0'];
    const deliberate = values.map((random, i) => exchange({ query: { random }, t: T0 + i }));
    expect(ruleFindings('query.random-unique', deliberate)).toEqual([]);
    const stuck = ['0', '0', '0'].map((random, i) => exchange({ query: { random }, t: T0 + i }));
    const [f] = ruleFindings('query.random-unique', stuck);
    expect(f).toMatchObject({ status: 'tentative', count: 2, seqs: [stuck[1]!.seq, stuck[2]!.seq] });
  });
});

describe('UserSig', () => {
  test('usersig.decodes', () => {
    for (const kind of ['truncated', 'bad-base64', 'not-zlib', 'not-json', 'missing-field'] as const) {
      const [f] = ruleFindings('usersig.decodes', [
        exchange({ usersig: craftUserSig(kind, FULL, { nowSeconds: T0 - 10 }) }),
      ]);
      expect(f, kind).toMatchObject({ status: 'gating' });
    }
  });

  test("usersig.hmac: a wrong key, a tampered field, another app's key (named), a wrong separator", () => {
    for (const kind of ['other-key', 'tampered-field', 'wrong-separator'] as const) {
      const [f] = ruleFindings('usersig.hmac', [
        exchange({ usersig: craftUserSig(kind, FULL, { nowSeconds: T0 - 10 }) }),
      ]);
      expect(f, kind).toMatchObject({ status: 'gating' });
    }
    const signedByBasic = sigFor({ ...BASIC, sdkappid: FULL.sdkappid });
    expect(ruleFindings('usersig.hmac', [exchange({ usersig: signedByBasic })])[0]!.message).toContain(
      `key of app ${BASIC.sdkappid}`,
    );
  });

  test('usersig.identifier-matches and usersig.sdkappid-matches', () => {
    expect(
      ruleFindings('usersig.identifier-matches', [exchange({ usersig: sigFor(FULL, 'someone') })])[0],
    ).toMatchObject({ status: 'gating' });
    expect(
      ruleFindings('usersig.sdkappid-matches', [
        exchange({ usersig: craftUserSig('other-sdkappid', FULL, { nowSeconds: T0 - 10 }) }),
      ])[0],
    ).toMatchObject({ status: 'gating' });
  });

  test('usersig.not-expired: judged at the recorded time, in whole seconds like the server', () => {
    const sig = sigFor(FULL, FULL.admin, T0, 5);
    expect(ruleFindings('usersig.not-expired', [exchange({ usersig: sig, t: T0 + 5.9 })])).toEqual([]);
    const [f] = ruleFindings('usersig.not-expired', [exchange({ usersig: sig, t: T0 + 6.1 })]);
    expect(f).toMatchObject({ status: 'gating' });
    expect(f!.message).toMatch(/70001/);
  });

  test('usersig.renewed: the same sig used while valid, then after it expired', () => {
    const sig = sigFor(FULL, FULL.admin, T0, 5);
    const fresh = sigFor(FULL, FULL.admin, T0 + 10, 5);
    const list = [
      exchange({ usersig: sig, t: T0 + 1 }),
      exchange({ usersig: sig, t: T0 + 8 }),
      exchange({ usersig: fresh, t: T0 + 11 }),
    ];
    const [f] = ruleFindings('usersig.renewed', list);
    expect(f).toMatchObject({ status: 'gating', count: 1, seqs: [list[1]!.seq] });
    // A sig that was never used while valid is usersig.not-expired's finding only.
    expect(ruleFindings('usersig.renewed', [exchange({ usersig: sig, t: T0 + 8 })])).toEqual([]);
  });

  test('identifier.app-admin and sdkappid.known-app', () => {
    expect(
      ruleFindings('identifier.app-admin', [
        exchange({ usersig: sigFor(FULL, 'alice'), query: { identifier: 'alice' } }),
      ])[0],
    ).toMatchObject({ status: 'gating' });
    const other = { ...FULL, sdkappid: 1400009999 };
    const [f] = ruleFindings('sdkappid.known-app', [
      exchange({ usersig: sigFor(other), query: { sdkappid: '1400009999' } }),
    ]);
    expect(f!.message).toMatch(/70020/);
    // In front of a real server the judge does not know every app.
    expect(
      ruleFindings('sdkappid.known-app', [exchange({ usersig: sigFor(other), query: { sdkappid: '1400009999' } })], {
        ...CONTEXT,
        appsComplete: false,
      }),
    ).toEqual([]);
  });

  test('a redacted recording without facts is not judged on its usersig; with facts it is', () => {
    const e = exchange({ usersig: sigFor(FULL, FULL.admin, T0, 1), t: T0 + 10 });
    expect(e.path).toContain('usersig=<redacted>');
    expect(ruleFindings('usersig.not-expired', [e])).toHaveLength(1);
    const { usersig: _facts, ...withoutFacts } = e;
    expect(findings([withoutFacts]).filter((f) => f.rule.startsWith('usersig.'))).toEqual([]);
  });
});

describe('body', () => {
  test('body.utf8 and body.json-object', () => {
    expect(ruleFindings('body.utf8', [exchange({ body: Buffer.from([0x7b, 0xff, 0x7d]) })])[0]).toMatchObject({
      status: 'gating',
    });
    const empty = ruleFindings('body.json-object', [exchange({ operation: 'get_group_counter', body: '' })])[0]!;
    expect(empty).toMatchObject({ status: 'gating', operation: 'get_group_counter' });
    expect(empty.message).toMatch(/empty/);
    expect(empty.request.body).toBe('');
    expect(ruleFindings('body.json-object', [exchange({ body: '[1]' })])[0]!.message).toMatch(/array/);
    expect(ruleFindings('body.json-object', [exchange({ body: '{"GroupId":' })])[0]!.message).toMatch(/not JSON/);
  });

  test('body.schema: a string Value, a bad Mode, a missing GroupId', () => {
    const list = [
      exchange({
        operation: 'update_group_counter',
        body: '{"GroupId":"g","GroupCounter":[{"Key":"a","Value":"5"}],"Mode":"Set"}',
      }),
      exchange({
        operation: 'update_group_counter',
        body: '{"GroupId":"g","GroupCounter":[{"Key":"a","Value":5}],"Mode":"increase"}',
      }),
      exchange({ operation: 'get_group_attr', body: '{}' }),
    ];
    const found = ruleFindings('body.schema', list);
    expect(found.map((f) => f.operation).sort()).toEqual(['get_group_attr', 'update_group_counter']);
    const counter = found.find((f) => f.operation === 'update_group_counter')!;
    expect(counter.count).toBe(2);
    expect(counter.messages.join(' ')).toMatch(/Value must be integer/);
    expect(counter.messages.join(' ')).toMatch(/Mode must be equal to one of the allowed values/);
  });

  test('body.name-case: Key/Value on attributes, groupId', () => {
    const [f] = ruleFindings('body.name-case', [
      exchange({ operation: 'modify_group_attr', body: '{"GroupId":"g","GroupAttr":[{"Key":"k","Value":"v"}]}' }),
    ]);
    expect(f!.message).toMatch(/'Key' should be 'key'/);
    expect(ruleFindings('body.name-case', [exchange({ body: '{"groupId":"g"}' })])[0]!.message).toMatch(
      /'groupId' should be 'GroupId'/,
    );
    // Not repeated as a schema finding.
    expect(ruleFindings('body.schema', [exchange({ body: '{"groupId":"g"}' })])).toEqual([]);
  });

  test.each(['5.0', '5e0', '1E3', '-0.0'])('body.integer-literals: Value written %s', (literal) => {
    const [f] = ruleFindings('body.integer-literals', [
      exchange({
        operation: 'update_group_counter',
        body: `{"GroupId":"g","GroupCounter":[{"Key":"a","Value":${literal}}],"Mode":"Set"}`,
      }),
    ]);
    expect(f).toMatchObject({ status: 'gating' });
    expect(f!.message).toContain(`written ${literal}`);
  });

  test('body.attr-list-not-empty is tentative', () => {
    const [f] = ruleFindings('body.attr-list-not-empty', [
      exchange({ operation: 'modify_group_attr', body: '{"GroupId":"g","GroupAttr":[]}' }),
    ]);
    expect(f).toMatchObject({ status: 'tentative' });
  });
});

describe('limits: "would be refused with …"', () => {
  const attrs = (n: number, value = 'v') =>
    JSON.stringify({ GroupId: 'g', GroupAttr: Array.from({ length: n }, (_, i) => ({ key: `key${i}`, value })) });
  test.each([
    [
      'limit.attr.key.maxBytes',
      'modify_group_attr',
      JSON.stringify({ GroupId: 'g', GroupAttr: [{ key: '键'.repeat(11), value: 'v' }] }),
      10045,
      'gating',
    ],
    [
      'limit.attr.value.maxBytes',
      'modify_group_attr',
      JSON.stringify({ GroupId: 'g', GroupAttr: [{ key: 'k', value: 'x'.repeat(4001) }] }),
      10046,
      'gating',
    ],
    ['limit.attr.keys.maxCount', 'set_group_attr', attrs(17), 10047, 'gating'],
    ['limit.attr.values.totalMaxBytes', 'set_group_attr', attrs(5, 'x'.repeat(3500)), 10048, 'gating'],
    [
      'limit.counter.key.maxBytes',
      'update_group_counter',
      JSON.stringify({ GroupId: 'g', Mode: 'Set', GroupCounter: [{ Key: 'k'.repeat(129), Value: 1 }] }),
      10004,
      'tentative',
    ],
    [
      'limit.counter.keys.maxCount',
      'update_group_counter',
      JSON.stringify({
        GroupId: 'g',
        Mode: 'Set',
        GroupCounter: Array.from({ length: 21 }, (_, i) => ({ Key: `c${i}`, Value: 1 })),
      }),
      10004,
      'tentative',
    ],
    [
      'limit.counter.value.int64',
      'update_group_counter',
      '{"GroupId":"g","GroupCounter":[{"Key":"a","Value":9223372036854775808}],"Mode":"Set"}',
      10004,
      'tentative',
    ],
    [
      'limit.group.name.maxBytes',
      'create_group',
      JSON.stringify({ Type: 'Public', Name: 'n'.repeat(31) }),
      10004,
      'tentative',
    ],
    [
      'limit.group.infoList.maxCount',
      'get_group_info',
      JSON.stringify({ GroupIdList: Array.from({ length: 51 }, (_, i) => `g${i}`) }),
      10004,
      'tentative',
    ],
  ])('%s', (rule, operation, body, code, status) => {
    const [f] = ruleFindings(rule, [exchange({ operation, body })]);
    expect(f).toMatchObject({ status, operation });
    expect(f!.message).toContain(`would be refused with ${code}`);
  });

  test('at the limits exactly: no finding', () => {
    const list = [
      exchange({
        operation: 'set_group_attr',
        body: JSON.stringify({
          GroupId: 'g',
          GroupAttr: Array.from({ length: 16 }, (_, i) => ({
            key: `${'k'.repeat(28)}${String(i).padStart(4, '0')}`,
            value: 'x'.repeat(1000),
          })),
        }),
      }),
      exchange({
        operation: 'modify_group_attr',
        body: JSON.stringify({ GroupId: 'g', GroupAttr: [{ key: 'k', value: '值'.repeat(1333) }] }),
        t: T0 + 2,
      }),
    ];
    expect(findings(list)).toEqual([]);
  });
});

describe('app, group type, rates, retries', () => {
  test('app.edition: counters on the basic app', () => {
    const [f] = ruleFindings('app.edition', [
      exchange({ operation: 'get_group_counter', usersig: sigFor(BASIC), query: { sdkappid: String(BASIC.sdkappid) } }),
    ]);
    expect(f!.message).toMatch(/10059/);
  });

  test('group.type-supported: counters on a Community group created in the same recording', () => {
    const create = exchange({
      operation: 'create_group',
      body: '{"Type":"Community","Name":"c"}',
      response: { status: 200, body: '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","GroupId":"@TGS#_c1"}' },
    });
    const counter = exchange({ operation: 'clear_group_attr', body: '{"GroupId":"@TGS#_c1"}', t: T0 + 1 });
    const [f] = ruleFindings('group.type-supported', [create, counter]);
    expect(f).toMatchObject({ operation: 'clear_group_attr', status: 'gating' });
    expect(f!.message).toMatch(/10007/);
  });

  test('rate.group-attr-writes: the 6th write to one group within a second', () => {
    const writes = Array.from({ length: 6 }, (_, i) =>
      exchange({
        operation: 'modify_group_attr',
        body: '{"GroupId":"g","GroupAttr":[{"key":"k","value":"v"}]}',
        t: T0 + i * 0.1,
      }),
    );
    const [f] = ruleFindings('rate.group-attr-writes', writes);
    expect(f).toMatchObject({ status: 'gating', seqs: [writes[5]!.seq] });
    expect(f!.message).toMatch(/10049/);
    const spread = Array.from({ length: 6 }, (_, i) =>
      exchange({
        operation: 'modify_group_attr',
        body: '{"GroupId":"g","GroupAttr":[{"key":"k","value":"v"}]}',
        t: T0 + 10 + i * 0.25,
      }),
    );
    expect(ruleFindings('rate.group-attr-writes', spread)).toEqual([]);
  });

  test('rate.api-calls: get_appid_group_list twice in a second', () => {
    const list = [
      exchange({ operation: 'get_appid_group_list', body: '{}' }),
      exchange({ operation: 'get_appid_group_list', body: '{}', t: T0 + 0.5 }),
    ];
    expect(ruleFindings('rate.api-calls', list)[0]!.message).toMatch(/60007/);
  });

  test('retry.no-double-count: Increase sent again after the drop took effect; Set and a drop before applying are fine', () => {
    const dropped = exchange({
      operation: 'update_group_counter',
      body: COUNTER,
      connection: { dropped: 'after-apply' },
      response: undefined,
    });
    delete (dropped as { response?: unknown }).response;
    const again = exchange({
      operation: 'update_group_counter',
      body: COUNTER.replace('"Mode"', ' "Mode"'),
      t: T0 + 1,
    });
    const [f] = ruleFindings('retry.no-double-count', [dropped, again]);
    expect(f).toMatchObject({ status: 'gating', seqs: [again.seq] });
    const before = exchange({
      operation: 'update_group_counter',
      body: COUNTER,
      connection: { dropped: 'before-apply' },
    });
    expect(
      ruleFindings('retry.no-double-count', [before, exchange({ operation: 'update_group_counter', body: COUNTER })]),
    ).toEqual([]);
    const set = COUNTER.replace('Increase', 'Set');
    expect(
      ruleFindings('retry.no-double-count', [
        exchange({ operation: 'update_group_counter', body: set, connection: { dropped: 'after-apply' } }),
        exchange({ operation: 'update_group_counter', body: set }),
      ]),
    ).toEqual([]);
  });
});

test('every rule has an id, a title, a document and a status that follows its evidence', () => {
  const ids = RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of RULES) {
    expect(rule.docUrl, rule.id).toMatch(/^https:\/\//);
    expect(rule.title.length, rule.id).toBeGreaterThan(10);
    expect(ruleStatus(rule)).toBe(rule.accepted ? 'note' : rule.evidence === 'inferred' ? 'tentative' : 'gating');
  }
});

describe('rules that follow state through the recording', () => {
  const ok = (extra: Record<string, unknown> = {}) => ({
    status: 200,
    body: JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...extra }),
  });
  const attrs = (from: number, n: number) =>
    JSON.stringify({
      GroupId: '@TGS#s1',
      GroupAttr: Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: 'x'.repeat(900) })),
    });

  test('limit.attr.after-write: a 17th key on a group known to hold 16; not when the state is unknown', () => {
    const create = exchange({
      operation: 'create_group',
      body: '{"Type":"Public","Name":"n"}',
      response: ok({ GroupId: '@TGS#s1' }),
    });
    const set16 = exchange({ operation: 'set_group_attr', body: attrs(0, 16), t: T0 + 1 });
    const add1 = exchange({ operation: 'modify_group_attr', body: attrs(16, 1), t: T0 + 2 });
    const [f] = ruleFindings('limit.attr.after-write', [create, set16, add1]);
    expect(f).toMatchObject({ status: 'gating', seqs: [add1.seq] });
    expect(f!.messages.join(' ')).toMatch(
      /already has 16 attribute key\(s\); with this request it would have 17 .*10047/,
    );
    // 17 × 900 bytes is still under 16000: no total-bytes finding.
    expect(f!.messages).toHaveLength(1);
    // Overwriting existing keys keeps the count.
    expect(
      ruleFindings('limit.attr.after-write', [
        create,
        set16,
        exchange({ operation: 'modify_group_attr', body: attrs(0, 2), t: T0 + 2 }),
      ]).filter((x) => /keys?\b.*17/.test(x.message)),
    ).toEqual([]);
    // A clear empties the state; an unknown group is not judged.
    const clear = exchange({ operation: 'clear_group_attr', body: '{"GroupId":"@TGS#s1"}', t: T0 + 2 });
    expect(
      ruleFindings('limit.attr.after-write', [
        create,
        set16,
        clear,
        exchange({ operation: 'modify_group_attr', body: attrs(16, 1), t: T0 + 3 }),
      ]),
    ).toEqual([]);
    expect(ruleFindings('limit.attr.after-write', [set16, add1])).toEqual([]);
    // The values' total after the write: 4 × 3900 bytes known, 900 more.
    const big = (n: number, size: number, from = 0) =>
      JSON.stringify({
        GroupId: '@TGS#s1',
        GroupAttr: Array.from({ length: n }, (_, i) => ({ key: `b${from + i}`, value: 'y'.repeat(size) })),
      });
    const [total] = ruleFindings('limit.attr.after-write', [
      create,
      exchange({ operation: 'set_group_attr', body: big(4, 3900), t: T0 + 1 }),
      exchange({ operation: 'modify_group_attr', body: big(1, 900, 4), t: T0 + 2 }),
    ]);
    expect(total!.message).toMatch(/add up to 16500 bytes .*10048/);
  });

  test('limit.counter.result-int64: Increase past 2^63-1 of a value the answers showed (tentative)', () => {
    const set = exchange({
      operation: 'update_group_counter',
      body: '{"GroupId":"g","GroupCounter":[{"Key":"max","Value":9223372036854775807}],"Mode":"Set"}',
      response: ok({ GroupCounter: [] }),
    });
    set.response!.body =
      '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","GroupCounter":[{"Key":"max","Value":9223372036854775807}]}';
    const inc = exchange({
      operation: 'update_group_counter',
      body: '{"GroupId":"g","GroupCounter":[{"Key":"max","Value":1}],"Mode":"Increase"}',
      t: T0 + 1,
    });
    const [f] = ruleFindings('limit.counter.result-int64', [set, inc]);
    expect(f).toMatchObject({ status: 'tentative', seqs: [inc.seq] });
    expect(f!.message).toContain('would give 9223372036854775808');
    const dec = exchange({
      operation: 'update_group_counter',
      body: '{"GroupId":"g","GroupCounter":[{"Key":"max","Value":1}],"Mode":"Decrease"}',
      t: T0 + 1,
    });
    expect(ruleFindings('limit.counter.result-int64', [set, dec])).toEqual([]);
  });

  test('body.group-custom-id: @TGS# prefix, non-printable, Community without @TGS#_', () => {
    const list = [
      exchange({ operation: 'create_group', body: '{"Type":"Public","Name":"n","GroupId":"@TGS#mine"}' }),
      exchange({ operation: 'create_group', body: '{"Type":"Public","Name":"n","GroupId":"grüppe"}' }),
      exchange({ operation: 'create_group', body: '{"Type":"Community","Name":"n","GroupId":"plain"}' }),
    ];
    const [f] = ruleFindings('body.group-custom-id', list);
    expect(f).toMatchObject({ status: 'gating', count: 3 });
    expect(
      ruleFindings('body.group-custom-id', [
        exchange({ operation: 'create_group', body: '{"Type":"Community","Name":"n","GroupId":"@TGS#_c"}' }),
      ]),
    ).toEqual([]);
  });

  test('body.counter-mode-given (tentative), limit.group.customId.maxBytes, limit.group.list.pageSize.max, limit.request.body.maxBytes', () => {
    expect(
      ruleFindings('body.counter-mode-given', [
        exchange({ operation: 'update_group_counter', body: '{"GroupId":"g","GroupCounter":[{"Key":"a","Value":1}]}' }),
      ])[0],
    ).toMatchObject({ status: 'tentative' });
    expect(
      ruleFindings('limit.group.customId.maxBytes', [
        exchange({
          operation: 'create_group',
          body: JSON.stringify({ Type: 'Public', Name: 'n', GroupId: 'g'.repeat(49) }),
        }),
      ])[0]!.message,
    ).toMatch(/49 bytes.*10015/);
    expect(
      ruleFindings('limit.group.list.pageSize.max', [
        exchange({ operation: 'get_appid_group_list', body: '{"Limit":10001}' }),
      ])[0],
    ).toMatchObject({ status: 'tentative' });
    const big = JSON.stringify({ GroupId: 'g', pad: 'x'.repeat(1024 * 1024) });
    expect(ruleFindings('limit.request.body.maxBytes', [exchange({ body: big })])[0]!.message).toMatch(
      /the body is \d+ bytes \(limit 1048576\)/,
    );
  });
});

test('request.no-secret: a secret key or a repeated usersig is named, and never kept', () => {
  const sig = sigFor();
  const list = [
    exchange({ usersig: sig, headers: { 'content-type': 'application/json', 'x-tim-key': FULL.secretKey } }),
    exchange({ body: JSON.stringify({ GroupId: 'g', note: `k=${FULL.secretKey}` }) }),
    exchange({ usersig: sig, headers: { 'content-type': 'application/json', authorization: `Bearer ${sig}` } }),
    exchange({
      rawPath: `/v4/group_open_attr_http_svc/get_group_attr?sdkappid=${FULL.sdkappid}&identifier=${FULL.admin}&usersig=${sig}&random=9&contenttype=json&key=${encodeURIComponent(FULL.secretKey)}`,
    }),
  ];
  const [f] = ruleFindings('request.no-secret', list);
  expect(f).toMatchObject({ status: 'gating', count: 4 });
  expect(f!.messages.join('\n')).toMatch(
    /secret key in its headers[\s\S]*secret key in its body[\s\S]*usersig in its headers[\s\S]*secret key in its path/,
  );
  const text = JSON.stringify(list);
  expect(text).not.toContain(FULL.secretKey);
  expect(text).not.toContain(sig);
  expect(list[1]!.body).toContain('<redacted>');
});
