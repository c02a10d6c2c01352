import { describe, expect, it, onTestFinished } from 'vitest';
import {
  backoffDelayMs,
  createTimClient,
  DEFAULT_RETRY_POLICY,
  isRetrySafe,
  isRetryableOutcome,
  SlidingWindowPacer,
} from '../../test-utils/client/index.ts';
import { getOperation } from '../../test-utils/contract/index.ts';
import { fail, OK, startRecordingServer, targetFor, TEST_PREFIX, type ScriptedAnswer } from './recording-server.ts';

const GROUP = `${TEST_PREFIX}retry`;
const COUNTER = (mode?: string) => ({
  GroupId: GROUP,
  GroupCounter: [{ Key: 'like', Value: 1 }],
  ...(mode === undefined ? {} : { Mode: mode }),
});

/** A client against a server that gives `failures` bad answers and then succeeds. */
async function flakyServer(badAnswer: ScriptedAnswer, failures = Infinity) {
  const server = await startRecordingServer((_, i) => (i < failures ? badAnswer : OK));
  onTestFinished(() => server.close());
  const delays: number[] = [];
  const client = createTimClient(targetFor(server.url), {
    pacer: new SlidingWindowPacer(),
    retryPolicy: { baseDelayMs: 1, maxDelayMs: 4 },
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
  onTestFinished(() => client.close());
  return { server, client, delays };
}

describe('retries of idempotent operations', () => {
  it.each([
    ['ErrorCode 10002', fail(10002)],
    ['ErrorCode 60008', fail(60008)],
    ['ErrorCode 70169', fail(70169)],
    ['HTTP 502', { status: 502, text: 'Bad Gateway' }],
    ['a connection reset', 'reset' as const],
  ])('repeat after %s until it succeeds', async (_name, bad) => {
    const { server, client, delays } = await flakyServer(bad, 2);
    const result = await client.call('get_group_attr', { GroupId: GROUP });
    expect(result.attempts).toBe(3);
    expect(result.body).toEqual(OK);
    expect(server.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    // Each attempt is a new request: a new random.
    expect(new Set(server.requests.map((r) => r.url.searchParams.get('random'))).size).toBe(3);
  });

  it('stop at the cap and return the last answer', async () => {
    const { server, client } = await flakyServer(fail(10002));
    const result = await client.call('modify_group_attr', { GroupId: GROUP, GroupAttr: [{ key: 'k', value: 'v' }] });
    expect(result.attempts).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    expect(result.errorCode).toBe(10002);
    expect(server.requests).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('do not repeat a reset call forever either', async () => {
    const { server, client } = await flakyServer('reset');
    const result = await client.call('get_group_info', { GroupIdList: [GROUP] });
    expect(result.httpStatus).toBe(0);
    expect(result.networkError).toBeDefined();
    expect(server.requests).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('are not made for other error codes', async () => {
    for (const code of [10004, 10010, 60007, 70001]) {
      const { server, client } = await flakyServer(fail(code));
      const result = await client.call('get_group_attr', { GroupId: GROUP });
      expect(result.attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
    }
  });

  it('are not made when the call says retry: false', async () => {
    const { server, client } = await flakyServer(fail(10002));
    await client.call('get_group_attr', { GroupId: GROUP }, { retry: false });
    expect(server.requests).toHaveLength(1);
  });
});

describe('calls that are never repeated', () => {
  it.each(['Increase', 'Decrease', 'increase'])('update_group_counter with Mode %s', async (mode) => {
    for (const bad of [fail(10002), { status: 502, text: 'x' }, 'reset' as const]) {
      const { server, client } = await flakyServer(bad);
      const result = await client.call('update_group_counter', COUNTER(mode));
      expect(result.attempts).toBe(1);
      expect(server.requests).toHaveLength(1);
    }
  });

  it('update_group_counter with a Mode that is not a string', async () => {
    const { server, client } = await flakyServer(fail(10002));
    await client.call('update_group_counter', { ...COUNTER(), Mode: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it.each(['create_group', 'destroy_group', 'delete_group_attr'])('%s (not idempotent)', async (operationId) => {
    const { server, client } = await flakyServer(fail(10002));
    const body =
      operationId === 'create_group' ? { Type: 'Public', Name: 'n' } : { GroupId: GROUP, GroupAttr: [{ key: 'k' }] };
    await client.call(operationId, body);
    expect(server.requests).toHaveLength(1);
  });

  it('update_group_counter as raw bytes that do not parse', async () => {
    const { server, client } = await flakyServer(fail(10002));
    await client.call('update_group_counter', undefined, { rawBody: `{"GroupId":"${GROUP}","Mode":"Set"` });
    expect(server.requests).toHaveLength(1);
  });
});

describe('update_group_counter with Set or no Mode', () => {
  it.each([['Set'], [undefined]])('is repeated (Mode %s)', async (mode) => {
    const { server, client } = await flakyServer(fail(10002), 1);
    const result = await client.call('update_group_counter', COUNTER(mode));
    expect(result.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });
});

describe('retry rules', () => {
  it('read idempotency from the contract', () => {
    const counter = getOperation('update_group_counter');
    expect(isRetrySafe(counter, COUNTER('Set'))).toBe(true);
    expect(isRetrySafe(counter, COUNTER())).toBe(true);
    expect(isRetrySafe(counter, COUNTER('Increase'))).toBe(false);
    expect(isRetrySafe(counter, null)).toBe(false);
    expect(
      isRetrySafe(
        {
          ...counter,
          'x-tim-idempotency': {
            idempotent: 'conditional',
            unsafeWhen: { field: 'Mode', values: ['Increase', null] },
            reason: '',
          },
        },
        COUNTER(),
      ),
    ).toBe(false);
    expect(isRetrySafe(getOperation('get_group_attr'), {})).toBe(true);
    expect(isRetrySafe(getOperation('create_group'), {})).toBe(false);
    expect(isRetrySafe(undefined, {})).toBe(false);
  });

  it('read retryable codes from the error catalogue', () => {
    expect(isRetryableOutcome({ httpStatus: 200, body: fail(10002) })).toBe(true);
    expect(isRetryableOutcome({ httpStatus: 200, body: fail(10004) })).toBe(false);
    expect(isRetryableOutcome({ httpStatus: 200, body: OK })).toBe(false);
    expect(isRetryableOutcome({ httpStatus: 502, body: undefined })).toBe(true);
    expect(isRetryableOutcome({ httpStatus: 500, body: undefined })).toBe(false);
    expect(isRetryableOutcome({ httpStatus: 0, body: undefined, networkErrorCode: 'UND_ERR_SOCKET' })).toBe(true);
    expect(isRetryableOutcome({ httpStatus: 0, body: undefined, networkErrorCode: 'UND_ERR_HEADERS_TIMEOUT' })).toBe(
      false,
    );
    expect(isRetryableOutcome({ httpStatus: 0, body: undefined, networkErrorCode: 'ECONNREFUSED' })).toBe(false);
  });

  it('back off exponentially with full jitter under a ceiling', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelayMs(2, policy, () => 0.999)).toBe(199);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(200);
    expect(backoffDelayMs(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });
});
