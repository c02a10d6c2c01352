/**
 * fast-check arbitraries of hostile requests to the mock. Bodies are built as byte chunks, not
 * through JSON.stringify, so they can hold what a JS object cannot: duplicate keys, `__proto__`
 * as an own member, invalid UTF-8 inside strings, nesting deeper than any parser's stack, and
 * strings around the body-size cap. Sizes of huge strings and depths are drawn as numbers and
 * expanded with repeat(), so generating them costs nothing.
 */
import fc from 'fast-check';
import { getLimit, operations } from '../test-utils/contract/index.ts';

/** A JSON-ish document, serialised by toBytes (leaves are written as given, invalid or not). */
export type Doc =
  | { t: 'obj'; entries: Array<[(Doc & { t: 'str' | 'bytes' }) | string, Doc]> }
  | { t: 'arr'; items: Doc[] }
  | { t: 'lit'; text: string }
  | { t: 'str'; value: string }
  | { t: 'bytes'; bytes: number[] }
  | { t: 'repeat'; unit: string; count: number; quoted: boolean }
  | { t: 'nest'; open: '[' | '{"a":'; close: ']' | '}'; depth: number };

export const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
] as const;

function pushDoc(doc: Doc, out: Buffer[]): void {
  switch (doc.t) {
    case 'lit':
      out.push(Buffer.from(doc.text, 'utf8'));
      return;
    case 'str':
      out.push(Buffer.from(JSON.stringify(doc.value), 'utf8'));
      return;
    case 'bytes':
      out.push(Buffer.from('"'), Buffer.from(doc.bytes), Buffer.from('"'));
      return;
    case 'repeat': {
      const body = Buffer.from(doc.unit.repeat(doc.count), 'utf8');
      out.push(...(doc.quoted ? [Buffer.from('"'), body, Buffer.from('"')] : [body]));
      return;
    }
    case 'nest':
      out.push(Buffer.from(doc.open.repeat(doc.depth)), Buffer.from('0'), Buffer.from(doc.close.repeat(doc.depth)));
      return;
    case 'arr':
      out.push(Buffer.from('['));
      doc.items.forEach((item, i) => {
        if (i > 0) out.push(Buffer.from(','));
        pushDoc(item, out);
      });
      out.push(Buffer.from(']'));
      return;
    case 'obj':
      out.push(Buffer.from('{'));
      doc.entries.forEach(([key, value], i) => {
        if (i > 0) out.push(Buffer.from(','));
        if (typeof key === 'string') out.push(Buffer.from(JSON.stringify(key), 'utf8'));
        else pushDoc(key, out);
        out.push(Buffer.from(':'));
        pushDoc(value, out);
      });
      out.push(Buffer.from('}'));
  }
}

export function toBytes(doc: Doc): Buffer {
  const out: Buffer[] = [];
  pushDoc(doc, out);
  return Buffer.concat(out);
}

const lit = (text: string): Doc => ({ t: 'lit', text });
const str = (value: string): Doc => ({ t: 'str', value });
const obj = (entries: Array<[string, Doc]>): Doc => ({ t: 'obj', entries });
const arr = (items: Doc[]): Doc => ({ t: 'arr', items });
/** A list of {key, value} items (attributes: 'key'/'value', counters: 'Key'/'Value'). */
const keyedItems = (keyName: string, valueName: string, items: Array<[string, Doc]>): Doc =>
  arr(
    items.map(([k, v]) =>
      obj([
        [keyName, str(k)],
        [valueName, v],
      ]),
    ),
  );

const bodyCap = getLimit('request.body.maxBytes').max ?? 1_048_576;
const int64Limit = getLimit('counter.value.int64');
const INT64_EDGES = [
  int64Limit.min64!,
  int64Limit.max64!,
  (BigInt(int64Limit.min64!) - 1n).toString(),
  (BigInt(int64Limit.max64!) + 1n).toString(),
];

/** Byte sequences that are not UTF-8: lone continuation, overlong, surrogate halves, truncated, 0xFF. */
const INVALID_UTF8: number[][] = [
  [0x80],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xff, 0xfe],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
];

