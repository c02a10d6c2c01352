// Issue 10, concurrency: many parallel writers over real HTTP to one group and to many groups.
// The mock's clock is held still (then moved by hand), so "the same sliding second" is exact and
// the counts are too: exactly the per-group write limit accepted per group, exactly the per-API
// limit per API, every other call refused with the documented code and without a trace in the
// state. Every accepted write is in the state; the only write that may vanish is one overwritten
// by a later accepted write to the same key (last writer wins).
import { Agent } from 'undici';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { stateViolations } from '../../fuzz/invariants.ts';
import { getOperation, operations } from '../../test-utils/contract/index.ts';
import type { MockServerHandle } from '../../test-utils/mock/index.ts';
import {
  callApi,
  type CallAnswer,
  createGroup,
  DEFAULT_BASIC_APP,
  DEFAULT_FULL_APP,
  limitCode,
  limitMax,
  manualClock,
  profileCode,
  startTestMock,
} from '../mock/helpers.ts';

const WRITES_PER_GROUP = limitMax('attr.writes.perGroupPerSecond');
const WRITE_RATE_CODE = limitCode('attr.writes.perGroupPerSecond');
const API_RATE_CODE = profileCode('rates.api-calls-per-second');
const callsPerSecond = (operationId: string) => getOperation(operationId)['x-tim-call-rate'].perSecond;

const dispatcher = new Agent({ connections: 128, pipelining: 1 });
afterAll(() => dispatcher.close());

let mock: MockServerHandle | undefined;
let clock: ReturnType<typeof manualClock>;
afterEach(async () => {
  if (mock) expect(stateViolations(mock.state)).toEqual([]);
  await mock?.close();
  mock = undefined;
});

async function startStillMock(): Promise<MockServerHandle> {
  clock = manualClock();
  mock = await startTestMock({ clock: clock.now });
  return mock;
}

const call = (operationId: string, body: unknown, app = DEFAULT_FULL_APP) =>
  callApi(mock!, operationId, body, { dispatcher, app });
const codeOf = (answer: CallAnswer) => answer.body.ErrorCode;
const attrsOf = (groupId: string, app = DEFAULT_FULL_APP) =>
  new Map(mock!.state.snapshotGroup(app.sdkappid, groupId)!.attrs);

