// Rates on sliding one-second windows, driven by a hand-moved clock so nothing depends on timing.
import { afterEach, describe, expect, it } from 'vitest';
import { getOperation } from '../../test-utils/contract/index.ts';
import type { MockServerHandle } from '../../test-utils/mock/index.ts';
import { SlidingWindow } from '../../test-utils/mock/rate-window.ts';
import { callApi, caseCode, createGroup, limitCode, limitMax, manualClock, profileCode } from './helpers.ts';
import { startTestMock } from './helpers.ts';

let mock: MockServerHandle | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const WRITES = limitMax('attr.writes.perGroupPerSecond');
const WRITE_CODE = limitCode('attr.writes.perGroupPerSecond');

describe('SlidingWindow', () => {
  it('admits max events in any window and none more, then slides', () => {
    const window = new SlidingWindow(3, 1000);
    expect([0, 100, 200, 300].map((t) => window.tryAdmit(t))).toEqual([true, true, true, false]);
    expect(window.tryAdmit(999)).toBe(false);
    expect(window.tryAdmit(1000)).toBe(true); // the event at 0 has left the window
    expect(window.tryAdmit(1050)).toBe(false);
    expect(window.tryAdmit(1100)).toBe(true);
  });

  it('is a sliding window, not a fixed one: a burst across a second boundary is refused', () => {
    const window = new SlidingWindow(5, 1000);
    for (let i = 0; i < 5; i++) expect(window.tryAdmit(900 + i)).toBe(true);
    expect(window.tryAdmit(1001)).toBe(false);
  });
});

describe('per-group attribute write rate', () => {
  const writes: [string, (groupId: string, i: number) => [string, Record<string, unknown>]][] = [
    ['modify', (g, i) => ['modify_group_attr', { GroupId: g, GroupAttr: [{ key: `k${i}`, value: 'v' }] }]],
    ['set', (g, i) => ['set_group_attr', { GroupId: g, GroupAttr: [{ key: `k${i}`, value: 'v' }] }]],
    ['clear', (g) => ['clear_group_attr', { GroupId: g }]],
    [
      'modify then delete',
      (g, i) =>
        i % 2 === 0
          ? ['modify_group_attr', { GroupId: g, GroupAttr: [{ key: 'k', value: 'v' }] }]
          : ['delete_group_attr', { GroupId: g, GroupAttr: [{ key: 'k' }] }],
    ],
  ];

  it.each(writes)('%s: %# the write past the limit answers the rate code and does not write', async (_name, make) => {
    const clock = manualClock();
    mock = await startTestMock({ clock: clock.now });
    const groupId = await createGroup(mock);
    for (let i = 0; i < WRITES; i++) {
      const [op, body] = make(groupId, i);
      expect((await callApi(mock, op, body)).body.ErrorCode, `write ${i}`).toBe(0);
    }
    const before = mock.state.snapshotGroup(1400000001, groupId);
    const [op, body] = make(groupId, WRITES);
    expect((await callApi(mock, op, { ...body, GroupAttr: [{ key: 'refused', value: 'x' }] })).body.ErrorCode).toBe(
      WRITE_CODE,
    );
    expect(mock.state.snapshotGroup(1400000001, groupId)).toEqual(before);
    // Reads do not count.
    expect((await callApi(mock, 'get_group_attr', { GroupId: groupId })).body.ErrorCode).toBe(0);
    clock.advance(1000);
    const [op2, body2] = make(groupId, WRITES + 1);
    expect((await callApi(mock, op2, body2)).body.ErrorCode).toBe(0);
  });

  it('clear counts toward the write rate (inferred row)', () => {
    expect(caseCode('clear_group_attr', 'counts-as-attr-write')).toBe(WRITE_CODE);
    expect(getOperation('clear_group_attr')['x-tim-counts-as-attr-write']).toBe(true);
  });

  it('the window is per group', async () => {
    const clock = manualClock();
    mock = await startTestMock({ clock: clock.now });
    const [a, b] = [await createGroup(mock), await createGroup(mock)];
    for (let i = 0; i < WRITES; i++) await callApi(mock, 'clear_group_attr', { GroupId: a });
    expect((await callApi(mock, 'clear_group_attr', { GroupId: a })).body.ErrorCode).toBe(WRITE_CODE);
    expect((await callApi(mock, 'clear_group_attr', { GroupId: b })).body.ErrorCode).toBe(0);
  });

  it('is off with rateLimits: false', async () => {
    mock = await startTestMock({ clock: manualClock().now, rateLimits: false });
    const groupId = await createGroup(mock);
    for (let i = 0; i < WRITES * 3; i++)
      expect((await callApi(mock, 'clear_group_attr', { GroupId: groupId })).body.ErrorCode).toBe(0);
  });
});

describe('per-API call rate', () => {
  it('the call past the per-second rate answers the rate code, per app and per API, and slides', async () => {
    const clock = manualClock();
    mock = await startTestMock({ clock: clock.now });
    const perSecond = getOperation('get_group_info')['x-tim-call-rate'].perSecond;
    const body = { GroupIdList: ['nope'] };
    const answers = await Promise.all(Array.from({ length: perSecond }, () => callApi(mock!, 'get_group_info', body)));
    expect(answers.every((a) => a.body.ErrorCode === 0)).toBe(true);
    const over = await callApi(mock, 'get_group_info', body);
    expect(over.body.ErrorCode).toBe(profileCode('rates.api-calls-per-second'));
    // The rate is checked before the body is parsed.
    expect((await callApi(mock, 'get_group_info', null, { rawBody: 'not json' })).body.ErrorCode).toBe(
      profileCode('rates.api-calls-per-second'),
    );
    // Another API, another app: their own windows.
    expect((await callApi(mock, 'get_group_attr', { GroupId: 'nope' })).body.ErrorCode).toBe(
      profileCode('groups.unknown-group'),
    );
    expect((await callApi(mock, 'get_group_info', body, { app: mock.apps[1] })).body.ErrorCode).toBe(0);
    // Refused calls are not recorded: after one second the window is empty again.
    clock.advance(1000);
    expect((await callApi(mock, 'get_group_info', body)).body.ErrorCode).toBe(0);
  });

  it('get_appid_group_list has its own, lower rate', async () => {
    const clock = manualClock();
    mock = await startTestMock({ clock: clock.now });
    const perSecond = getOperation('get_appid_group_list')['x-tim-call-rate'].perSecond;
    for (let i = 0; i < perSecond; i++)
      expect((await callApi(mock, 'get_appid_group_list', {})).body.ErrorCode).toBe(0);
    expect((await callApi(mock, 'get_appid_group_list', {})).body.ErrorCode).toBe(
      limitCode('group.list.calls.perSecond'),
    );
    clock.advance(1000);
    expect((await callApi(mock, 'get_appid_group_list', {})).body.ErrorCode).toBe(0);
  });

  it('a refused signature does not use up the rate', async () => {
    const clock = manualClock();
    mock = await startTestMock({ clock: clock.now });
    for (let i = 0; i < 3; i++) await callApi(mock, 'get_appid_group_list', {}, { usersig: 'bad' });
    expect((await callApi(mock, 'get_appid_group_list', {})).body.ErrorCode).toBe(0);
  });
});
