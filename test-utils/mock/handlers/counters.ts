/**
 * Group counters: get, update (Set / Increase / Decrease in signed 64-bit, BigInt throughout)
 * and delete (all when no keys or an empty list; unknown keys ignored). Every counter operation
 * first checks the app's edition (10059). Counter responses use `Key`/`Value` (capitalised),
 * unlike the attributes' `key`/`value`, and carry their values as exact JSON integers.
 */
import { deviates, exceedsLimit, measureForLimit } from '../deviations.ts';
import type { DeviationSet } from '../deviations.ts';
import { toInt64Candidate } from '../json-int64.ts';
import { checkEdition, fail, isFailure, OK, opCaseCode, resolveGroup } from './context.ts';
import type { HandlerContext, HandlerFailure, OperationHandler } from './context.ts';
import type { MockGroup } from '../state.ts';

const MODES = new Set(['Set', 'Increase', 'Decrease']);

function counterEntries(group: MockGroup, keys: Iterable<string>, deviations: DeviationSet): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  const lower = deviates(deviations, 'shapes.counter-key-value-lowercase');
  const asString = deviates(deviations, 'shapes.counter-value-as-string');
  for (const key of keys) {
    const value = group.counters.get(key);
    if (value === undefined) continue;
    const shown = asString ? String(value) : value;
    entries.push(lower ? { key, value: shown } : { Key: key, Value: shown });
  }
  return entries;
}

/** GroupCounterKeys: absent (null) or an array of strings; anything else is 10004. */
function readKeyList(ctx: HandlerContext): string[] | null | HandlerFailure {
  const keys = ctx.body['GroupCounterKeys'];
  if (keys === undefined || keys === null) return null;
  if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string')) {
    return fail(
      opCaseCode(ctx, 'keys-not-strings', ctx.rules.codes.invalidParameter),
      'GroupCounterKeys must be an array of strings',
    );
  }
  return keys as string[];
}

function groupWithEdition(ctx: HandlerContext): MockGroup | HandlerFailure {
  return checkEdition(ctx) ?? resolveGroup(ctx);
}

export const getGroupCounter: OperationHandler = (ctx) => {
  const group = groupWithEdition(ctx);
  if (isFailure(group)) return group;
  const keys = readKeyList(ctx);
  if (isFailure(keys)) return keys;
  const everyKey = keys === null || deviates(ctx.deviations, 'semantics.get-counter-ignores-keys');
  if (everyKey && deviates(ctx.deviations, 'state.counter-read-cache-skips-delete')) {
    // A read cache of the whole list that update refreshes and delete forgets to.
    group.counterReadCache ??= [...group.counters];
    const cached = { ...group, counters: new Map(group.counterReadCache) };
    return {
      code: 0,
      fields: { GroupCounter: counterEntries(cached, cached.counters.keys(), ctx.deviations) },
      exact: true,
    };
  }
  const GroupCounter = counterEntries(group, everyKey ? group.counters.keys() : new Set(keys), ctx.deviations);
  return { code: 0, fields: { GroupCounter }, exact: true };
};

interface CounterItem {
  key: string;
  value: bigint;
}

/** What a deviating server makes of a non-integer Value before the integer check. */
function laxCounterValue(value: unknown, deviations: DeviationSet): unknown {
  if (typeof value === 'number' && Number.isFinite(value) && deviates(deviations, 'counters.float-value-truncated'))
    return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value) && deviates(deviations, 'counters.string-value-parsed'))
    return Number(value);
  return value;
}

/** Items read before the first refused one, for the partial-batch deviation. */
let itemsBeforeFailure: CounterItem[] = [];