/** Drops quotes, backslashes and the control characters JSON text may not hold raw. */
function withoutJsonSpecials(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what it removes
  return text.replace(/["\\\u0000-\u001f]/g, '');
}

const invalidUtf8String: fc.Arbitrary<Doc> = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...INVALID_UTF8), fc.string({ maxLength: 8 }))
  .map(([a, bad, b]) => ({
    t: 'bytes',
    bytes: [...Buffer.from(withoutJsonSpecials(a), 'utf8'), ...bad, ...Buffer.from(withoutJsonSpecials(b), 'utf8')],
  }));

/** Strings around the byte limits and the body cap; multi-byte units make bytes ≠ characters. */
const hugeString: fc.Arbitrary<Doc> = fc
  .record({
    unit: fc.constantFrom('x', 'é', '中', '😀', '\\u0000', '\\ud800'),
    count: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 20_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: bodyCap - 64, max: bodyCap + 64 }) },
    ),
  })
  .map(({ unit, count }): Doc => ({
    t: 'repeat',
    unit,
    count:
      unit.length > 1 && unit.startsWith('\\') ? Math.floor(count / 6) : Math.floor(count / Buffer.byteLength(unit)),
    quoted: true,
  }));

const deepNesting: fc.Arbitrary<Doc> = fc
  .record({
    open: fc.constantFrom('[' as const, '{"a":' as const),
    depth: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 64 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }) },
    ),
  })
  // Objects nest a few times more slowly than arrays in the mock's parser; 50 000 levels is deep enough.
  .map(({ open, depth }): Doc => ({
    t: 'nest',
    open,
    close: open === '[' ? ']' : '}',
    depth: open === '[' ? depth : Math.min(depth, 50_000),
  }));

const numberLiteral: fc.Arbitrary<Doc> = fc.oneof(
  fc.integer().map((n) => lit(String(n))),
  fc
    .constantFrom(
      ...INT64_EDGES,
      '9007199254740993',
      '-0',
      '0.5',
      '1e400',
      '-1e400',
      '1E2',
      '12345678901234567890123',
      '0.0000001',
    )
    .map(lit),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => lit(n.toString())),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => lit(JSON.stringify(n))),
);

const textString: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }).map(str) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map(str) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        ...DANGEROUS_KEYS,
        '',
        ' ',
        'null',
        '0',
        '@TGS#_',
        'k'.repeat(32),
        'k'.repeat(33),
        'é'.repeat(16),
        'é'.repeat(17),
      )
      .map(str),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map(str) },
  { weight: 1, arbitrary: invalidUtf8String },
);

/** Any JSON value, small, including the dangerous keys as object members. */
const anyDoc: fc.Arbitrary<Doc> = fc.letrec<{ doc: Doc }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: fc.constantFrom('true', 'false', 'null').map(lit) },
    { weight: 3, arbitrary: numberLiteral },
    { weight: 4, arbitrary: textString },
    { weight: 1, arbitrary: fc.array(tie('doc'), { maxLength: 4 }).map(arr) },
    {
      weight: 1,
      arbitrary: fc
        .array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom(...DANGEROUS_KEYS, 'polluted', 'GroupId', 'key', 'value', 'Key', 'Value'),
              fc.string({ maxLength: 8 }),
            ),
            tie('doc'),
          ),
          { maxLength: 4 },
        )
        .map((entries): Doc => obj(entries)),
    },
  ),
})).doc;

/** Values that the mock would later copy: objects that name the prototype chain. */
const pollutingDoc: fc.Arbitrary<Doc> = fc.constantFrom<Doc>(
  obj([
    ['polluted', lit('1')],
    ['isAdmin', lit('true')],
  ]),
  obj([['prototype', obj([['polluted', lit('1')]])]]),
  obj([
    [
      '__proto__',
      obj([
        ['polluted', lit('1')],
        ['GroupAttr', lit('[{"key":"p","value":"p"}]')],
      ]),
    ],
  ]),
);

export interface FuzzContext {
  /** Ids of groups the fuzzer created, per type, so some writes land. */
  groupIds: string[];
}

function maybe<T>(arb: fc.Arbitrary<T>, other: fc.Arbitrary<T>, weight = 4): fc.Arbitrary<T> {
  return fc.oneof({ weight, arbitrary: arb }, { weight: 1, arbitrary: other });
}

