// The behaviour profile's "Transport and envelope" and "Query parameters and signing" rows,
// over real HTTP. Expectations are data (profile case ids resolved through the contract).
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEnvelope } from '../../test-utils/contract/index.ts';
import type { MockServerHandle } from '../../test-utils/mock/index.ts';
import {
  callApi,
  createGroup,
  DEFAULT_FULL_APP,
  handBuiltSig,
  limitMax,
  manualClock,
  pathOf,
  profileCode,
  startTestMock,
} from './helpers.ts';
import type { CallOptions } from './helpers.ts';

const clock = manualClock();
const nowSeconds = (): number => Math.floor(clock.now() / 1000);
let mock: MockServerHandle;
let groupId: string;

beforeAll(async () => {
  mock = await startTestMock({ clock: clock.now, rateLimits: false });
  groupId = await createGroup(mock);
});
afterAll(async () => mock.close());

function sig(overrides: Partial<Parameters<typeof handBuiltSig>[0]> = {}): string {
  return handBuiltSig({
    identifier: DEFAULT_FULL_APP.admin,
    sdkappid: DEFAULT_FULL_APP.sdkappid,
    secretKey: DEFAULT_FULL_APP.secretKey,
    time: nowSeconds(),
    expire: 3600,
    ...overrides,
  });
}

