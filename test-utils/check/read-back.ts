/**
 * Reading a group's state back, for the checks of "a refused write changes nothing" and "a
 * removed thing is gone": the attributes or counters as sorted plain data (order is not
 * specified, so it never counts), compared before and after a request.
 *
 * Counter values are read from the response text so a signed 64-bit value compares exactly
 * (a JavaScript number would round values past 2^53 and hide a wrapped counter).
 */
import type { AppChoice } from '../fixtures/client-port.ts';
import { callPastCallRateBursts } from './call-rate-retry.ts';
import type { CheckContext } from './context.ts';
import type { ResponseLike } from './expectations.ts';

export type StateFamily = 'attrs' | 'counters';

export interface ReadBack {
  result: ResponseLike;
  /** attrs: [key, value]; counters: [Key, Value as decimal text]; sorted by key. */
  entries: Array<[string, string]>;
}

/** Counter Values as JSON strings, so JSON.parse keeps every digit. */
function exactCounterValues(rawText: string): string {
  return rawText.replace(/("Value"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/g, '$1"$2"');
}

const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** get_group_attr or get_group_counter of the group, as sorted entries; fails the check unless OK. */
export async function readGroupState(
  ctx: CheckContext,
  groupId: string,
  family: StateFamily,
  app?: AppChoice,
): Promise<ReadBack> {
  const options = app === undefined ? {} : { app };
  if (family === 'attrs') {
    const result = await callPastCallRateBursts(ctx, 'get_group_attr', { GroupId: groupId }, options);
    const body = ctx.expectOk<{ GroupAttrAry?: Array<{ key: string; value: string }> }>(
      result,
      'get_group_attr reads the attributes back',
    );
    return { result, entries: (body.GroupAttrAry ?? []).map((a): [string, string] => [a.key, a.value]).sort(byKey) };
  }
  const result = await callPastCallRateBursts(ctx, 'get_group_counter', { GroupId: groupId }, options);
  ctx.expectOk(result, 'get_group_counter reads the counters back');
  let exact: { GroupCounter?: Array<{ Key: string; Value: string }> };
  try {
    exact = JSON.parse(exactCounterValues(result.rawText)) as typeof exact;
  } catch {
    exact = result.body as typeof exact;
  }
  return {
    result,
    entries: (exact.GroupCounter ?? []).map((c): [string, string] => [c.Key, String(c.Value)]).sort(byKey),
  };
}

/** The state read back equals `wanted` (sorted [key, value] pairs). */
export function expectStateEquals(
  ctx: CheckContext,
  read: ReadBack,
  wanted: Array<[string, string]>,
  expected: string,
): void {
  ctx.expectEqual(read.result, read.entries, [...wanted].sort(byKey), expected);
}

/**
 * Reads the state, runs the refused request (which asserts its own answer), reads the state
 * again and fails unless it is exactly what it was: a refused request changes nothing.
 */
export async function expectRefusalChangesNothing(
  ctx: CheckContext,
  groupId: string,
  family: StateFamily,
  refuse: () => Promise<unknown>,
  what: string,
  app?: AppChoice,
): Promise<void> {
  const before = await readGroupState(ctx, groupId, family, app);
  await refuse();
  const after = await readGroupState(ctx, groupId, family, app);
  expectStateEquals(
    ctx,
    after,
    before.entries,
    `${what} is refused and changes nothing: reading back gives exactly the ${family === 'attrs' ? 'attributes' : 'counters'} before it`,
  );
}
