/**
 * Group custom attributes: get, modify (upsert), set (replace), delete (10050 on a missing
 * key) and clear. Order of checks in a write: group (10004/10015/10010/10007), the items' shape
 * (10004), per-item sizes (10045/10046), the per-group write rate (10049), then the limits on the
 * state after the write (10047/10048); nothing is written unless every check passes.
 */
import type { MockGroup } from '../state.ts';
import { fail, isFailure, OK, opCaseCode, requiredCaseCode, resolveGroup } from './context.ts';
import type {
  AttrChange,
  AttrItem,
  AttrWrite,
  HandlerContext,
  HandlerFailure,
  HandlerResult,
  OperationHandler,
} from './handler-types.ts';

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

/** The first item over its size limit (10045 key, 10046 value), or null. */
export function itemSizeFailure(
  ctx: HandlerContext,
  items: readonly AttrItem[],
  withValue: boolean,
): HandlerFailure | null {
  const { limits } = ctx.rules;
  const { steps } = ctx;
  for (const { key, value } of items) {
    if (steps.exceedsLimit('attrKeyBytes', steps.measureText(key), limits.attrKeyBytes.max))
      return fail(steps.attrKeyTooLongCode(ctx.rules), `attribute key longer than ${limits.attrKeyBytes.max} bytes`);
    if (withValue && steps.exceedsLimit('attrValueBytes', steps.measureText(value), limits.attrValueBytes.max))
      return fail(limits.attrValueBytes.code, `attribute value longer than ${limits.attrValueBytes.max} bytes`);
  }
  return null;
}

/** Admits one write into the group's sliding window, or answers 10049 without writing. */
function admitWrite(ctx: HandlerContext, group: MockGroup): HandlerFailure | null {
  if (!ctx.rateLimits || !ctx.steps.countsAsAttrWrite(ctx.op)) return null;
  const perSecond = ctx.op.groupWritesPerSecond ?? ctx.rules.limits.attrWritesPerSecond.max;
  const window = ctx.steps.attrWriteWindow(ctx, group, ctx.steps.attrWriteRate(perSecond));
  if (window.tryAdmit(ctx.nowMs)) return null;
  return fail(
    ctx.rules.limits.attrWritesPerSecond.code,
    `more than ${perSecond} attribute writes per second on this group`,
  );
}

/** The 16-key and 16000-byte limits, on the attribute set the write would leave. */
function resultingSetFailure(ctx: HandlerContext, write: AttrWrite): HandlerFailure | null {
  const { limits } = ctx.rules;
  const counted = ctx.steps.attrsCountedForLimits(write);
  const heldElsewhere = [...new Set(ctx.steps.keySlotsHeld(write))].filter((key) => !counted.has(key)).length;
  if (ctx.steps.exceedsLimit('attrKeyCount', counted.size + heldElsewhere, limits.attrKeyCount.max))
    return fail(limits.attrKeyCount.code, `more than ${limits.attrKeyCount.max} attribute keys`);
  if (
    ctx.steps.exceedsLimit('attrTotalBytes', ctx.steps.attrTotalBytes(ctx, write, counted), limits.attrTotalBytes.max)
  )
    return fail(limits.attrTotalBytes.code, `attribute values add up to more than ${limits.attrTotalBytes.max} bytes`);
  return null;
}

/** Where a group's attributes live (resolveGroup's group, 10004/10015/10010/10007 otherwise). */
function attrGroup(ctx: HandlerContext): MockGroup | HandlerFailure {
  const group = resolveGroup(ctx);
  return isFailure(group) ? group : ctx.steps.attrStoreOf(ctx, group);
}

/** `requested` upserted into `base`. */
export function mergeAttrs(
  ctx: HandlerContext,
  base: ReadonlyMap<string, string>,
  requested: ReadonlyMap<string, string>,
): Map<string, string> {
  const merged = new Map(base);
  for (const [key, value] of requested) ctx.steps.upsertAttr(merged, key, value);
  return merged;
}