describe('envelope', () => {
  it('an error is HTTP 200 with ActionStatus FAIL, an integer ErrorCode and a string ErrorInfo', async () => {
    const answer = await callApi(mock, 'get_group_attr', { GroupId: 'never-created' }, { usersig: sig() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: profileCode('groups.unknown-group') });
    expect(typeof answer.body.ErrorInfo).toBe('string');
    expect(validateEnvelope(answer.body).valid).toBe(true);
  });

  it('a success carries ErrorInfo "" and ErrorCode 0', async () => {
    const answer = await callApi(mock, 'get_group_attr', { GroupId: groupId }, { usersig: sig() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
    expect(answer.text.startsWith('{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0')).toBe(true);
  });
});

describe('transport rows', () => {
  // The cases of each profile row, by its case id.
  const casesByRow: Record<string, [string, CallOptions][]> = {
    'transport.method-not-post': [
      ['GET', { method: 'GET' }],
      ['PUT', { method: 'PUT' }],
      ['DELETE', { method: 'DELETE' }],
    ],
    'transport.unknown-command': [
      ['unknown command', { path: '/v4/group_open_http_svc/no_such_command' }],
      ['unknown service', { path: '/v4/no_such_svc/get_group_attr' }],
      ['no /v4 prefix', { path: '/group_open_http_svc/modify_group_attr' }],
      ['trailing slash', { path: `${pathOf('get_group_attr')}/` }],
    ],
    'transport.get-group-attr-alternative-path': [
      ['get_group_attr under group_open_http_svc', { path: '/v4/group_open_http_svc/get_group_attr' }],
    ],
    'transport.content-type-variants': [
      ['no Content-Type', { headers: {} }],
      ['application/json; charset=utf-8', { headers: { 'content-type': 'application/json; charset=utf-8' } }],
      ['text/plain', { headers: { 'content-type': 'text/plain' } }],
    ],
    'transport.body-not-json': [
      ['body not JSON', { rawBody: '{"GroupId": ' }],
      ['empty body', { rawBody: '' }],
      ['JSON array', { rawBody: '[]' }],
      ['JSON null', { rawBody: 'null' }],
      ['JSON number', { rawBody: '42' }],
      ['JSON string', { rawBody: '"GroupId"' }],
      ['invalid UTF-8 garbage', { rawBody: Buffer.from([0xff, 0xfe, 0x7b]) }],
    ],
  };
  const rows = Object.entries(casesByRow).flatMap(([caseId, cases]) =>
    cases.map(([name, options]): [string, CallOptions, string] => [name, options, caseId]),
  );
  it.each(rows)('%s', async (_name, options, caseId) => {
    const answer = await callApi(mock, 'get_group_attr', { GroupId: groupId }, { usersig: sig(), ...options });
    expect(answer.status).toBe(200);
    expect(answer.body.ErrorCode).toBe(profileCode(caseId));
  });
});

describe('body size cap (request.body.maxBytes)', () => {
  function post(agent: HttpAgent, body: Buffer): Promise<{ code: number; reused: boolean }> {
    const query = new URLSearchParams({
      sdkappid: String(DEFAULT_FULL_APP.sdkappid),
      identifier: DEFAULT_FULL_APP.admin,
      usersig: sig(),
      random: '1',
    });
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${mock.url}${pathOf('get_group_attr')}?${query}`, { method: 'POST', agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ code: (JSON.parse(text) as { ErrorCode: number }).ErrorCode, reused: req.reusedSocket }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('exactly at the cap is parsed; one byte over is refused and the connection is kept', async () => {
    const max = limitMax('request.body.maxBytes');
    const json = `{"GroupId":${JSON.stringify(groupId)}}`;
    const atCap = Buffer.alloc(max, 0x20);
    atCap.write(json, 0);
    const overCap = Buffer.alloc(max + 1, 0x20);
    overCap.write(json, 0);
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await post(agent, atCap)).code).toBe(0);
      const over = await post(agent, overCap);
      expect(over.code).toBe(profileCode('transport.body-too-large'));
      const after = await post(agent, Buffer.from(json));
      expect(after).toEqual({ code: 0, reused: true });
    } finally {
      agent.destroy();
    }
  });
});

describe('random and contenttype are accepted whatever they are', () => {
  const randoms: (string | null)[] = [null, '0', '2147483648', '4294967295', '4294967296', '-1', 'abc'];
  it.each(randoms)('random=%s', async (random) => {
    const answer = await callApi(mock, 'get_group_attr', { GroupId: groupId }, { usersig: sig(), random });
    expect(answer.body.ErrorCode).toBe(
      profileCode(
        random === '2147483648' || random === '4294967295'
          ? 'signing.random-above-2-31'
          : 'signing.random-or-contenttype-invalid',
      ),
    );
  });
});

describe('query and signing checks apply in the profile order', () => {
  // Start from a request that breaks every check and repair one thing per step: each step must
  // answer the code of the earliest check still broken.
  const alice = 'alice-not-admin';
  const steps: { name: string; options: () => CallOptions; expect: string | 0 }[] = [
    {
      name: 'GET to an unknown path without any parameter',
      options: () => ({ method: 'GET', path: '/v4/x/y', sdkappid: null, identifier: null, usersig: null }),
      expect: 'transport.method-not-post',
    },
    {
      name: 'unknown path without any parameter',
      options: () => ({ path: '/v4/x/y', sdkappid: null, identifier: null, usersig: null }),
      expect: 'transport.unknown-command',
    },
    {
      name: 'no sdkappid, no identifier, no usersig',
      options: () => ({ sdkappid: null, identifier: null, usersig: null }),
      expect: 'signing.sdkappid-missing',
    },
    {
      name: 'empty sdkappid',
      options: () => ({ sdkappid: '', identifier: null, usersig: null }),
      expect: 'signing.sdkappid-missing',
    },
    {
      name: 'unknown sdkappid, no identifier',
      options: () => ({ sdkappid: '1234567', identifier: null, usersig: null }),
      expect: 'signing.sdkappid-unknown',
    },
    {
      name: 'non-numeric sdkappid',
      options: () => ({ sdkappid: 'abc', identifier: null, usersig: null }),
      expect: 'signing.sdkappid-unknown',
    },
    {
      name: 'no identifier, no usersig',
      options: () => ({ identifier: null, usersig: null }),
      expect: 'signing.identifier-missing',
    },
    {
      name: 'non-admin identifier, no usersig',
      options: () => ({ identifier: alice, usersig: null }),
      expect: 'signing.usersig-missing',
    },
    {
      name: 'non-admin identifier, empty usersig',
      options: () => ({ identifier: alice, usersig: '' }),
      expect: 'signing.usersig-missing',
    },
    {
      name: 'non-admin identifier, malformed usersig',
      options: () => ({ identifier: alice, usersig: 'eJy-garbage' }),
      expect: 'signing.usersig-malformed',
    },
    {
      name: 'wrong key, other identifier, other sdkappid, expired',
      options: () => ({
        identifier: alice,
        usersig: sig({ secretKey: 'wrong', identifier: 'bob', sdkappid: 1, time: 1, expire: 1 }),
      }),
      expect: 'signing.hmac-mismatch',
    },
    {
      name: 'other identifier, other sdkappid, expired',
      options: () => ({ identifier: alice, usersig: sig({ identifier: 'bob', sdkappid: 1, time: 1, expire: 1 }) }),
      expect: 'signing.identifier-mismatch',
    },
    {
      name: 'other sdkappid, expired',
      options: () => ({ identifier: alice, usersig: sig({ identifier: alice, sdkappid: 1, time: 1, expire: 1 }) }),
      expect: 'signing.sdkappid-mismatch',
    },
    {
      name: 'expired',
      options: () => ({ identifier: alice, usersig: sig({ identifier: alice, time: 1, expire: 1 }) }),
      expect: 'signing.expired',
    },
    {
      name: 'valid signature of a non-admin, body not JSON',
      options: () => ({ identifier: alice, usersig: sig({ identifier: alice }), rawBody: 'nope' }),
      expect: 'signing.not-admin',
    },
    {
      name: 'admin, body not JSON',
      options: () => ({ usersig: sig(), rawBody: 'nope' }),
      expect: 'transport.body-not-json',
    },
    { name: 'admin, JSON body', options: () => ({ usersig: sig() }), expect: 0 },
  ];
  it.each(steps)('$name', async ({ options, expect: expected }) => {
    const answer = await callApi(mock, 'get_group_attr', { GroupId: groupId }, options());
    expect(answer.status).toBe(200);
    expect(answer.body.ErrorCode).toBe(expected === 0 ? 0 : profileCode(expected));
  });

  it('an extra admin of the app is accepted like the main one', async () => {
    const app = { ...DEFAULT_FULL_APP, sdkappid: 1400000555, extraAdmins: ['second-admin'] };
    const other = await startTestMock({ apps: [app], clock: clock.now });
    try {
      const usersig = handBuiltSig({
        identifier: 'second-admin',
        sdkappid: app.sdkappid,
        secretKey: app.secretKey,
        time: nowSeconds(),
        expire: 60,
      });
      const answer = await callApi(other, 'get_appid_group_list', {}, { app, identifier: 'second-admin', usersig });
      expect(answer.body.ErrorCode).toBe(0);
    } finally {
      await other.close();
    }
  });
});
