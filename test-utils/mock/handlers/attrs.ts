/**
 * Group custom attributes: get, modify (upsert), set (replace), delete (10050 on a missing
 * key) and clear. Order of checks in a write: group (10004/10015/10010/10007), the items' shape
 * (10004), per-item sizes (10045/10046), the per-group write rate (10049), then the limits on the
 * state after the write (10047/10048); nothing is written unless every check passes.
 */
import {
  attrKeyTooLongCode,
  attrLimitsApplyAfterWrite,
  attrWriteWindow,
  deviates,
  exceedsLimit,
  keepsRemovedKeySlots,
  measureForLimit,
} from '../deviations.ts';
import type { MockGroup } from '../state.ts';
import { SlidingWindow } from '../rate-window.ts';
import { fail, isFailure, OK, opCaseCode, requiredCaseCode, resolveGroup } from './context.ts';
import type { HandlerContext, HandlerFailure, HandlerResult, OperationHandler } from './context.ts';

interface AttrItem {
  key: string;
  value: string;
}

/** GroupAttr: a non-empty array of {key[, value]} with string members (10004 otherwise). */
function readItems(ctx: HandlerContext, withValue: boolean): AttrItem[] | HandlerFailure {
  const { codes } = ctx.rules;
  const list = ctx.body['GroupAttr'];
  if (!Array.isArray(list) || list.length === 0) {
    return fail(opCaseCode(ctx, 'empty-attr-list', codes.invalidParameter), 'GroupAttr must be a non-empty array');
  }
  const itemCode = opCaseCode(
    ctx,
    withValue ? 'item-not-key-value-strings' : 'item-not-key-string',
    codes.invalidParameter,
  );
  const items: AttrItem[] = [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return fail(itemCode, 'GroupAttr items must be objects');
    const { key, value } = entry as Record<string, unknown>;
    if (typeof key !== 'string' || key.length === 0)
      return fail(itemCode, 'GroupAttr item key must be a non-empty string');
    if (withValue && typeof value !== 'string') return fail(itemCode, 'GroupAttr item value must be a string');
    items.push({ key, value: withValue ? (value as string) : '' });
  }
  return items;
}

function checkItemSizes(ctx: HandlerContext, items: AttrItem[], withValue: boolean): HandlerFailure | null {
  const { limits, codes } = ctx.rules;
  for (const { key, value } of items) {
    if (
      exceedsLimit(
        measureForLimit(key, ctx.deviations),
        limits.attrKeyBytes.max,
        ctx.deviations,
        'limits.attr-key-off-by-one',
      )
    ) {
      return fail(
        attrKeyTooLongCode(limits.attrKeyBytes.code, codes.invalidParameter, ctx.deviations),
        `attribute key longer than ${limits.attrKeyBytes.max} bytes`,
      );
    }
    if (
      withValue &&
      exceedsLimit(
        measureForLimit(value, ctx.deviations),
        limits.attrValueBytes.max,
        ctx.deviations,
        'limits.attr-value-off-by-one',
      )
    ) {
      return fail(limits.attrValueBytes.code, `attribute value longer than ${limits.attrValueBytes.max} bytes`);
    }
  }
  return null;
}

/** Admits one write into the group's sliding window, or answers 10049 without writing. */
function admitWrite(ctx: HandlerContext, group: MockGroup): HandlerFailure | null {
  if (!ctx.rateLimits || !ctx.op.countsAsAttrWrite || deviates(ctx.deviations, 'rates.no-group-write-limit'))
    return null;
  if (ctx.op.contract.operationId === 'delete_group_attr' && deviates(ctx.deviations, 'rates.delete-not-counted'))
    return null;
  const perSecond = ctx.op.groupWritesPerSecond ?? ctx.rules.limits.attrWritesPerSecond.max;
  const { max, windowMs, perApp } = attrWriteWindow(perSecond, ctx.deviations);
  const window = perApp
    ? (ctx.app.appAttrWrites ??= new SlidingWindow(max, windowMs))
    : (group.attrWrites ??= new SlidingWindow(max, windowMs));
  if (window.tryAdmit(ctx.nowMs)) return null;
  return fail(
    ctx.rules.limits.attrWritesPerSecond.code,
    `more than ${perSecond} attribute writes per second on this group`,
  );
}

