// The mock's generic exchange hook: it sees every request, may replace the answer (without
// applying the request), drop the connection before or after applying it, or delay the answer;
// `alsoHttps` serves the same state on a second, https port. And AVChatRoom with members: 10007.
import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { MockAnswerOverride, MockExchangeOutcome, MockIncomingRequest } from '../../test-utils/mock/index.ts';
import { callApi, caseCode, createGroup, freshGroupId, startTestMock } from './helpers.ts';

describe('mock exchange hook', () => {
  const seen: Array<{ request: MockIncomingRequest; outcome: MockExchangeOutcome }> = [];
  let next: MockAnswerOverride | undefined;
  const mockPromise = startTestMock({
    exchangeHook: {
      override: () => {
        const o = next;
        next = undefined;
        return o;
      },
      observe: (request, outcome) => seen.push({ request, outcome }),
    },
    alsoHttps: true,
  });
  afterAll(async () => (await mockPromise).close());

  const counterOf = async (GroupId: string): Promise<unknown> =>
    (await callApi(await mockPromise, 'get_group_counter', { GroupId })).body['GroupCounter'];

  it('observes every request with its body and answer', async () => {
    const mock = await mockPromise;
    const GroupId = await createGroup(mock);
    const last = seen.at(-1)!;
    expect(last.request.method).toBe('POST');
    expect(last.request.url).toContain('/create_group?');
    expect(JSON.parse(last.request.body!.toString()).GroupId).toBe(GroupId);
    expect(last.outcome.response?.status).toBe(200);
    expect(JSON.parse(last.outcome.response!.body).ErrorCode).toBe(0);
  });

  it('an answer override replaces the answer and leaves the state alone', async () => {
    const mock = await mockPromise;
    const GroupId = await createGroup(mock);
    next = { answer: { status: 200, body: '{"ActionStatus":"FAIL","ErrorInfo":"busy","ErrorCode":10002}' }, tag: 'r1' };
    const answer = await callApi(mock, 'update_group_counter', {
      GroupId,
      Mode: 'Set',
      GroupCounter: [{ Key: 'c', Value: 3 }],
    });
    expect(answer.body.ErrorCode).toBe(10002);
    expect(seen.at(-1)!.outcome.override?.tag).toBe('r1');
    expect(await counterOf(GroupId)).toEqual([]);
  });

  it('drop before-apply: no answer, no effect; drop after-apply: no answer, the write took effect', async () => {
    const mock = await mockPromise;
    const GroupId = await createGroup(mock);
    const body = { GroupId, Mode: 'Increase', GroupCounter: [{ Key: 'c', Value: 2 }] };
    next = { drop: 'before-apply' };
    await expect(callApi(mock, 'update_group_counter', body)).rejects.toThrow();
    expect(seen.at(-1)!.outcome).toMatchObject({ dropped: 'before-apply' });
    expect(await counterOf(GroupId)).toEqual([]);
    next = { drop: 'after-apply' };
    await expect(callApi(mock, 'update_group_counter', body)).rejects.toThrow();
    expect(seen.at(-1)!.outcome).toMatchObject({ dropped: 'after-apply' });
    expect(await counterOf(GroupId)).toEqual([{ Key: 'c', Value: 2 }]);
  });

  it('alsoHttps serves the same state over https', async () => {
    const mock = await mockPromise;
    expect(mock.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const GroupId = await createGroup(mock);
    const dispatcher = new Agent({ connect: { ca: mock.caCert } });
    const answer = await callApi({ url: mock.httpsUrl! }, 'get_group_info', { GroupIdList: [GroupId] }, { dispatcher });
    expect(answer.body.ErrorCode).toBe(0);
    expect(seen.at(-1)!.request.protocol).toBe('https');
    await dispatcher.close();
  });
});

describe('create_group AVChatRoom with a member list', () => {
  it('answers the documented 10007 (members join an audio-video group through the SDK); without members 0', async () => {
    const mock = await startTestMock();
    try {
      const withMembers = await callApi(mock, 'create_group', {
        Type: 'AVChatRoom',
        Name: 'live',
        GroupId: freshGroupId(),
        MemberList: [{ Member_Account: 'u1' }],
      });
      expect(withMembers.body.ErrorCode).toBe(caseCode('create_group', 'avchatroom-member-list'));
      const without = await callApi(mock, 'create_group', {
        Type: 'AVChatRoom',
        Name: 'live',
        GroupId: freshGroupId(),
      });
      expect(without.body.ErrorCode).toBe(0);
      const publicWithMembers = await callApi(mock, 'create_group', {
        Type: 'Public',
        Name: 'p',
        GroupId: freshGroupId(),
        MemberList: [{ Member_Account: 'u1' }],
      });
      expect(publicWithMembers.body.ErrorCode).toBe(0);
    } finally {
      await mock.close();
    }
  });
});
