import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createTimClient,
  defaultTimeoutMs,
  SlidingWindowPacer,
  type CallResult,
  type ClientOptions,
} from '../../test-utils/client/index.ts';
import { getLimit } from '../../test-utils/contract/index.ts';
import { decodeUserSig, userSigHmacMatches } from '../../test-utils/signing/index.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import {
  OK,
  startRecordingServer,
  targetFor,
  TEST_PREFIX,
  type ScriptedAnswer,
  type RecordedRequest,
} from './recording-server.ts';

const GROUP = `${TEST_PREFIX}call`;

async function setup(
  answer?: (r: RecordedRequest, i: number) => ScriptedAnswer,
  options: ClientOptions = {},
  extra = {},
) {
  const server = await startRecordingServer(answer);
  onTestFinished(() => server.close());
  const client = createTimClient(targetFor(server.url, extra), { pacer: new SlidingWindowPacer(), ...options });
  onTestFinished(() => client.close());
  return { server, client };
}

describe('client.call', () => {
  it('POSTs JSON to the documented path with the documented query string', async () => {
    const { server, client } = await setup();
    const result = await client.call('get_group_attr', { GroupId: GROUP });
    expect(result.httpStatus).toBe(200);
    expect(result.body).toEqual(OK);
    expect(result.attempts).toBe(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/v4/group_open_attr_http_svc/get_group_attr');
    expect([...(request?.url.searchParams.keys() ?? [])]).toEqual([
      'sdkappid',
      'identifier',
      'usersig',
      'random',
      'contenttype',
    ]);
    expect(request?.url.searchParams.get('sdkappid')).toBe(String(DEFAULT_FULL_APP.sdkappid));
    expect(request?.url.searchParams.get('identifier')).toBe('administrator');
    expect(request?.url.searchParams.get('contenttype')).toBe('json');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ GroupId: GROUP });
    const { json } = decodeUserSig(request?.url.searchParams.get('usersig') ?? '');
    expect(json['TLS.identifier']).toBe('administrator');
    expect(userSigHmacMatches(json, DEFAULT_FULL_APP.secretKey)).toBe(true);
  });

  it('sends a fresh random per call over the whole uint32 range', async () => {
    const { server, client } = await setup();
    await Promise.all(Array.from({ length: 60 }, () => client.call('get_group_info', { GroupIdList: [GROUP] })));
    const randoms = server.requests.map((r) => r.url.searchParams.get('random') ?? '');
    for (const text of randoms) {
      expect(text).toMatch(/^\d+$/);
      expect(Number(text)).toBeLessThanOrEqual(4294967295);
    }
    expect(new Set(randoms).size).toBe(randoms.length);
    // With 60 uniform draws, missing the upper half would happen once in 2^60 runs.
    expect(randoms.some((r) => Number(r) >= 2 ** 31)).toBe(true);
  });

  it('reuses keep-alive connections instead of opening one per call', async () => {
    const { server, client } = await setup();
    for (let i = 0; i < 8; i += 1) await client.call('get_group_attr', { GroupId: GROUP });
    // undici may alternate between two sockets (the first is still finishing when the next
    // call is dispatched); what matters is that they are reused.
    expect(new Set(server.requests.map((r) => r.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('waits longer than the server-side timeout', () => {
    expect(defaultTimeoutMs()).toBeGreaterThan((getLimit('server.timeout.seconds').max as number) * 1000);
  });

  it('times out a server that never answers, as a network error', async () => {
    const { client } = await setup(() => 'hang', { timeoutMs: 200 });
    const result = await client.call('get_group_attr', { GroupId: GROUP });
    expect(result.httpStatus).toBe(0);
    expect(result.networkErrorCode).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(result.attempts).toBe(1);
  });

  it('sends {} for an operation without fields', async () => {
    const { server, client } = await setup();
    await client.call('get_appid_group_list', undefined);
    expect(server.requests[0]?.body).toBe('{}');
  });

  it('signs with the basic app or any given app', async () => {
    const { server, client } = await setup();
    await client.call('get_group_attr', { GroupId: GROUP }, { app: 'basic' });
    const other = { sdkappid: 1400000777, secretKey: 'yet-another-secret-key', admin: 'root' };
    await client.call('get_group_attr', { GroupId: GROUP }, { app: other, identifier: 'someone' });
    expect(server.requests[0]?.url.searchParams.get('sdkappid')).toBe(String(DEFAULT_BASIC_APP.sdkappid));
    const second = server.requests[1]?.url.searchParams;
    expect(second?.get('sdkappid')).toBe('1400000777');
    expect(second?.get('identifier')).toBe('someone');
    const { json } = decodeUserSig(second?.get('usersig') ?? '');
    expect(json['TLS.identifier']).toBe('someone');
    expect(userSigHmacMatches(json, other.secretKey)).toBe(true);
  });

  it('refuses the basic app when the target has none', async () => {
    const { server, client } = await setup(undefined, {}, { basicApp: undefined });
    await expect(client.call('get_group_attr', { GroupId: GROUP }, { app: 'basic' })).rejects.toThrow(/no basic app/);
    expect(server.requests).toHaveLength(0);
  });

  it('replaces or leaves out query parameters, and sends a given usersig', async () => {
    const { server, client } = await setup();
    await client.call(
      'get_group_attr',
      { GroupId: GROUP },
      {
        usersig: 'crafted-usersig-value',
        query: { random: '4294967296', contenttype: null, identifier: 'x y' },
      },
    );
    const params = server.requests[0]?.url.searchParams;
    expect([...(params?.keys() ?? [])]).toEqual(['sdkappid', 'identifier', 'usersig', 'random']);
    expect(params?.get('usersig')).toBe('crafted-usersig-value');
    expect(params?.get('random')).toBe('4294967296');
    expect(params?.get('identifier')).toBe('x y');
  });

  it('sends raw bytes, another path, another method and header changes as asked', async () => {
    const { server, client } = await setup();
    await client.call('get_group_attr', undefined, {
      rawBody: '{"GroupId": ',
      path: '/v4/group_open_http_svc/get_group_attr',
      method: 'PUT',
      headers: { 'content-type': null, 'x-extra': '1' },
    });
    const [request] = server.requests;
    expect(request?.body).toBe('{"GroupId": ');
    expect(request?.url.pathname).toBe('/v4/group_open_http_svc/get_group_attr');
    expect(request?.method).toBe('PUT');
    expect(request?.headers['content-type']).toBeUndefined();
    expect(request?.headers['x-extra']).toBe('1');
  });

  it('calls an unknown command only with an explicit path', async () => {
    const { server, client } = await setup(() => ({ ActionStatus: 'FAIL', ErrorCode: 60009, ErrorInfo: 'unknown' }));
    await expect(client.call('no_such_command', {})).rejects.toThrow(/unknown operation/);
    const result = await client.call(
      'get_no_such_command',
      {},
      { path: '/v4/group_open_http_svc/get_no_such_command' },
    );
    expect(result.errorCode).toBe(60009);
    expect(result.schemaErrors).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe('response validation', () => {
  it('reports schema violations with their property path instead of throwing', async () => {
    const { client } = await setup(() => ({ ...OK, GroupAttrAry: [{ key: 'k', value: 5 }] }));
    const result = await client.call('get_group_attr', { GroupId: GROUP });
    expect(result.schemaErrors?.length).toBeGreaterThan(0);
    expect(result.schemaErrors?.map((e) => e.path)).toContain('/GroupAttrAry/0/value');
  });

  it('accepts a valid response and an error envelope', async () => {
    const { client } = await setup((_, i) =>
      i === 0
        ? { ...OK, GroupAttrAry: [{ key: 'k', value: 'v' }] }
        : { ActionStatus: 'FAIL', ErrorCode: 10010, ErrorInfo: 'no group' },
    );
    expect((await client.call('get_group_attr', { GroupId: GROUP })).schemaErrors).toEqual([]);
    const failed = await client.call('get_group_attr', { GroupId: GROUP });
    expect(failed.errorCode).toBe(10010);
    expect(failed.schemaErrors).toEqual([]);
  });

  it('flags a body that is not JSON', async () => {
    const { client } = await setup(() => ({ status: 200, text: '<html>' }));
    const result = await client.call('get_group_attr', { GroupId: GROUP });
    expect(result.body).toBeUndefined();
    expect(result.rawText).toBe('<html>');
    expect(result.schemaErrors?.[0]?.message).toMatch(/not JSON/);
  });

  it('hands every result to onResponse after validation', async () => {
    const seen: CallResult[] = [];
    const { client } = await setup(() => ({ ...OK, GroupAttrAry: 'wrong' }), { onResponse: (r) => seen.push(r) });
    await client.call('get_group_attr', { GroupId: GROUP });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.schemaErrors?.[0]?.path).toBe('/GroupAttrAry');
  });
});