/** The 16-key and 16000-byte limits, on the attribute set the write would leave. */
function checkResultingSet(
  ctx: HandlerContext,
  group: MockGroup,
  resulting: Map<string, string>,
  requested: Map<string, string>,
  replaces: boolean,
): HandlerFailure | null {
  const { limits } = ctx.rules;
  const counted = attrLimitsApplyAfterWrite(ctx.deviations) ? resulting : requested;
  // A deviating server still counts keys and bytes a clear, set or delete removed (always none in the reference).
  const { leftovers } = group;
  const kept = new Set(leftovers.keys);
  if (replaces && keepsRemovedKeySlots(ctx.deviations, 'set')) for (const key of group.attrs.keys()) kept.add(key);
  const keptKeys = [...kept].filter((key) => !counted.has(key)).length;
  if (
    exceedsLimit(counted.size + keptKeys, limits.attrKeyCount.max, ctx.deviations, 'limits.attr-key-count-off-by-one')
  )
    return fail(limits.attrKeyCount.code, `more than ${limits.attrKeyCount.max} attribute keys`);
  let total = leftovers.bytes;
  const totalled = deviates(ctx.deviations, 'limits.attr-total-on-state-before-write') ? group.attrs : counted;
  for (const value of totalled.values()) total += measureForLimit(value, ctx.deviations);
  if (exceedsLimit(total, limits.attrTotalBytes.max, ctx.deviations, 'limits.attr-total-off-by-one'))
    return fail(limits.attrTotalBytes.code, `attribute values add up to more than ${limits.attrTotalBytes.max} bytes`);
  return null;
}

function replaceAttrs(group: MockGroup, next: Map<string, string>, keepReadCache = false): void {
  if (!keepReadCache) group.attrReadCache = undefined;
  group.attrs = next;
  let total = 0;
  for (const value of next.values()) total += Buffer.byteLength(value, 'utf8');
  group.attrValueBytes = total;
}

/** Where a group's attributes live: the group itself, or (deviation) one store shared by the app. */
function attrGroup(ctx: HandlerContext): MockGroup | HandlerFailure {
  const group = resolveGroup(ctx);
  if (isFailure(group) || !deviates(ctx.deviations, 'state.attrs-shared-across-groups')) return group;
  return ctx.app.groups.values().next().value ?? group;
}

/** A value as a deviating server stores it (trimmed, or with astral characters as '?'). */
function storedValue(ctx: HandlerContext, value: string): string {
  let stored = value;
  if (deviates(ctx.deviations, 'state.attr-value-trimmed')) stored = stored.trim();
  if (deviates(ctx.deviations, 'state.text-stored-as-utf8mb3'))
    stored = stored.replace(/[\u{10000}-\u{10FFFF}]/gu, '?');
  return stored;
}

/** Upserts `requested` into `base`; with the case deviation a key differing only in case replaces the old one. */
function mergeAttrs(
  ctx: HandlerContext,
  base: Map<string, string>,
  requested: Map<string, string>,
): Map<string, string> {
  const merged = new Map(base);
  for (const [key, value] of requested) {
    if (deviates(ctx.deviations, 'state.attr-keys-case-insensitive')) {
      for (const existing of [...merged.keys()])
        if (existing !== key && existing.toLowerCase() === key.toLowerCase()) merged.delete(existing);
    }
    merged.set(key, value);
  }
  return merged;
}

/** The deviation that stores the items before the first one too long, then answers its error. */
function storeItemsBeforeRefused(
  ctx: HandlerContext,
  group: MockGroup,
  items: AttrItem[],
  failure: HandlerFailure,
): HandlerFailure {
  const before: AttrItem[] = [];
  for (const item of items) {
    if (checkItemSizes(ctx, [item], true)) break;
    before.push(item);
  }
  if (before.length > 0)
    replaceAttrs(group, mergeAttrs(ctx, group.attrs, new Map(before.map((i) => [i.key, storedValue(ctx, i.value)]))));
  return failure;
}

/** The deviation that drops the oldest keys instead of refusing a write past the key limit. */
function evictOldest(ctx: HandlerContext, resulting: Map<string, string>): Map<string, string> {
  const max = ctx.rules.limits.attrKeyCount.max;
  const kept = new Map(resulting);
  for (const key of resulting.keys()) {
    if (kept.size <= max) break;
    kept.delete(key);
  }
  return kept;
}

/** Stores a write; set may leave the keys it dropped counted (deviation). */
function storeWrite(
  ctx: HandlerContext,
  group: MockGroup,
  resulting: Map<string, string>,
  replaces: boolean,
  keepReadCache = false,
): void {
  if (replaces && keepsRemovedKeySlots(ctx.deviations, 'set'))
    for (const key of group.attrs.keys()) if (!resulting.has(key)) group.leftovers.keys.add(key);
  replaceAttrs(group, resulting, keepReadCache);
}

/** The refusal, after storing the write all the same on a server with that deviation. */
function storedAnyway(
  ctx: HandlerContext,
  group: MockGroup,
  resulting: Map<string, string>,
  failure: HandlerFailure,
  replaces: boolean,
): HandlerFailure {
  if (deviates(ctx.deviations, 'state.refused-write-stored')) storeWrite(ctx, group, resulting, replaces);
  return failure;
}

