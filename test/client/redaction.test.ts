import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createTimClient,
  redact,
  redactUrl,
  registerSecretKey,
  SecretInRequestError,
  SlidingWindowPacer,
  type CallResult,
} from '../../test-utils/client/index.ts';
import { craftUserSig, signUserSig } from '../../test-utils/signing/index.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { fail, startRecordingServer, targetFor, TEST_PREFIX } from './recording-server.ts';

const GROUP = `${TEST_PREFIX}redact`;

function everyText(result: CallResult): string {
  return [result.curl, result.request.url, result.request.body, result.networkError ?? ''].join('\n');
}

async function setup(answer = () => fail(70001) as Record<string, unknown>) {
  const server = await startRecordingServer(answer);
  onTestFinished(() => server.close());
  const client = createTimClient(targetFor(server.url), { pacer: new SlidingWindowPacer() });
  onTestFinished(() => client.close());
  return { server, client };
}

describe('redact', () => {
  it('replaces usersig query values, JSON members and bare sigs', () => {
    const sig = signUserSig(DEFAULT_FULL_APP);
    expect(redactUrl(`https://h/v4/s/c?sdkappid=1&identifier=a&usersig=${sig}&random=5`)).toBe(
      'https://h/v4/s/c?sdkappid=1&identifier=a&usersig=<redacted>&random=5',
    );
    expect(redact(`{"usersig":"${sig}"}`)).toBe('{"usersig":"<redacted>"}');
    expect(redact(`the sig ${sig} leaked`)).toBe('the sig <redacted> leaked');
    expect(redact('usersig=&x=1')).toBe('usersig=<redacted>&x=1');
  });

  it('replaces registered secret keys, also URL- and JSON-encoded', () => {
    const key = 'k3y/with+odd"chars';
    registerSecretKey(key);
    expect(redact(`a ${key} b ${encodeURIComponent(key)} c ${JSON.stringify(key)}`)).toBe(
      'a <redacted> b <redacted> c "<redacted>"',
    );
  });
});

describe('the client keeps secrets out of its output', () => {
  it('shows no usersig or secret key in curl, URL, body or results', async () => {
    const { server, client } = await setup();
    const result = await client.call('get_group_attr', { GroupId: GROUP });
    const sent = server.requests[0]?.url.searchParams.get('usersig') ?? '';
    expect(sent.length).toBeGreaterThan(40);
    const text = everyText(result);
    expect(text).not.toContain(sent);
    expect(text).not.toContain(DEFAULT_FULL_APP.secretKey);
    expect(result.curl).toContain('usersig=<redacted>');
    expect(result.request.url).toContain('usersig=<redacted>');
    expect(JSON.stringify(result)).not.toContain(sent);
  });

  it('redacts crafted sigs that do not look like sigs', async () => {
    const { client } = await setup();
    for (const kind of ['bad-base64', 'not-zlib', 'truncated'] as const) {
      const usersig = craftUserSig(kind, DEFAULT_FULL_APP);
      const result = await client.call('get_group_attr', { GroupId: GROUP }, { usersig });
      expect(everyText(result)).not.toContain(usersig);
    }
  });

  it('refuses to send a secret key in a body, the query or a header, and does not repeat it', async () => {
    const { server, client } = await setup();
    const attempts = [
      client.call('get_group_attr', { GroupId: GROUP, Note: DEFAULT_FULL_APP.secretKey }),
      client.call('get_group_attr', { GroupId: GROUP }, { query: { identifier: DEFAULT_BASIC_APP.secretKey } }),
      client.call(
        'get_group_attr',
        { GroupId: GROUP },
        { headers: { 'x-key': `Bearer ${DEFAULT_FULL_APP.secretKey}` } },
      ),
      client.call('get_group_attr', { GroupId: GROUP }, { rawBody: `{"k":"${DEFAULT_BASIC_APP.secretKey}"}` }),
    ];
    for (const attempt of attempts) {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(SecretInRequestError);
      expect(`${error?.message}\n${error?.stack}`).not.toContain(DEFAULT_FULL_APP.secretKey);
      expect(`${error?.message}\n${error?.stack}`).not.toContain(DEFAULT_BASIC_APP.secretKey);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('refuses the key of an app given per call too', async () => {
    const { server, client } = await setup();
    const app = { sdkappid: 1400000555, secretKey: 'per-call-app-secret-key', admin: 'administrator' };
    await expect(client.call('get_group_attr', { GroupId: GROUP, x: app.secretKey }, { app })).rejects.toThrow(
      SecretInRequestError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the usersig out of network error descriptions and thrown errors', async () => {
    const { client } = await setup();
    await client.close();
    const error = await client.call('get_group_attr', { GroupId: GROUP }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/closed/);

    const refused = createTimClient(targetFor('http://127.0.0.1:1'), {
      pacer: new SlidingWindowPacer(),
      retryPolicy: { maxAttempts: 1 },
    });
    onTestFinished(() => refused.close());
    const usersig = craftUserSig('valid', DEFAULT_FULL_APP);
    const result = await refused.call('get_group_attr', { GroupId: GROUP }, { usersig });
    expect(result.httpStatus).toBe(0);
    expect(result.networkError).toBeDefined();
    expect(JSON.stringify(result)).not.toContain(usersig);
  });
});
