import { afterEach, describe, expect, it } from 'vitest';
import { countRequests, type RequestCounter } from '../../bench/lib/request-counter.ts';
import { callOk } from '../../bench/lib/tim-request.ts';
import { getOperation } from '../../test-utils/contract/index.ts';
import { DEFAULT_FULL_APP, startMockServer } from '../../test-utils/mock/index.ts';

describe('countRequests (bench/lib/request-counter.ts)', () => {
  let close: (() => Promise<void>) | undefined;
  let counter: RequestCounter | undefined;
  afterEach(async () => {
    counter?.stop();
    await close?.();
  });

  it('counts calls per (sdkappid, API) and attribute writes per group, with the rates of the spec', async () => {
    const mock = await startMockServer({ rateLimits: false });
    close = () => mock.close();
    counter = countRequests(mock.port);
    const app = DEFAULT_FULL_APP;
    const created = await callOk(mock.url, 'create_group', app, {
      Owner_Account: app.admin,
      Type: 'Public',
      Name: 'counted',
    });
    const groupId = String(created.GroupId);
    for (let i = 0; i < 3; i += 1)
      await callOk(mock.url, 'set_group_attr', app, { GroupId: groupId, GroupAttr: [{ key: 'k', value: `v${i}` }] });
    await callOk(mock.url, 'modify_group_attr', app, { GroupId: groupId, GroupAttr: [{ key: 'k', value: 'w' }] });
    await callOk(mock.url, 'get_group_attr', app, { GroupId: groupId });

    const counts = counter.snapshot();
    expect(counts.total).toBe(6);
    const calls = Object.fromEntries(counts.apiCalls.map((c) => [c.key, c.count]));
    expect(calls).toEqual({
      [`${app.sdkappid}/create_group`]: 1,
      [`${app.sdkappid}/set_group_attr`]: 3,
      [`${app.sdkappid}/modify_group_attr`]: 1,
      [`${app.sdkappid}/get_group_attr`]: 1,
    });
    // get_group_attr reads; set and modify count as attribute writes of the group.
    const writesPerSecond = getOperation('set_group_attr')['x-tim-group-write-rate']?.perSecond;
    expect(writesPerSecond).toBeGreaterThan(0);
    expect(counts.groupWrites).toEqual([{ key: `${app.sdkappid}/${groupId}`, count: 4, perSecond: writesPerSecond }]);
    expect(counts.apiCalls.find((c) => c.key.endsWith('/get_group_attr'))?.perSecond).toBe(
      getOperation('get_group_attr')['x-tim-call-rate'].perSecond,
    );
  });
});
