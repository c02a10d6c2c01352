/**
 * update_group_counter on a check's group with counters as JS numbers, and its most common use:
 * setting counters that must be accepted (a check's starting state, or a write whose acceptance
 * is the behaviour). Exact 64-bit and deliberately malformed Values go through updateCountersRaw.
 */
import type { CallResult } from '../client/index.ts';
import type { CheckCallOptions, CheckContext } from './context.ts';

export interface Counter {
  Key: string;
  Value: number;
}

export function updateCounters(
  ctx: CheckContext,
  groupId: string,
  mode: string,
  counters: Counter[],
  opts?: CheckCallOptions,
): Promise<CallResult> {
  return ctx.call('update_group_counter', { GroupId: groupId, Mode: mode, GroupCounter: counters }, opts);
}

/** Mode Set of `counters`; fails the check unless it is accepted. `what` names the write. */
export async function setCounters(
  ctx: CheckContext,
  groupId: string,
  counters: Counter[],
  what: string,
): Promise<void> {
  ctx.expectOk(await updateCounters(ctx, groupId, 'Set', counters), what);
}
