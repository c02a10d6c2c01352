import { createHmac } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserSigVerifier } from '../../test-utils/mock/usersig-verify.ts';
import type { MockApp, MockServerHandle } from '../../test-utils/mock/index.ts';
import {
  callApi,
  DEFAULT_FULL_APP,
  handBuiltSig,
  hmacOf,
  manualClock,
  officialSig,
  profileCode,
  startTestMock,
} from './helpers.ts';
import type { HandBuiltSig } from './helpers.ts';

// An app whose admins need escaping in PHP's and Python's encoders ('/' and non-ASCII).
const ESCAPING_APP: MockApp = {
  sdkappid: 1400000077,
  secretKey: 'escaping-app-test-key',
  admin: 'administrator',
  extraAdmins: ['team/admin', 'админ'],
  countersEdition: true,
};

const clock = manualClock();
const nowSeconds = (): number => Math.floor(clock.now() / 1000);
let mock: MockServerHandle;
let realClockMock: MockServerHandle;

beforeAll(async () => {
  mock = await startTestMock({ apps: [DEFAULT_FULL_APP, ESCAPING_APP], clock: clock.now, rateLimits: false });
  realClockMock = await startTestMock({ rateLimits: false });
});
afterAll(async () => {
  await mock.close();
  await realClockMock.close();
});

function sigFor(app: MockApp, overrides: Partial<HandBuiltSig> = {}): string {
  return handBuiltSig({
    identifier: app.admin,
    sdkappid: app.sdkappid,
    secretKey: app.secretKey,
    time: nowSeconds() - 10,
    expire: 86_400,
    ...overrides,
  });
}

async function codeWith(
  usersig: string,
  app: MockApp = DEFAULT_FULL_APP,
  identifier = app.admin,
  target = mock,
): Promise<number | undefined> {
  const answer = await callApi(target, 'get_group_info', { GroupIdList: ['nope'] }, { app, usersig, identifier });
  expect(answer.status).toBe(200);
  return answer.body.ErrorCode;
}

describe('UserSig verification: what the official libraries produce is accepted', () => {
  it('tls-sig-api-v2 (Node: time before expire in the JSON)', async () => {
    expect(await codeWith(officialSig(DEFAULT_FULL_APP), DEFAULT_FULL_APP, DEFAULT_FULL_APP.admin, realClockMock)).toBe(
      0,
    );
  });

  const variants: [string, Partial<HandBuiltSig>, MockApp?, string?][] = [
    ['Python: ", " / ": " spacing, expire before time', { pythonSpacing: true }],
    [
      'Python: non-ASCII identifier as \\u escapes',
      { pythonSpacing: true, escapeNonAscii: true, identifier: 'админ' },
      ESCAPING_APP,
      'админ',
    ],
    ['PHP: "/" written as "\\/"', { escapeSlashes: true, identifier: 'team/admin' }, ESCAPING_APP, 'team/admin'],
    ['Go: NoCompression (level 0) and a trailing newline', { level: 0, trailingNewline: true }],
    ['Go: userbuf field present', { userbuf: 'YWJj', level: 0, trailingNewline: true }],
    [
      'Java: HashMap order (sig first)',
      { order: ['TLS.sig', 'TLS.time', 'TLS.identifier', 'TLS.expire', 'TLS.ver', 'TLS.sdkappid'] },
    ],
    [
      'Java: another arbitrary order',
      { order: ['TLS.sdkappid', 'TLS.ver', 'TLS.sig', 'TLS.expire', 'TLS.identifier', 'TLS.time'] },
    ],
    ['userbuf between time and sig', { userbuf: 'AAAAAQ==' }],
    ...Array.from({ length: 10 }, (_, level): [string, Partial<HandBuiltSig>] => [`zlib level ${level}`, { level }]),
  ];
  it.each(variants)('%s', async (_name, overrides, app = DEFAULT_FULL_APP, identifier = app.admin) => {
    expect(await codeWith(sigFor(app, { identifier, ...overrides }), app, identifier)).toBe(0);
  });
});

