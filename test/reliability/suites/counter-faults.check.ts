// Driven by test/reliability/faults.test.ts through the runner, behind a proxy that answers
// every Increase/Decrease carrying the probe key with a fault. Each call must reach the server
// exactly once (the proxy counts them; attempts === 1 here), while the idempotent Set and the
// read behind it are retried past their faults and succeed.
import { defineCheck } from '../../../test-utils/check/index.ts';
import { PROBE_KEY, PROBE_SET_KEY, PROBE_STEPS } from '../probe-keys.ts';

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'fault-probe-never-repeated',
    groupType: 'Public',
    status: 'documented',
    docUrl: 'https://cloud.tencent.com/document/product/269/85952',
  },
  async (ctx) => {
    const { groupId } = await ctx.createGroup();
    for (let step = 1; step <= PROBE_STEPS; step++) {
      for (const Mode of ['Increase', 'Decrease']) {
        const result = await ctx.call(
          'update_group_counter',
          { GroupId: groupId, Mode, GroupCounter: [{ Key: PROBE_KEY, Value: step }] },
          { skipSchemaCheck: true },
        );
        ctx.expectThat(
          result,
          result.attempts === 1,
          `${Mode} ${step} sent exactly once (attempts 1, got ${result.attempts})`,
        );
      }
    }
    const set = await ctx.call('update_group_counter', {
      GroupId: groupId,
      Mode: 'Set',
      GroupCounter: [{ Key: PROBE_SET_KEY, Value: 42 }],
    });
    ctx.expectOk(set);
    ctx.expectThat(set, set.attempts >= 2, `Set retried past its fault (attempts ${set.attempts})`);
    const read = await ctx.call('get_group_counter', { GroupId: groupId, GroupCounterKeys: [PROBE_SET_KEY] });
    const body = ctx.expectOk<{ GroupCounter?: Array<{ Key: string; Value: number }> }>(read);
    ctx.expectEqual(
      read,
      body.GroupCounter?.find((c) => c.Key === PROBE_SET_KEY)?.Value,
      42,
      'the retried Set took effect once',
    );
  },
);