function readCounterItems(ctx: HandlerContext): CounterItem[] | HandlerFailure {
  itemsBeforeFailure = [];
  const { codes, limits } = ctx.rules;
  const list = ctx.body['GroupCounter'];
  if (!Array.isArray(list) || list.length === 0) {
    return fail(
      opCaseCode(ctx, 'empty-counter-list', codes.invalidParameter),
      'GroupCounter must be a non-empty array',
    );
  }
  const itemCode = opCaseCode(ctx, 'item-not-key-value', codes.invalidParameter);
  const items: CounterItem[] = [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return fail(itemCode, 'GroupCounter items must be objects');
    const { Key, Value } = entry as Record<string, unknown>;
    if (typeof Key !== 'string' || Key.length === 0)
      return fail(itemCode, 'GroupCounter item Key must be a non-empty string');
    if (
      !deviates(ctx.deviations, 'limits.counter-key-length-unchecked') &&
      exceedsLimit(
        measureForLimit(Key, ctx.deviations),
        limits.counterKeyBytes.max,
        ctx.deviations,
        'limits.counter-key-off-by-one',
      )
    ) {
      return fail(limits.counterKeyBytes.code, `counter key longer than ${limits.counterKeyBytes.max} bytes`);
    }
    // A deviating server makes something of a non-integer Value, or parses it as a double.
    const lax = laxCounterValue(Value, ctx.deviations);
    const value =
      deviates(ctx.deviations, 'counters.value-parsed-as-double') && typeof lax === 'bigint'
        ? BigInt(Number(lax))
        : toInt64Candidate(lax);
    if (value === null) return fail(limits.counterValue.code, 'GroupCounter item Value must be an integer');
    if (value < limits.counterValue.min || value > limits.counterValue.max) {
      return fail(limits.counterValue.code, 'GroupCounter item Value is outside the signed 64-bit range');
    }
    items.push({ key: Key, value });
    itemsBeforeFailure = items;
  }
  return items;
}

/** The partial-batch deviation: the items before the refused one are applied (Set/Increase/Decrease). */
function applyItemsBeforeRefused(
  ctx: HandlerContext,
  group: MockGroup,
  items: CounterItem[],
  failure: HandlerFailure,
): HandlerFailure {
  if (!deviates(ctx.deviations, 'state.counter-update-applies-items-before-refused')) return failure;
  const mode = ctx.body['Mode'] ?? 'Set';
  const { counterValue } = ctx.rules.limits;
  const next = new Map(group.counters);
  for (const { key, value } of items) {
    const current = next.get(key) ?? 0n;
    const result = mode === 'Increase' ? current + value : mode === 'Decrease' ? current - value : value;
    if (result < counterValue.min || result > counterValue.max) break;
    next.set(key, result);
  }
  group.counters = next;
  group.counterReadCache = undefined;
  return failure;
}

/** Mode omitted (or null) counts as Set — the pages disagree on whether it is required. */
function readMode(ctx: HandlerContext): string | HandlerFailure {
  const mode = ctx.body['Mode'];
  if (mode === undefined || mode === null) return 'Set';
  if (typeof mode !== 'string' || !MODES.has(mode)) {
    return fail(
      opCaseCode(ctx, 'mode-invalid', ctx.rules.codes.invalidParameter),
      'Mode must be Set, Increase or Decrease',
    );
  }
  return mode;
}

export const updateGroupCounter: OperationHandler = (ctx) => {
  const group = groupWithEdition(ctx);
  if (isFailure(group)) return group;
  const items = readCounterItems(ctx);
  if (isFailure(items)) return applyItemsBeforeRefused(ctx, group, itemsBeforeFailure, items);
  const mode = readMode(ctx);
  if (isFailure(mode)) return mode;

  const { counterValue, counterKeyCount } = ctx.rules.limits;
  const next = new Map(group.counters);
  for (const { key, value } of items) {
    // A missing key starts at 0 for Increase and Decrease.
    // A deleted counter resumes from its old value on a deviating server.
    const missing =
      (deviates(ctx.deviations, 'state.deleted-counter-resumes') ? group.leftovers.counters.get(key) : undefined) ??
      (deviates(ctx.deviations, 'semantics.missing-counter-starts-at-one') ? 1n : 0n);
    const current = next.get(key) ?? missing;
    const unbounded =
      mode === 'Set' || (mode === 'Increase' && deviates(ctx.deviations, 'semantics.increase-as-set'))
        ? value
        : mode === 'Increase' || deviates(ctx.deviations, 'semantics.decrease-adds')
          ? current + value
          : current - value;
    const result = deviates(ctx.deviations, 'counters.int64-overflow-wraps') ? BigInt.asIntN(64, unbounded) : unbounded;
    if (result < counterValue.min || result > counterValue.max) {
      const refusal = fail(counterValue.code, `counter ${mode} would leave the signed 64-bit range`);
      return refusedCounterWrite(
        ctx,
        group,
        next,
        applyItemsBeforeRefused(
          ctx,
          group,
          items.slice(
            0,
            items.findIndex((item) => item.key === key && item.value === value),
          ),
          refusal,
        ),
      );
    }
    next.set(key, result);
  }
  if (countersOverLimit(ctx, group, next, items))
    return refusedCounterWrite(
      ctx,
      group,
      next,
      fail(counterKeyCount.code, `more than ${counterKeyCount.max} counters`),
    );
  group.counters = next;
  group.counterReadCache = undefined;
  const GroupCounter = counterEntries(group, new Set(items.map((item) => item.key)), ctx.deviations);
  return { code: 0, fields: { GroupCounter }, exact: true };
};

