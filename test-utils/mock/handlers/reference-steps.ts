/**
 * The reference behaviour of each replaceable handler step (handler-types.ts, HandlerSteps):
 * what the documented server does at that point. The handlers call these through `ctx.steps`.
 */
import { utf8Bytes } from '../../contract/bytes.ts';
import { toInt64Candidate } from '../json-int64.ts';
import { SlidingWindow } from '../rate-window.ts';
import { isWellFormedGroupId } from './context.ts';
import type { HandlerSteps } from './handler-types.ts';

export const REFERENCE_HANDLER_STEPS: HandlerSteps = {
  // Groups: every app has its own groups; a group is refused for a type its operation does not support.
  appHasCountersEdition: (ctx) => ctx.app.app.countersEdition,
  readGroupId: (sent) => sent,
  groupIdIsWellFormed: isWellFormedGroupId,
  lookUpGroup: (ctx, groupId) => ctx.app.groups.get(groupId),
  groupTypeRefusal: (ctx, group) => ctx.op.groupTypeRejection[group.type],
  // Audio-video groups take no members at creation (members join through the SDK); an empty list adds nobody.
  memberListRefused: (type, memberList) => type === 'AVChatRoom' && Array.isArray(memberList) && memberList.length > 0,
  // A new group starts empty, whatever an earlier group of that id held.
  initNewGroup: () => {},
  destroyGroup: (ctx, group) => {
    // The group's own app holds it (the caller's; see lookUpGroup).
    for (const app of [ctx.app, ...(ctx.allApps ?? [])])
      if (app.groups.get(group.groupId) === group) app.groups.delete(group.groupId);
  },

  // Sizes in UTF-8 bytes; a limit is broken one past its maximum.
  measureText: utf8Bytes,
  exceedsLimit: (_limit, size, max) => size > max,
  attrKeyTooLongCode: (rules) => rules.limits.attrKeyBytes.code,

  // Attributes: each group has its own; values stored as sent; keys compared exactly.
  attrStoreOf: (_ctx, group) => group,
  storeAttrValue: (value) => value,
  upsertAttr: (attrs, key, value) => {
    attrs.set(key, value);
  },
  replacesWholeSet: (mode) => mode === 'set',
  countsAsAttrWrite: (op) => op.countsAsAttrWrite,
  attrWriteRate: (perSecond) => ({ max: perSecond, windowMs: 1000 }),
  attrWriteWindow: (_ctx, group, rate) => (group.attrWrites ??= new SlidingWindow(rate.max, rate.windowMs)),
  // A write past the key limit is refused by the limit check, never made to fit.
  makeRoomForNewKeys: (_ctx, resulting) => resulting,
  // The limits hold for the set the write leaves; what a write removed no longer counts.
  attrsCountedForLimits: (write) => write.resulting,
  keySlotsHeld: () => [],
  attrTotalBytes: (ctx, _write, counted) => {
    let total = 0;
    for (const value of counted.values()) total += ctx.steps.measureText(value);
    return total;
  },
  // A refused write stores nothing.
  applyRefusedWrite: (_ctx, _write, failure) => failure,
  forgetRemovedAttrs: () => {},
  storeAttrs: (_ctx, group, next) => {
    group.attrs = next;
    let total = 0;
    for (const value of next.values()) total += Buffer.byteLength(value, 'utf8');
    group.attrValueBytes = total;
  },
  // Reads see the state as the last write left it.
  readAttrs: (_ctx, group) => [...group.attrs],
  attrListFields: (GroupAttrAry) => ({ GroupAttrAry }),
  missingAttrKeys: (group, keys) => keys.filter((key) => !group.attrs.has(key)),
  attrsAfterDelete: (group, keys) => {
    const next = new Map(group.attrs);
    for (const key of keys) next.delete(key);
    return next;
  },
  clearAttrs: (ctx, group) => {
    ctx.steps.forgetRemovedAttrs(group, [...group.attrs.keys()], 'clear');
    ctx.steps.storeAttrs(ctx, group, new Map(), 'clear');
  },

  // Counters: Key/Value entries with exact integers; a JSON integer literal is the only Value.
  readsEveryCounter: (keys) => keys === null,
  readCounters: (_ctx, group) => group.counters,
  shownCounterValue: (value) => value,
  counterEntry: (key, shown) => ({ Key: key, Value: shown }),
  counterValueFromJson: toInt64Candidate,
  // An update is all or nothing: a refused item, or a result out of range, changes no counter.
  counterItemRefused: (_ctx, _group, _itemsBefore, failure) => failure,
  missingCounterValue: () => 0n,
  counterResult: (mode, current, value) =>
    mode === 'Set' ? value : mode === 'Increase' ? current + value : current - value,
  countersCounted: (_group, next) => next.size,
  counterWriteRefused: (_ctx, _group, _next, failure) => failure,
  counterRemoved: () => {},
  storeCounters: (_ctx, group, next) => {
    group.counters = next;
  },
  // No keys, or an empty list, deletes every counter; listed keys the group lacks are ignored.
  countersToDelete: (group, keys) => (keys === null || keys.length === 0 ? [...group.counters.keys()] : [...keys]),
};