describe('UserSig verification: defects get the profile codes', () => {
  const rows: [string, () => string, string][] = [
    ['not base64', () => '!!!not-a-sig!!!', 'signing.usersig-malformed'],
    [
      'base64 but not zlib',
      () => Buffer.from('plain text').toString('base64').replace(/=/g, '_'),
      'signing.usersig-malformed',
    ],
    ['zlib of a JSON array', () => handArray(), 'signing.usersig-malformed'],
    ['TLS.sig missing', () => sigFor(DEFAULT_FULL_APP, { drop: ['TLS.sig'] }), 'signing.usersig-malformed'],
    [
      'TLS.identifier missing',
      () => sigFor(DEFAULT_FULL_APP, { drop: ['TLS.identifier'] }),
      'signing.usersig-malformed',
    ],
    ['truncated', () => sigFor(DEFAULT_FULL_APP).slice(0, 40), 'signing.usersig-malformed'],
    ['another key', () => sigFor(DEFAULT_FULL_APP, { secretKey: 'some other key' }), 'signing.hmac-mismatch'],
    [
      'tampered HMAC',
      () => sigFor(DEFAULT_FULL_APP, { sigOverride: Buffer.alloc(32, 7).toString('base64') }),
      'signing.hmac-mismatch',
    ],
    ['userbuf changed after signing', () => tamperedUserbuf(), 'signing.hmac-mismatch'],
    [
      'signed for another identifier',
      () => sigFor(DEFAULT_FULL_APP, { identifier: 'someone-else' }),
      'signing.identifier-mismatch',
    ],
    [
      'TLS.sdkappid of another app',
      () => sigFor(DEFAULT_FULL_APP, { sdkappid: 1400009999 }),
      'signing.sdkappid-mismatch',
    ],
    [
      'expired one second ago',
      () => sigFor(DEFAULT_FULL_APP, { time: nowSeconds() - 101, expire: 100 }),
      'signing.expired',
    ],
  ];
  it.each(rows)('%s', async (_name, make, caseId) => {
    expect(await codeWith(make())).toBe(profileCode(caseId));
  });

  it('the PHP single-quote bug (literal backslash-n separators) is a signature mismatch', async () => {
    const fields = {
      identifier: DEFAULT_FULL_APP.admin,
      sdkappid: DEFAULT_FULL_APP.sdkappid,
      time: nowSeconds(),
      expire: 600,
    };
    const wrong = createHmac('sha256', DEFAULT_FULL_APP.secretKey)
      .update(
        `TLS.identifier:${fields.identifier}\\nTLS.sdkappid:${fields.sdkappid}\\nTLS.time:${fields.time}\\nTLS.expire:${fields.expire}\\n`,
      )
      .digest('base64');
    expect(await codeWith(sigFor(DEFAULT_FULL_APP, { ...fields, sigOverride: wrong }))).toBe(
      profileCode('signing.hmac-mismatch'),
    );
  });
});