/** A body shaped like the operations' requests, with any member replaced by anything. */
function shapedBody(ctx: FuzzContext): fc.Arbitrary<Doc> {
  const key = maybe(
    fc.oneof(fc.constantFrom('a', 'b', 'c', ...DANGEROUS_KEYS).map(str), textString),
    fc.oneof(anyDoc, pollutingDoc),
    8,
  );
  const attrValue = maybe(
    fc.oneof(
      fc.string({ maxLength: 30 }).map(str),
      textString,
      fc.constantFrom('v'.repeat(4000), 'v'.repeat(4001), 'é'.repeat(2000), 'é'.repeat(2001)).map(str),
    ),
    fc.oneof(anyDoc, pollutingDoc),
    8,
  );
  const attrItem = fc
    .array(fc.tuple(fc.constantFrom('key', 'value', ...DANGEROUS_KEYS), fc.oneof(key, attrValue)), { maxLength: 3 })
    .chain((extra) =>
      fc
        .tuple(key, attrValue)
        .map(([k, v]): Doc => obj([['key', k], ['value', v], ...extra.map(([n, d]): [string, Doc] => [n, d])])),
    );
  const counterValue = maybe(
    fc.oneof(
      numberLiteral,
      fc.integer({ min: -5, max: 5 }).map((n) => lit(String(n))),
    ),
    fc.oneof(anyDoc, textString),
  );
  const counterItem = fc.tuple(key, counterValue).map(([k, v]): Doc =>
    obj([
      ['Key', k],
      ['Value', v],
    ]),
  );
  const groupId = maybe(
    ctx.groupIds.length > 0 ? fc.constantFrom(...ctx.groupIds).map(str) : textString,
    fc.oneof(textString, anyDoc),
    6,
  );
  const members: Array<[string, fc.Arbitrary<Doc>]> = [
    ['GroupId', groupId],
    ['GroupAttr', maybe(fc.array(attrItem, { maxLength: 20 }).map(arr), fc.oneof(anyDoc, pollutingDoc))],
    ['GroupCounter', maybe(fc.array(counterItem, { maxLength: 22 }).map(arr), anyDoc)],
    ['GroupCounterKeys', maybe(fc.array(key, { maxLength: 22 }).map(arr), anyDoc)],
    ['Mode', maybe(fc.constantFrom('Set', 'Increase', 'Decrease', 'set', '').map(str), anyDoc)],
    [
      'Type',
      maybe(fc.constantFrom('Public', 'Private', 'ChatRoom', 'AVChatRoom', 'Community', 'BChatRoom').map(str), anyDoc),
    ],
    ['Name', maybe(fc.string({ maxLength: 40 }).map(str), anyDoc)],
    ['GroupIdList', maybe(fc.array(groupId, { maxLength: 5 }).map(arr), anyDoc)],
    [
      'Limit',
      maybe(
        fc.integer({ min: -1, max: 20_000 }).map((n) => lit(String(n))),
        anyDoc,
      ),
    ],
    [
      'Next',
      maybe(
        fc.integer({ min: -1, max: 100 }).map((n) => lit(String(n))),
        anyDoc,
      ),
    ],
    ...DANGEROUS_KEYS.map((name): [string, fc.Arbitrary<Doc>] => [name, fc.oneof(pollutingDoc, anyDoc)]),
  ];
  // GroupId first and usually present, so most bodies get past it to the interesting checks.
  const picks = fc.tuple(
    fc.oneof({ weight: 9, arbitrary: fc.constant([0]) }, { weight: 1, arbitrary: fc.constant([]) }),
    fc.array(
      fc.nat(members.length - 2).map((i) => i + 1),
      { maxLength: 5 },
    ),
  );
  return picks
    .map(([first, rest]) => [...first, ...rest])
    .chain((picked) =>
      fc
        .tuple(...picked.map((i) => members[i]![1]))
        .map((values): Doc => obj(picked.map((i, n) => [members[i]![0], values[n]!]))),
    );
}

/**
 * A well-formed body for any of the operations (every member present, the handler reads its
 * own): keys from a pool larger than the key limits, values sized around the byte limits in
 * 1-, 2- and 4-byte characters, counter values at the int64 edges. Sequences of these fill
 * groups up to and past their limits, where a wrong limit shows in the state.
 */
