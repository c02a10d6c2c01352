// Counter limits: the counter count after the write and the counter key's UTF-8 bytes.
import { defineCheck, expectRefusalChangesNothing, getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const count = getLimit('counter.keys.maxCount');
const keyBytes = getLimit('counter.key.maxBytes');
const counters = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ Key: `c${from + i}`, Value: i }));

defineCheck(
  { operation: 'update_group_counter', check: 'counter-count-at-limit', groupType: 'Public', evidence: count, title: `${count.max} counters are accepted` },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: counters(count.max) }), `${count.max} counters`);
  },
);

defineCheck(
  { operation: 'update_group_counter', check: 'counter-count-after-write', groupType: 'Public', evidence: 'limit:counter.keys.maxCount#exceeded', title: 'one counter past the limit, counted after the write, is refused' },
  async (ctx) => {
    const group = await ctx.createGroup();
    ctx.expectOk(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: counters(count.max) }), `${count.max} counters`);
    await expectRefusalChangesNothing(ctx, group.groupId, 'counters', async () => {
      ctx.expectErrorCode(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: counters(1, count.max) }), count.exceeded, `a new counter on a group holding ${count.max}`);
    }, `a new counter on a group holding ${count.max}`);
  },
);

defineCheck(
  { operation: 'update_group_counter', check: 'counter-key-at-byte-limit', groupType: 'Public', evidence: keyBytes, title: `a ${keyBytes.max}-byte multi-byte counter key is accepted` },
  async (ctx) => {
    const group = await ctx.createGroup();
    const Key = textOfUtf8Bytes(keyBytes.max);
    ctx.expectOk(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: [{ Key, Value: 1 }] }), `a counter key of ${keyBytes.max} UTF-8 bytes`);
  },
);

defineCheck(
  { operation: 'update_group_counter', check: 'counter-key-past-byte-limit', groupType: 'Public', evidence: 'limit:counter.key.maxBytes#exceeded', title: `a ${keyBytes.max + 1}-byte multi-byte counter key is refused` },
  async (ctx) => {
    const group = await ctx.createGroup();
    const Key = textOfUtf8Bytes(keyBytes.max + 1);
    await expectRefusalChangesNothing(ctx, group.groupId, 'counters', async () => {
      ctx.expectErrorCode(await ctx.call('update_group_counter', { GroupId: group.groupId, Mode: 'Set', GroupCounter: [{ Key, Value: 1 }] }), keyBytes.exceeded, `a counter key of ${keyBytes.max + 1} UTF-8 bytes (${Key.length} UTF-16 units)`);
    }, `a counter key of ${keyBytes.max + 1} bytes`);
  },
);
