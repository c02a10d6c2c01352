// A refused counter write changes nothing, not even its valid items: a write that changes an
// existing counter and also breaks a counter limit (one counter past the limit, a result outside
// signed 64-bit) is refused, and the counters read back exactly as before.
import {
  defineCheck,
  expectRefusalChangesNothing,
  getLimit,
  profileCase,
  updateCountersRaw,
} from '../../test-utils/check/index.ts';
import type { CheckContext } from '../../test-utils/check/index.ts';

const unchanged = profileCase('counters.refused-write-changes-nothing');
const count = getLimit('counter.keys.maxCount');
const range = getLimit('counter.value.int64');

const refused = (ctx: CheckContext, result: Awaited<ReturnType<CheckContext['call']>>, what: string) => {
  const envelope = ctx.expectEnvelope(result);
  ctx.expectThat(
    result,
    envelope.ActionStatus === 'FAIL' && envelope.ErrorCode !== 0,
    `${what} is refused (ActionStatus FAIL, a non-zero ErrorCode)`,
  );
};

defineCheck(
  {
    operation: 'update_group_counter',
    check: 'refused-write-changes-nothing',
    groupType: 'Public',
    evidence: unchanged,
    title: 'a counter write refused for a limit changes nothing',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const raw = (mode: string, items: string) => updateCountersRaw(ctx, group.groupId, mode, items);
    ctx.expectOk(
      await raw('Set', `{"Key":"a","Value":1},{"Key":"big","Value":${range.max64}}`),
      'seed a = 1 and big = the int64 maximum',
    );

    const tooMany = Array.from({ length: count.max - 1 }, (_, i) => `{"Key":"n${i}","Value":1}`).join(',');
    const what = `Set a = 2 with ${count.max - 1} new counters (${count.max + 1} after the write)`;
    await expectRefusalChangesNothing(
      ctx,
      group.groupId,
      'counters',
      async () => refused(ctx, await raw('Set', `{"Key":"a","Value":2},${tooMany}`), what),
      what,
    );

    const overflow = 'Increase a and big by 1 (big past the int64 maximum)';
    await expectRefusalChangesNothing(
      ctx,
      group.groupId,
      'counters',
      async () => refused(ctx, await raw('Increase', '{"Key":"a","Value":1},{"Key":"big","Value":1}'), overflow),
      overflow,
    );
  },
);