function writeAttrs(ctx: HandlerContext, mode: 'modify' | 'set'): HandlerResult {
  const group = attrGroup(ctx);
  if (isFailure(group)) return group;
  const items = readItems(ctx, true);
  if (isFailure(items)) return items;
  const requested = new Map<string, string>();
  for (const { key, value } of items) requested.set(key, storedValue(ctx, value));
  // The two semantics deviations swap what modify and set do with the keys they do not name.
  const replaces =
    mode === 'set'
      ? !deviates(ctx.deviations, 'semantics.set-merges-like-modify')
      : deviates(ctx.deviations, 'semantics.modify-replaces-like-set');
  let resulting = replaces ? requested : mergeAttrs(ctx, group.attrs, requested);

  const sizeFailure = checkItemSizes(ctx, items, true);
  if (sizeFailure) {
    if (mode === 'modify' && deviates(ctx.deviations, 'state.modify-applies-items-before-refused'))
      return storeItemsBeforeRefused(ctx, group, items, sizeFailure);
    return storedAnyway(ctx, group, resulting, sizeFailure, replaces);
  }
  const rateFailure = admitWrite(ctx, group);
  if (rateFailure) return rateFailure;
  if (deviates(ctx.deviations, 'state.attr-evicts-oldest-past-key-limit')) resulting = evictOldest(ctx, resulting);
  const limitFailure = checkResultingSet(ctx, group, resulting, requested, replaces);
  if (limitFailure) return storedAnyway(ctx, group, resulting, limitFailure, replaces);
  storeWrite(
    ctx,
    group,
    resulting,
    replaces,
    mode === 'set' && deviates(ctx.deviations, 'state.attr-read-cache-skips-set'),
  );
  return OK;
}

export const getGroupAttr: OperationHandler = (ctx) => {
  const group = attrGroup(ctx);
  if (isFailure(group)) return group;
  // The reference reads the state; the read-cache deviations keep the first read until a write path clears it.
  let entries = [...group.attrs];
  if (
    deviates(ctx.deviations, 'state.attr-read-cache-skips-set') ||
    deviates(ctx.deviations, 'state.read-cache-after-clear')
  ) {
    group.attrReadCache ??= entries;
    entries = group.attrReadCache;
  }
  const GroupAttrAry = entries.map(([key, value]) => ({ key, value }));
  return {
    code: 0,
    fields: deviates(ctx.deviations, 'shapes.attr-array-renamed') ? { GroupAttr: GroupAttrAry } : { GroupAttrAry },
  };
};

export const modifyGroupAttr: OperationHandler = (ctx) => writeAttrs(ctx, 'modify');

export const setGroupAttr: OperationHandler = (ctx) => writeAttrs(ctx, 'set');

export const deleteGroupAttr: OperationHandler = (ctx) => {
  const group = attrGroup(ctx);
  if (isFailure(group)) return group;
  const items = readItems(ctx, false);
  if (isFailure(items)) return items;
  const sizeFailure = checkItemSizes(ctx, items, false);
  if (sizeFailure) return sizeFailure;
  const rateFailure = admitWrite(ctx, group);
  if (rateFailure) return rateFailure;
  // All or nothing: one missing key fails the call and deletes none.
  for (const { key } of items) {
    if (!group.attrs.has(key) && !deviates(ctx.deviations, 'semantics.delete-attr-missing-key-ignored'))
      return fail(requiredCaseCode(ctx, 'missing-key'), 'attribute key does not exist');
  }
  const next = new Map(group.attrs);
  for (const { key } of items) next.delete(key);
  if (deviates(ctx.deviations, 'state.delete-attr-keeps-bytes')) {
    for (const { key } of items) group.leftovers.bytes += Buffer.byteLength(group.attrs.get(key) ?? '', 'utf8');
  }
  replaceAttrs(group, deviates(ctx.deviations, 'semantics.delete-attr-removes-all') ? new Map() : next);
  return OK;
};

export const clearGroupAttr: OperationHandler = (ctx) => {
  const group = attrGroup(ctx);
  if (isFailure(group)) return group;
  const rateFailure = admitWrite(ctx, group);
  if (rateFailure) return rateFailure;
  if (deviates(ctx.deviations, 'semantics.clear-is-noop')) return OK;
  if (keepsRemovedKeySlots(ctx.deviations, 'clear'))
    for (const key of group.attrs.keys()) group.leftovers.keys.add(key);
  // The read-cache deviation: clear leaves the cached answer in place.
  replaceAttrs(group, new Map(), deviates(ctx.deviations, 'state.read-cache-after-clear'));
  return OK;
};
