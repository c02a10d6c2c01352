/**
 * Group counters: get, update (Set / Increase / Decrease in signed 64-bit, BigInt throughout)
 * and delete (all when no keys or an empty list; unknown keys ignored). Every counter operation
 * first checks the app's edition (10059). Counter responses use `Key`/`Value` (capitalised),
 * unlike the attributes' `key`/`value`, and carry their values as exact JSON integers.
 */
import type { MockGroup } from '../state.ts';
import { checkEdition, fail, isFailure, OK, opCaseCode, resolveGroup } from './context.ts';
import type { CounterItem, CounterMode, HandlerContext, HandlerFailure, OperationHandler } from './handler-types.ts';

const MODES: ReadonlySet<string> = new Set<CounterMode>(['Set', 'Increase', 'Decrease']);

/** The answer's GroupCounter list: the listed keys the counters hold, in the order given. */
function counterEntries(
  ctx: HandlerContext,
  counters: ReadonlyMap<string, bigint>,
  keys: Iterable<string>,
): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const key of keys) {
    const value = counters.get(key);
    if (value !== undefined) entries.push(ctx.steps.counterEntry(key, ctx.steps.shownCounterValue(value)));
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
  const everyKey = ctx.steps.readsEveryCounter(keys);
  const counters = ctx.steps.readCounters(ctx, group, everyKey);
  const GroupCounter = counterEntries(ctx, counters, everyKey ? counters.keys() : new Set(keys));
  return { code: 0, fields: { GroupCounter }, exact: true };
};

/** The items of GroupCounter: those read before the first refused one, and its refusal (or null). */
function readCounterItems(ctx: HandlerContext): { items: CounterItem[]; failure: HandlerFailure | null } {
  const { codes, limits } = ctx.rules;
  const list = ctx.body['GroupCounter'];
  const items: CounterItem[] = [];
  const refused = (failure: HandlerFailure): { items: CounterItem[]; failure: HandlerFailure } => ({ items, failure });
  if (!Array.isArray(list) || list.length === 0) {
    return refused(
      fail(opCaseCode(ctx, 'empty-counter-list', codes.invalidParameter), 'GroupCounter must be a non-empty array'),
    );
  }
  const itemCode = opCaseCode(ctx, 'item-not-key-value', codes.invalidParameter);
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return refused(fail(itemCode, 'GroupCounter items must be objects'));
    const { Key, Value } = entry as Record<string, unknown>;
    if (typeof Key !== 'string' || Key.length === 0)
      return refused(fail(itemCode, 'GroupCounter item Key must be a non-empty string'));
    if (ctx.steps.exceedsLimit('counterKeyBytes', ctx.steps.measureText(Key), limits.counterKeyBytes.max))
      return refused(fail(limits.counterKeyBytes.code, `counter key longer than ${limits.counterKeyBytes.max} bytes`));
    const value = ctx.steps.counterValueFromJson(Value);
    if (value === null) return refused(fail(limits.counterValue.code, 'GroupCounter item Value must be an integer'));
    if (value < limits.counterValue.min || value > limits.counterValue.max) {
      return refused(fail(limits.counterValue.code, 'GroupCounter item Value is outside the signed 64-bit range'));
    }
    items.push({ key: Key, value });
  }
  return { items, failure: null };
}

/** Mode omitted (or null) counts as Set — the pages disagree on whether it is required. */
function readMode(ctx: HandlerContext): CounterMode | HandlerFailure {
  const mode = ctx.body['Mode'];
  if (mode === undefined || mode === null) return 'Set';
  if (typeof mode !== 'string' || !MODES.has(mode)) {
    return fail(
      opCaseCode(ctx, 'mode-invalid', ctx.rules.codes.invalidParameter),
      'Mode must be Set, Increase or Decrease',
    );
  }
  return mode as CounterMode;
}

/** The items before the first one equal to `item`. */
function itemsBefore(items: readonly CounterItem[], item: CounterItem): CounterItem[] {
  return items.slice(
    0,
    items.findIndex((other) => other.key === item.key && other.value === item.value),
  );
}

export const updateGroupCounter: OperationHandler = (ctx) => {
  const group = groupWithEdition(ctx);
  if (isFailure(group)) return group;
  const { items, failure } = readCounterItems(ctx);
  if (failure !== null) return ctx.steps.counterItemRefused(ctx, group, items, failure);
  const mode = readMode(ctx);
  if (isFailure(mode)) return mode;

  const { counterValue, counterKeyCount } = ctx.rules.limits;
  const next = new Map(group.counters);
  for (const item of items) {
    const current = next.get(item.key) ?? ctx.steps.missingCounterValue(group, item.key);
    const result = ctx.steps.counterResult(mode, current, item.value);
    if (result < counterValue.min || result > counterValue.max) {
      const refusal = fail(counterValue.code, `counter ${mode} would leave the signed 64-bit range`);
      return ctx.steps.counterWriteRefused(
        ctx,
        group,
        next,
        ctx.steps.counterItemRefused(ctx, group, itemsBefore(items, item), refusal),
      );
    }
    next.set(item.key, result);
  }
  const counted = ctx.steps.countersCounted(group, next, items);
  if (ctx.steps.exceedsLimit('counterKeyCount', counted, counterKeyCount.max))
    return ctx.steps.counterWriteRefused(
      ctx,
      group,
      next,
      fail(counterKeyCount.code, `more than ${counterKeyCount.max} counters`),
    );
  ctx.steps.storeCounters(ctx, group, next, 'update');
  const GroupCounter = counterEntries(ctx, group.counters, new Set(items.map((item) => item.key)));
  return { code: 0, fields: { GroupCounter }, exact: true };
};

export const deleteGroupCounter: OperationHandler = (ctx) => {
  const group = groupWithEdition(ctx);
  if (isFailure(group)) return group;
  const keys = readKeyList(ctx);
  if (isFailure(keys)) return keys;
  const next = new Map(group.counters);
  for (const key of ctx.steps.countersToDelete(group, keys)) {
    const old = next.get(key);
    if (old !== undefined) ctx.steps.counterRemoved(group, key, old);
    next.delete(key);
  }
  ctx.steps.storeCounters(ctx, group, next, 'delete');
  return OK;
};

/** The operations this module answers, by operationId. */
export const COUNTER_HANDLERS: Readonly<Record<string, OperationHandler>> = {
  get_group_counter: getGroupCounter,
  update_group_counter: updateGroupCounter,
  delete_group_counter: deleteGroupCounter,
};
