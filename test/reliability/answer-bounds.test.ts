// Issue 17.7, one call at a time: whatever a broken server answers, the client's call ends
// within its bounds with a result that says what was wrong, and never crashes the process.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTimClient, SlidingWindowPacer } from '../../test-utils/client/index.ts';
import { jsonDepth, MAX_ANSWER_BYTES, parseAnswer } from '../../test-utils/client/answer.ts';
import { TransportBreaker } from '../../test-utils/client/breaker.ts';
import { startMockServer, type MockServerHandle } from '../../test-utils/mock/index.ts';
import { targetFor, TEST_PREFIX } from '../client/recording-server.ts';
import { HOSTILE_BEHAVIOURS, startHostileServer, type HostileBehaviour } from './hostile-server.ts';

let mock: MockServerHandle;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

async function clientAgainst(behaviour: HostileBehaviour, breaker?: TransportBreaker) {
  const server = await startHostileServer({ upstream: mock.url, behaviour, healthyRequests: 0 });
  onTestFinished(() => server.close());
  const client = createTimClient(targetFor(server.url), {
    pacer: new SlidingWindowPacer(),
    timeoutMs: 1500,
    retryPolicy: { baseDelayMs: 1, maxDelayMs: 1 },
    ...(breaker ? { breaker } : {}),
  });
  onTestFinished(() => client.destroy());
  return client;
}

/** What each behaviour must come back as (the call itself never throws). */
const EXPECTED: Record<
  HostileBehaviour,
  { networkError?: RegExp; answerProblem?: RegExp; httpStatus?: number; errorCode?: number }
> = {
  silent: { networkError: /timeout|deadline/i },
  drip: { networkError: /deadline|timeout/i },
  huge: { answerProblem: /grew past the 1\.0 MiB/ },
  'huge-declared': { answerProblem: /52428800 bytes \(Content-Length, 50 MiB\), over the 1\.0 MiB/ },
  truncated: { networkError: /./ },
  invalid: { httpStatus: 200 },
  deep: { answerProblem: /nested deeper than 64 levels/ },
  html: { httpStatus: 501 },
  'wrong-type': { httpStatus: 200, errorCode: 0 },
  reset: { networkError: /./ },
};

describe('one call against each broken server', { timeout: 30_000 }, () => {
  it.each(HOSTILE_BEHAVIOURS)('%s', async (behaviour) => {
    const client = await clientAgainst(behaviour);
    const result = await client.call('get_group_attr', { GroupId: `${TEST_PREFIX}hostile` });
    const expected = EXPECTED[behaviour];
    if (expected.networkError) expect(result.networkError).toMatch(expected.networkError);
    else expect(result.networkError).toBeUndefined();
    if (expected.answerProblem) {
      expect(result.answerProblem).toMatch(expected.answerProblem);
      expect(result.body).toBeUndefined();
      expect(result.rawText.length).toBeLessThanOrEqual(4096);
      expect(result.schemaErrors).toEqual([{ path: '', message: result.answerProblem }]);
    }
    if (expected.httpStatus !== undefined) expect(result.httpStatus).toBe(expected.httpStatus);
    if (expected.errorCode !== undefined) expect(result.errorCode).toBe(expected.errorCode);
    if (behaviour === 'invalid') expect(result.schemaErrors?.[0]?.message).toMatch(/not JSON/);
  });
});

describe('the depth guard', () => {
  it.each([
    ['{"a":[1,{"b":"[[[["}]}', 3],
    ['"[[[["', 0],
    ['{"a":"\\"{{"}', 1],
    ['[]', 1],
  ])('%s is %i deep', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('refuses 65 levels and parses 64', () => {
    expect(parseAnswer(`${'['.repeat(65)}${']'.repeat(65)}`).problem).toMatch(/deeper than 64/);
    expect(parseAnswer(`${'['.repeat(64)}${']'.repeat(64)}`).problem).toBeUndefined();
  });

  it('the cap is 1 MiB', () => {
    expect(MAX_ANSWER_BYTES).toBe(1024 * 1024);
  });
});

describe('the transport breaker', { timeout: 30_000 }, () => {
  it('trips after the threshold of calls in a row without an answer, then sends nothing', async () => {
    const trips: unknown[] = [];
    const breaker = new TransportBreaker({ threshold: 3, onTrip: (trip) => trips.push(trip) });
    const client = await clientAgainst('reset', breaker);
    for (let i = 0; i < 3; i++) await client.call('get_group_attr', { GroupId: `${TEST_PREFIX}hostile` });
    expect(trips).toEqual([{ streak: 3, lastError: expect.any(String) }]);
    const held = await client.call('get_group_attr', { GroupId: `${TEST_PREFIX}hostile` });
    expect(held).toMatchObject({ attempts: 0, networkErrorCode: 'TIM_BREAKER_OPEN' });
    expect(trips).toHaveLength(1);
  });

  it('an answer of any kind resets the count', () => {
    const trips: unknown[] = [];
    const breaker = new TransportBreaker({ threshold: 2, onTrip: (trip) => trips.push(trip) });
    breaker.record({ networkError: 'reset' });
    breaker.record({});
    breaker.record({ networkError: 'reset' });
    expect(trips).toEqual([]);
    breaker.record({ networkError: 'reset' });
    expect(trips).toHaveLength(1);
  });
});