/** The counter-count limit on the state after the write (deviations: unchecked, on the request, deleted ones still counted). */
function countersOverLimit(
  ctx: HandlerContext,
  group: MockGroup,
  next: Map<string, bigint>,
  items: CounterItem[],
): boolean {
  if (deviates(ctx.deviations, 'limits.counter-count-unchecked')) return false;
  let counted = deviates(ctx.deviations, 'limits.counter-count-on-request')
    ? new Set(items.map((item) => item.key)).size
    : next.size;
  if (deviates(ctx.deviations, 'state.deleted-counter-still-counted'))
    counted += [...group.leftovers.counters.keys()].filter((key) => !next.has(key)).length;
  return exceedsLimit(counted, ctx.rules.limits.counterKeyCount.max, ctx.deviations, 'limits.counter-count-off-by-one');
}

/** The refusal, after storing the write all the same on a server with that deviation. */
function refusedCounterWrite(
  ctx: HandlerContext,
  group: MockGroup,
  next: Map<string, bigint>,
  failure: HandlerFailure,
): HandlerFailure {
  if (deviates(ctx.deviations, 'state.refused-counter-write-stored')) {
    group.counters = next;
    group.counterReadCache = undefined;
  }
  return failure;
}

/** Removes counters; a deviating server remembers their values (to resume them, or to count them). */
function removeCounters(ctx: HandlerContext, group: MockGroup, keys: Iterable<string>): void {
  const remembers =
    deviates(ctx.deviations, 'state.deleted-counter-resumes') ||
    deviates(ctx.deviations, 'state.deleted-counter-still-counted');
  const next = new Map(group.counters);
  for (const key of keys) {
    const old = next.get(key);
    if (old !== undefined && remembers) group.leftovers.counters.set(key, old);
    next.delete(key);
  }
  group.counters = next;
}

export const deleteGroupCounter: OperationHandler = (ctx) => {
  const group = groupWithEdition(ctx);
  if (isFailure(group)) return group;
  const keys = readKeyList(ctx);
  if (isFailure(keys)) return keys;
  // The reference forgets any read cache on delete; the read-cache deviation does not.
  if (!deviates(ctx.deviations, 'state.counter-read-cache-skips-delete')) group.counterReadCache = undefined;
  if (keys === null || keys.length === 0) {
    const keep =
      deviates(ctx.deviations, 'semantics.delete-counter-without-keys-deletes-nothing') ||
      (keys !== null && deviates(ctx.deviations, 'semantics.delete-counter-empty-keys-deletes-nothing'));
    if (!keep) removeCounters(ctx, group, [...group.counters.keys()]);
    return OK;
  }
  // The prefix deviation also deletes every counter whose key starts with a listed one.
  const prefixed = deviates(ctx.deviations, 'state.delete-counter-prefix-match')
    ? [...group.counters.keys()].filter((existing) => keys.some((key) => existing.startsWith(key)))
    : [];
  removeCounters(ctx, group, [...keys, ...prefixed]);
  return OK;
};