describe('parallel attribute writers', { timeout: 60_000 }, () => {
  test('40 writers to one group in one still second: exactly the limit accepted, the rest refused and absent', async () => {
    await startStillMock();
    const groupId = await createGroup(mock!);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call('modify_group_attr', { GroupId: groupId, GroupAttr: [{ key: `w${i}`, value: `v${i}` }] }),
      ),
    );
    const accepted = answers.flatMap((a, i) => (codeOf(a) === 0 ? [`w${i}`] : []));
    expect(accepted).toHaveLength(WRITES_PER_GROUP);
    expect(answers.filter((a) => codeOf(a) !== 0).map(codeOf)).toEqual(
      Array(40 - WRITES_PER_GROUP).fill(WRITE_RATE_CODE),
    );
    expect([...attrsOf(groupId).keys()].sort()).toEqual(accepted.sort());

    // The window slides: nothing more until a full second after the first accepted write, then the limit again.
    clock.advance(999);
    const early = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('set_group_attr', { GroupId: groupId, GroupAttr: [{ key: `e${i}`, value: 'x' }] }),
      ),
    );
    expect(early.map(codeOf)).toEqual(Array(10).fill(WRITE_RATE_CODE));
    clock.advance(1);
    const next = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('modify_group_attr', { GroupId: groupId, GroupAttr: [{ key: `n${i}`, value: 'x' }] }),
      ),
    );
    expect(next.filter((a) => codeOf(a) === 0)).toHaveLength(WRITES_PER_GROUP);
  });

  test('a sliding window, not a fixed one: writes spread over a second free their slots one by one', async () => {
    await startStillMock();
    const groupId = await createGroup(mock!);
    const write = (key: string) => call('modify_group_attr', { GroupId: groupId, GroupAttr: [{ key, value: 'x' }] });
    // 2 writes at t, 3 at t+500: the window is full until t+1000, when only the first 2 slots free up.
    expect((await Promise.all([write('a'), write('b')])).map(codeOf)).toEqual([0, 0]);
    clock.advance(500);
    expect((await Promise.all([write('c'), write('d'), write('e')])).map(codeOf)).toEqual([0, 0, 0]);
    clock.advance(500);
    const atOneSecond = await Promise.all(['f', 'g', 'h', 'i'].map(write));
    expect(atOneSecond.filter((a) => codeOf(a) === 0)).toHaveLength(2);
    expect(atOneSecond.filter((a) => codeOf(a) === WRITE_RATE_CODE)).toHaveLength(2);
  });

  test('20 groups with 9 mixed writers each at once: exactly the limit per group, and no accepted write lost', async () => {
    await startStillMock();
    const groups = await Promise.all(Array.from({ length: 20 }, () => createGroup(mock!)));
    const writersPerGroup = 9;
    expect(groups.length * writersPerGroup).toBeLessThanOrEqual(callsPerSecond('modify_group_attr'));
    // Every writer sets the shared key to its own value and adds its own key.
    const plan = groups.flatMap((groupId) =>
      Array.from({ length: writersPerGroup }, (_, i) => ({ groupId, i, value: `${groupId}#${i}` })),
    );
    const answers = await Promise.all(
      plan.map(({ groupId, i, value }) =>
        call('modify_group_attr', {
          GroupId: groupId,
          GroupAttr: [
            { key: 'shared', value },
            { key: `own${i}`, value },
          ],
        }),
      ),
    );
    for (const groupId of groups) {
      const mine = plan.map((p, n) => ({ ...p, answer: answers[n]! })).filter((p) => p.groupId === groupId);
      const accepted = mine.filter((p) => codeOf(p.answer) === 0);
      expect(accepted, groupId).toHaveLength(WRITES_PER_GROUP);
      expect(mine.filter((p) => codeOf(p.answer) !== 0).every((p) => codeOf(p.answer) === WRITE_RATE_CODE)).toBe(true);
      const attrs = attrsOf(groupId);
      // Each accepted writer's own key holds its value; no refused writer left anything.
      expect([...attrs.keys()].filter((k) => k !== 'shared').sort()).toEqual(accepted.map((p) => `own${p.i}`).sort());
      for (const p of accepted) expect(attrs.get(`own${p.i}`)).toBe(p.value);
      // The shared key: last writer wins, and the winner is one of the accepted writes.
      expect(accepted.map((p) => p.value)).toContain(attrs.get('shared'));
    }
  });

  test("parallel set_group_attr calls replace atomically: the final set is exactly one accepted call's set", async () => {
    await startStillMock();
    const groupId = await createGroup(mock!);
    const sets = Array.from({ length: 12 }, (_, i) =>
      Array.from({ length: 1 + (i % 4) }, (_, k) => ({ key: `s${i}k${k}`, value: `s${i}` })),
    );
    const answers = await Promise.all(sets.map((GroupAttr) => call('set_group_attr', { GroupId: groupId, GroupAttr })));
    const accepted = sets.filter((_, i) => codeOf(answers[i]!) === 0);
    expect(accepted).toHaveLength(WRITES_PER_GROUP);
    const final = [...attrsOf(groupId)];
    expect(accepted.map((set) => set.map(({ key, value }) => [key, value]))).toContainEqual(final);
  });
});