function wellFormedBody(ctx: FuzzContext): fc.Arbitrary<Doc> {
  const keyPool = [...Array.from({ length: 22 }, (_, i) => `k${i}`), ...DANGEROUS_KEYS, 'é'.repeat(16), '😀'.repeat(8)];
  const valueSize = fc.constantFrom(0, 1, 100, 999, 1000, 1001, 2000, 3999, 4000, 4001);
  const value = fc
    .tuple(fc.constantFrom('x', 'é', '😀'), valueSize)
    .map(([unit, bytes]) => str(unit.repeat(Math.max(0, Math.floor(bytes / Buffer.byteLength(unit))))));
  const counterValue = fc.oneof(
    fc.integer({ min: -3, max: 3 }).map((n) => lit(String(n))),
    fc.constantFrom(...INT64_EDGES, '4611686018427387904', '-4611686018427387904').map(lit),
  );
  const groupId = ctx.groupIds.length > 0 ? fc.constantFrom(...ctx.groupIds) : fc.constant('fuzz');
  return fc
    .record({
      GroupId: groupId,
      attrs: fc.array(fc.tuple(fc.constantFrom(...keyPool), value), { minLength: 1, maxLength: 6 }),
      counters: fc.array(fc.tuple(fc.constantFrom(...keyPool), counterValue), { minLength: 1, maxLength: 6 }),
      keys: fc.array(fc.constantFrom(...keyPool), { maxLength: 3 }),
      Mode: fc.constantFrom('Set', 'Increase', 'Decrease'),
      Type: fc.constantFrom('Public', 'Private', 'ChatRoom', 'AVChatRoom', 'Community'),
    })
    .map(({ GroupId, attrs, counters, keys, Mode, Type }) =>
      obj([
        ['GroupId', str(GroupId)],
        ['GroupAttr', keyedItems('key', 'value', attrs)],
        ['GroupCounter', keyedItems('Key', 'Value', counters)],
        ['GroupCounterKeys', arr(keys.map(str))],
        ['Mode', str(Mode)],
        ['Type', str(Type)],
        ['Name', str('fuzz')],
        ['GroupIdList', arr([str(GroupId)])],
      ]),
    );
}

/** A request body: mostly shaped like a request, sometimes anything at all. */
export function requestBody(ctx: FuzzContext): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 30, arbitrary: shapedBody(ctx).map(toBytes) },
    { weight: 20, arbitrary: wellFormedBody(ctx).map(toBytes) },
    { weight: 4, arbitrary: anyDoc.map(toBytes) },
    {
      weight: 1,
      arbitrary: fc.oneof(hugeString, deepNesting).map((inner) => toBytes({ t: 'obj', entries: [['GroupId', inner]] })),
    },
    { weight: 1, arbitrary: deepNesting.map(toBytes) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 1,
      arbitrary: shapedBody(ctx).chain((doc) =>
        fc.nat().map((cut) => {
          const all = toBytes(doc);
          return all.subarray(0, cut % (all.length + 1));
        }),
      ),
    },
  );
}

export const OPERATION_PATHS = operations().map((op) => op.path);

/** One query component: printable, percent-escaped bytes, broken escapes, or long. */
const queryText = fc.oneof(
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc
    .uint8Array({ maxLength: 12 })
    .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.constantFrom(
    '%',
    '%G0',
    '%e9',
    '%ED%A0%80',
    '+',
    '&&',
    '==',
    '%00',
    '1400000001',
    'administrator',
    '0x10',
    '-1',
    '1e3',
    ' '.replace(' ', '%20'),
  ),
  fc.integer({ min: 100, max: 1200 }).map((n) => 'q'.repeat(n)),
);

export interface AuthQuery {
  sdkappid: string;
  identifier: string;
  usersig: string;
}

export type FuzzRequest =
  | { kind: 'api'; path: string; query: string; body: Buffer }
  | { kind: 'query'; path: string; query: string; body: Buffer }
  | { kind: 'method-path'; method: string; path: string; query: string; body: Buffer | undefined }
  | { kind: 'raw'; bytes: Buffer };

let randomParam = 0;

function authQuery(auth: AuthQuery, extra: string[]): string {
  randomParam = (randomParam + 1) % 2 ** 32;
  return [
    `sdkappid=${auth.sdkappid}`,
    `identifier=${auth.identifier}`,
    `usersig=${auth.usersig}`,
    `random=${randomParam}`,
    'contenttype=json',
    ...extra,
  ].join('&');
}