function handArray(): string {
  return deflateSync(Buffer.from('["TLS.ver"]'))
    .toString('base64')
    .replace(/\+/g, '*')
    .replace(/\//g, '-')
    .replace(/=/g, '_');
}

function tamperedUserbuf(): string {
  const good = {
    identifier: DEFAULT_FULL_APP.admin,
    sdkappid: DEFAULT_FULL_APP.sdkappid,
    secretKey: DEFAULT_FULL_APP.secretKey,
    time: nowSeconds(),
    expire: 600,
  };
  return sigFor(DEFAULT_FULL_APP, { ...good, userbuf: 'ZZZZ', sigOverride: hmacOf({ ...good, userbuf: 'YWJj' }) });
}
describe('expiry against the clock, with the decoding cached', () => {
  it('a sig is accepted until time + expire and refused one second later, from the cache', async () => {
    const start = nowSeconds();
    const sig = sigFor(DEFAULT_FULL_APP, { time: start, expire: 50 });
    expect(await codeWith(sig)).toBe(0);
    const cached = mock.usersigCacheSize();
    clock.advance(50_000);
    expect(await codeWith(sig)).toBe(0);
    clock.advance(1_000);
    expect(await codeWith(sig)).toBe(profileCode('signing.expired'));
    expect(mock.usersigCacheSize()).toBe(cached);
  });

  it('the cache is bounded: the oldest distinct sig is forgotten first', () => {
    const verifier = new UserSigVerifier({ cacheSize: 2 });
    const request = (usersig: string) =>
      verifier.verify({
        usersig,
        identifier: DEFAULT_FULL_APP.admin,
        sdkappid: DEFAULT_FULL_APP.sdkappid,
        secretKey: DEFAULT_FULL_APP.secretKey,
        nowSeconds: nowSeconds(),
      });
    for (const expire of [100, 200, 300]) expect(request(sigFor(DEFAULT_FULL_APP, { expire }))).toBe('ok');
    expect(verifier.cachedEntries).toBe(2);
  });

  it('a cached verdict for one app is not reused for another app with a different key', () => {
    const verifier = new UserSigVerifier();
    const sig = sigFor(DEFAULT_FULL_APP);
    const base = { usersig: sig, identifier: DEFAULT_FULL_APP.admin, nowSeconds: nowSeconds() };
    expect(
      verifier.verify({ ...base, sdkappid: DEFAULT_FULL_APP.sdkappid, secretKey: DEFAULT_FULL_APP.secretKey }),
    ).toBe('ok');
    expect(verifier.verify({ ...base, sdkappid: ESCAPING_APP.sdkappid, secretKey: ESCAPING_APP.secretKey })).toBe(
      'bad-signature',
    );
  });
});

// docs/signing.md: huangjj27/TLSSigAPI (Rust) fixed-time vectors, and the
// tls-sig-api-v2 cross-check with Date.now stubbed (same TLS.sig, different bytes).
const VECTOR_APP: MockApp = {
  sdkappid: 1400000000,
  secretKey: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e',
  admin: '0',
  extraAdmins: [],
  countersEdition: true,
};
const VECTORS = {
  'Rust/Python, no userbuf':
    'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAyKRWFGQWpQLFTU1NjeCiJZm5YDEzS0tDAyOYaHFmOtBM54KsUqeUwGLLqPK8UndHryCL-Lx8-1RPy7Ty1AijMk9f30hLk0x-r3CvSFulWgAPYy*9',
  'Rust/Python, userbuf abc':
    'eJw9zEELwiAcBfDv4jmGs1lu0GkRUd0chMeWbv2zDdEZg*i7J5a92-s9eC-UnHj2VBZViGQYLWIHqcYJOoic0El9MQYkqvIC--Jd1GzAquCUUvLXCYZoq7LMMUnqnbKt78KvOB-u6Rr6AG299PTq3YP3bOvWR0HZcOO6sbMf7c5TLLXUtdgXwDbo-QEmHTZF',
  'Node cross-check':
    'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAyJRk5qYqWRmamllaGhoYwURTKwoyi8DipqZGcLXFmelKVkrOBVmlTimBxZZR5Xml7o5eQRb5efn*qZ6WaeWpEUZlnr6*kZYmmf5e4V6Rtkq1AAXZL70_',
};
const VECTOR_TIME = 1569910200;
const VECTOR_END = 1585462200;

describe('published fixed-time vectors', () => {
  const windows: [string, number, string | null][] = [
    ['at TLS.time', VECTOR_TIME, null],
    ['in the middle of the window', VECTOR_TIME + 7_776_000, null],
    ['at time + expire exactly', VECTOR_END, null],
    ['one second after time + expire', VECTOR_END + 1, 'signing.expired'],
    ['today', Math.floor(Date.now() / 1000), 'signing.expired'],
  ];
  for (const [when, seconds, caseId] of windows) {
    it.each(Object.entries(VECTORS))(`%s, ${when}`, async (_name, sig) => {
      const fixed = await startTestMock({
        apps: [VECTOR_APP],
        clock: { fixedTimeMs: seconds * 1000 },
        rateLimits: false,
      });
      try {
        expect(await codeWith(sig, VECTOR_APP, '0', fixed)).toBe(caseId === null ? 0 : profileCode(caseId));
      } finally {
        await fixed.close();
      }
    });
  }

  it('the vectors are refused with another key (the HMAC is really checked)', async () => {
    const fixed = await startTestMock({
      apps: [{ ...VECTOR_APP, secretKey: `${VECTOR_APP.secretKey}0` }],
      clock: { fixedTimeMs: VECTOR_TIME * 1000 },
    });
    try {
      expect(await codeWith(VECTORS['Node cross-check'], VECTOR_APP, '0', fixed)).toBe(
        profileCode('signing.hmac-mismatch'),
      );
    } finally {
      await fixed.close();
    }
  });

  it('an offset clock works the same way as a fixed one', async () => {
    const offsetMs = (VECTOR_TIME + 100) * 1000 - Date.now();
    const offset = await startTestMock({ apps: [VECTOR_APP], clock: { offsetMs } });
    try {
      expect(await codeWith(VECTORS['Rust/Python, no userbuf'], VECTOR_APP, '0', offset)).toBe(0);
    } finally {
      await offset.close();
    }
  });
});