/** Stores the set a write leaves; a set first removes the keys it does not name. */
export function storeWrite(ctx: HandlerContext, write: AttrWrite, by: AttrChange): void {
  const { group, resulting } = write;
  if (write.replaces)
    ctx.steps.forgetRemovedAttrs(
      group,
      [...group.attrs.keys()].filter((key) => !resulting.has(key)),
      'set',
    );
  ctx.steps.storeAttrs(ctx, group, resulting, by);
}

function writeAttrs(ctx: HandlerContext, mode: 'modify' | 'set'): HandlerResult {
  const group = attrGroup(ctx);
  if (isFailure(group)) return group;
  const items = readItems(ctx, true);
  if (isFailure(items)) return items;
  const requested = new Map<string, string>();
  for (const { key, value } of items) requested.set(key, ctx.steps.storeAttrValue(value));
  const replaces = ctx.steps.replacesWholeSet(mode);
  const resulting = replaces ? requested : mergeAttrs(ctx, group.attrs, requested);
  const write: AttrWrite = { mode, group, items, requested, resulting, replaces };

  const sizeFailure = itemSizeFailure(ctx, items, true);
  if (sizeFailure) return ctx.steps.applyRefusedWrite(ctx, write, sizeFailure, 'item');
  const rateFailure = admitWrite(ctx, group);
  if (rateFailure) return rateFailure;
  const admitted = { ...write, resulting: ctx.steps.makeRoomForNewKeys(ctx, resulting) };
  const limitFailure = resultingSetFailure(ctx, admitted);
  if (limitFailure) return ctx.steps.applyRefusedWrite(ctx, admitted, limitFailure, 'set');
  storeWrite(ctx, admitted, mode);
  return OK;
}

export const getGroupAttr: OperationHandler = (ctx) => {
  const group = attrGroup(ctx);
  if (isFailure(group)) return group;
  const entries = ctx.steps.readAttrs(ctx, group).map(([key, value]) => ({ key, value }));
  return { code: 0, fields: ctx.steps.attrListFields(entries) };
};

export const modifyGroupAttr: OperationHandler = (ctx) => writeAttrs(ctx, 'modify');

export const setGroupAttr: OperationHandler = (ctx) => writeAttrs(ctx, 'set');

export const deleteGroupAttr: OperationHandler = (ctx) => {
  const group = attrGroup(ctx);
  if (isFailure(group)) return group;
  const items = readItems(ctx, false);
  if (isFailure(items)) return items;
  const sizeFailure = itemSizeFailure(ctx, items, false);
  if (sizeFailure) return sizeFailure;
  const rateFailure = admitWrite(ctx, group);
  if (rateFailure) return rateFailure;
  // All or nothing: one missing key fails the call and deletes none.
  const keys = items.map((item) => item.key);
  if (ctx.steps.missingAttrKeys(group, keys).length > 0)
    return fail(requiredCaseCode(ctx, 'missing-key'), 'attribute key does not exist');
  const next = ctx.steps.attrsAfterDelete(group, keys);
  ctx.steps.forgetRemovedAttrs(group, keys, 'delete');
  ctx.steps.storeAttrs(ctx, group, next, 'delete');
  return OK;
};

export const clearGroupAttr: OperationHandler = (ctx) => {
  const group = attrGroup(ctx);
  if (isFailure(group)) return group;
  const rateFailure = admitWrite(ctx, group);
  if (rateFailure) return rateFailure;
  ctx.steps.clearAttrs(ctx, group);
  return OK;
};

/** The operations this module answers, by operationId. */
export const ATTR_HANDLERS: Readonly<Record<string, OperationHandler>> = {
  get_group_attr: getGroupAttr,
  modify_group_attr: modifyGroupAttr,
  set_group_attr: setGroupAttr,
  delete_group_attr: deleteGroupAttr,
  clear_group_attr: clearGroupAttr,
};
