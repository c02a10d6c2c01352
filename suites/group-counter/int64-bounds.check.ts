// Counter values are signed 64-bit: the bounds are stored exactly, and an Increase past the
// maximum or a Decrease past the minimum is refused. Bodies are sent as raw JSON text because
// JavaScript numbers cannot carry these values exactly.
import {
  defineCheck,
  expectRefusalChangesNothing,
  getLimit,
  operationCase,
  updateCountersRaw,
} from '../../test-utils/check/index.ts';
import type { CheckContext, GroupFixture } from '../../test-utils/check/index.ts';

const range = getLimit('counter.value.int64');
const outside = operationCase('update_group_counter', 'result-outside-int64');

const update = (ctx: CheckContext, group: GroupFixture, mode: string, value: string) =>
  updateCountersRaw(ctx, group.groupId, mode, `{"Key":"n","Value":${value}}`);

for (const [bound, value, step] of [
  ['max', range.max64, 'Increase'],
  ['min', range.min64, 'Decrease'],
] as const) {
  defineCheck(
    {
      operation: 'update_group_counter',
      check: `int64-${bound}-exact`,
      groupType: 'Public',
      evidence: range,
      title: `the int64 ${bound} is stored and read back exactly`,
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      ctx.expectOk(await update(ctx, group, 'Set', value), `Set to ${value}`);
      const read = await ctx.call('get_group_counter', { GroupId: group.groupId, GroupCounterKeys: ['n'] });
      ctx.expectOk(read);
      ctx.expectThat(
        read,
        new RegExp(`"Value"\\s*:\\s*${value}(?![0-9])`).test(read.rawText),
        `get_group_counter answers Value ${value} exactly`,
      );
    },
  );

  defineCheck(
    {
      operation: 'update_group_counter',
      check: `int64-${bound}-overflow`,
      groupType: 'Public',
      evidence: outside,
      title: `${step} past the int64 ${bound} is refused`,
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      ctx.expectOk(await update(ctx, group, 'Set', value), `Set to ${value}`);
      await expectRefusalChangesNothing(
        ctx,
        group.groupId,
        'counters',
        async () => {
          ctx.expectErrorCode(await update(ctx, group, step, '1'), outside, `${step} by 1 from ${value}`);
        },
        `${step} by 1 from ${value}`,
      );
    },
  );
}