/** Every request kind with its share of the cases. */
export function fuzzRequest(ctx: FuzzContext, auths: AuthQuery[]): fc.Arbitrary<FuzzRequest> {
  if (auths.length === 0) throw new Error('fuzzRequest needs at least one app to sign with');
  // Most requests are signed by the first app (the full edition); some by the others.
  const appIndex = fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.nat(auths.length - 1) },
  );
  const path = fc.constantFrom(...OPERATION_PATHS);
  const extraParams = fc.array(
    fc.tuple(queryText, queryText).map(([k, v]) => `${k}=${v}`),
    { maxLength: 3 },
  );
  const api = fc
    .record({ app: appIndex, path, extra: extraParams, body: requestBody(ctx) })
    .map(({ app, path: p, extra, body }): FuzzRequest => ({
      kind: 'api',
      path: p,
      query: authQuery(auths[app]!, extra),
      body,
    }));
  const brokenQuery = fc
    .record({
      app: appIndex,
      path,
      params: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              'sdkappid',
              'identifier',
              'usersig',
              'random',
              'contenttype',
              'SDKAppID',
              'UserSig',
              '__proto__',
              'constructor',
            ),
            queryText,
          ),
          fc.oneof(queryText, fc.constantFrom('valid-sdkappid', 'valid-identifier', 'valid-usersig')),
        ),
        { maxLength: 7 },
      ),
      body: requestBody(ctx),
    })
    .map(({ app, path: p, params, body }): FuzzRequest => {
      const a = auths[app]!;
      const fill = (v: string) =>
        v === 'valid-sdkappid'
          ? a.sdkappid
          : v === 'valid-identifier'
            ? a.identifier
            : v === 'valid-usersig'
              ? a.usersig
              : v;
      return { kind: 'query', path: p, query: params.map(([k, v]) => `${k}=${fill(v)}`).join('&'), body };
    });
  const segment = fc.oneof(
    fc.constantFrom(
      'v4',
      'group_open_http_svc',
      'group_open_attr_http_svc',
      '..',
      '.',
      '',
      '%2e%2e',
      '%2F',
      'get_group_attr',
      'GET_GROUP_ATTR',
    ),
    fc.string({ maxLength: 10 }).map(encodeURIComponent),
  );
  const methodPath = fc
    .record({
      method: fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST', 'PROPFIND'),
      path: fc.oneof(
        path.map((p) => `${p}${p.endsWith('/') ? '' : '/'}`),
        path.map((p) => p.toUpperCase()),
        path.map((p) => `/${p}`),
        fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
      ),
      signed: fc.boolean(),
      app: appIndex,
      extra: extraParams,
      body: fc.option(requestBody(ctx), { nil: undefined }),
    })
    .map(({ method, path: p, signed, app, extra, body }): FuzzRequest => ({
      kind: 'method-path',
      method,
      path: p,
      query: signed ? authQuery(auths[app]!, extra) : extra.join('&'),
      body,
    }));
  const raw = fc
    .oneof(
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from(b), Buffer.from('\r\n\r\n')])),
      fc
        .tuple(
          fc.constantFrom('POST', 'GET', 'BREW', 'P\u0000ST'),
          path,
          fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'XTTP/1.1'),
          fc.constantFrom(
            'Content-Length: 5',
            'Content-Length: -1',
            'Transfer-Encoding: chunked',
            'Content-Length: 1\r\nContent-Length: 2',
            'Host:\u0000',
            '',
          ),
        )
        .map(([m, p, v, h]) => Buffer.from(`${m} ${p}?sdkappid=1 ${v}\r\nHost: x\r\n${h}\r\n\r\n{}`, 'latin1')),
    )
    .map((bytes): FuzzRequest => ({ kind: 'raw', bytes }));
  return fc.oneof(
    { weight: 14, arbitrary: api },
    { weight: 3, arbitrary: brokenQuery },
    { weight: 2, arbitrary: methodPath },
    { weight: 1, arbitrary: raw },
  );
}

/** A short description of a request for a report line (never the usersig). */
export function describeRequest(request: FuzzRequest): string {
  const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text);
  const query = (q: string) => clip(q.replace(/usersig=[^&]*/g, 'usersig=<redacted>'));
  switch (request.kind) {
    case 'raw':
      return `raw ${JSON.stringify(clip(request.bytes.toString('latin1')))}`;
    case 'method-path':
      return `${request.method} ${clip(request.path)}?${query(request.query)} body ${request.body === undefined ? '(none)' : JSON.stringify(clip(request.body.toString('latin1')))}`;
    default:
      return `POST ${request.path}?${query(request.query)} body ${JSON.stringify(clip(request.body.toString('latin1')))}`;
  }
}