describe('parallel counter writers', { timeout: 60_000 }, () => {
  test('Increase and Decrease from many writers on many groups add up exactly beyond 2^53', async () => {
    await startStillMock();
    const groups = await Promise.all(Array.from({ length: 6 }, () => createGroup(mock!)));
    const base = 2n ** 62n;
    // An exact 64-bit value goes as a JSON number (JSON.stringify cannot write a bigint).
    for (const groupId of groups) {
      const set = await callApi(mock!, 'update_group_counter', null, {
        dispatcher,
        rawBody: `{"GroupId":"${groupId}","Mode":"Set","GroupCounter":[{"Key":"n","Value":${base}}]}`,
      });
      expect(codeOf(set)).toBe(0);
    }
    clock.advance(1000);
    const plan = groups.flatMap((groupId) =>
      Array.from({ length: 28 }, (_, i) => ({
        groupId,
        mode: i % 3 === 0 ? 'Decrease' : 'Increase',
        value: 1 + ((i * 7919) % 1000),
      })),
    );
    expect(plan.length).toBeLessThanOrEqual(callsPerSecond('update_group_counter'));
    const answers = await Promise.all(
      plan.map((p) =>
        call('update_group_counter', {
          GroupId: p.groupId,
          Mode: p.mode,
          GroupCounter: [{ Key: 'n', Value: p.value }],
        }),
      ),
    );
    expect(answers.map(codeOf)).toEqual(Array(plan.length).fill(0));
    for (const groupId of groups) {
      const expected = plan
        .filter((p) => p.groupId === groupId)
        .reduce((sum, p) => sum + (p.mode === 'Increase' ? BigInt(p.value) : -BigInt(p.value)), base);
      expect(mock!.state.snapshotGroup(DEFAULT_FULL_APP.sdkappid, groupId)!.counters).toEqual([['n', expected]]);
    }
  });
});

describe('the per-API call rate under a burst', { timeout: 60_000 }, () => {
  test('260 parallel calls to one API in one still second: exactly its limit answered, the rest refused; other APIs and apps unaffected', async () => {
    await startStillMock();
    const groupId = await createGroup(mock!);
    const basicGroup = await createGroup(mock!, 'Public', DEFAULT_BASIC_APP);
    clock.advance(1000);
    const limit = callsPerSecond('get_group_attr');
    const answers = await Promise.all(
      Array.from({ length: limit + 60 }, () => call('get_group_attr', { GroupId: groupId })),
    );
    expect(answers.filter((a) => codeOf(a) === 0)).toHaveLength(limit);
    expect(answers.filter((a) => codeOf(a) !== 0).map(codeOf)).toEqual(Array(60).fill(API_RATE_CODE));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // The window is per API and per app.
    expect(codeOf(await call('get_group_counter', { GroupId: groupId }))).toBe(0);
    expect(codeOf(await call('get_group_attr', { GroupId: basicGroup }, DEFAULT_BASIC_APP))).toBe(0);
    expect(codeOf(await call('get_group_attr', { GroupId: groupId }))).toBe(API_RATE_CODE);
    clock.advance(1000);
    expect(codeOf(await call('get_group_attr', { GroupId: groupId }))).toBe(0);
  });

  test('every operation: a burst past its own call rate gets exactly that many answers past the rate check', async () => {
    await startStillMock();
    // '{}' fails each operation's own validation, which comes after the rate check: harmless, and counted.
    const bursts = await Promise.all(
      operations().map(async (op) => {
        const limit = op['x-tim-call-rate'].perSecond;
        const answers = await Promise.all(
          Array.from({ length: limit + 3 }, () => callApi(mock!, op.operationId, null, { dispatcher, rawBody: '{}' })),
        );
        return {
          operationId: op.operationId,
          limit,
          refused: answers.filter((a) => codeOf(a) === API_RATE_CODE).length,
          total: answers.length,
        };
      }),
    );
    expect(bursts.map((b) => [b.operationId, b.total - b.refused])).toEqual(
      bursts.map((b) => [b.operationId, b.limit]),
    );
    expect(bursts.every((b) => b.refused === 3)).toBe(true);
  });
});
