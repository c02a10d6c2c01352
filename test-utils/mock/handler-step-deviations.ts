/**
 * The deviations of the operation handlers, as data: each names the steps of
 * handlers/reference-steps.ts it replaces or wraps (handlers/handler-types.ts, HandlerSteps).
 * `handlerStepsFor` composes them once when a mock is built.
 */
import { composeSteps, type StepLayer } from './compose-steps.ts';
import type { DeviationSet, KnownDeviation } from './deviations.ts';
import { itemSizeFailure, mergeAttrs, storeWrite } from './handlers/attrs.ts';
import type { AttrChange, AttrItem, CountedLimit, HandlerSteps } from './handlers/handler-types.ts';
import { REFERENCE_HANDLER_STEPS } from './handlers/reference-steps.ts';

/** A deviation of the handlers (or one layer of it): given the steps so far, the steps it replaces or wraps. */
export type HandlerStepDeviation = StepLayer<HandlerSteps>;
import { SlidingWindow } from './rate-window.ts';

/** A limit that also refuses the maximum itself. */
const offByOne =
  (refused: CountedLimit): HandlerStepDeviation =>
  (steps) => ({
    exceedsLimit: (limit, size, max) => (limit === refused ? size >= max : steps.exceedsLimit(limit, size, max)),
  });

/** A limit never checked. */
const unchecked =
  (ignored: CountedLimit): HandlerStepDeviation =>
  (steps) => ({
    exceedsLimit: (limit, size, max) => limit !== ignored && steps.exceedsLimit(limit, size, max),
  });

/** A Community group let through an operation that refuses it. */
const communityAllowed =
  (allowed: (operationId: string) => boolean): HandlerStepDeviation =>
  (steps) => ({
    groupTypeRefusal: (ctx, group) =>
      group.type === 'Community' && allowed(ctx.op.contract.operationId) ? 0 : steps.groupTypeRefusal(ctx, group),
  });

/** A per-group read cache of get_group_attr's answer, forgotten whenever the attributes are stored. */
const attrReadCache: HandlerStepDeviation = (steps) => ({
  readAttrs: (ctx, group) => (group.attrReadCache ??= steps.readAttrs(ctx, group)),
  storeAttrs: (ctx, group, next, by) => {
    group.attrReadCache = undefined;
    steps.storeAttrs(ctx, group, next, by);
  },
});

/** The attribute read cache survives one kind of change (layered on the cache itself). */
const attrCacheKeptBy =
  (kept: AttrChange): HandlerStepDeviation =>
  (steps) => ({
    storeAttrs: (ctx, group, next, by) => {
      const cached = group.attrReadCache;
      steps.storeAttrs(ctx, group, next, by);
      if (by === kept) group.attrReadCache = cached;
    },
  });

/** Removed keys that still take a place toward the key limit. */
const keySlotsKept =
  (by: 'set' | 'clear'): HandlerStepDeviation =>
  (steps) => ({
    forgetRemovedAttrs: (group, keys, removedBy) => {
      if (removedBy === by) for (const key of keys) group.leftovers.keys.add(key);
      steps.forgetRemovedAttrs(group, keys, removedBy);
    },
    keySlotsHeld: (write) => [
      ...steps.keySlotsHeld(write),
      ...write.group.leftovers.keys,
      ...(by === 'set' && write.replaces ? write.group.attrs.keys() : []),
    ],
  });

/** A deleted counter's old value remembered (to resume from, or to count). */
const rememberDeletedCounters: HandlerStepDeviation = (steps) => ({
  counterRemoved: (group, key, old) => {
    group.leftovers.counters.set(key, old);
    steps.counterRemoved(group, key, old);
  },
});

/** A JSON Value of one type turned into a number before the integer check. */
const laxCounterValue =
  (lax: (value: unknown) => unknown): HandlerStepDeviation =>
  (steps) => ({
    counterValueFromJson: (value) => steps.counterValueFromJson(lax(value)),
  });

/**
 * The deviations of the handlers, each one or more layers over the steps so far. Applied in this
 * order (a wrapper after what it wraps); a layer named by two active deviations is applied once.
 */
export const HANDLER_STEP_DEVIATIONS: Partial<
  Record<KnownDeviation, HandlerStepDeviation | readonly HandlerStepDeviation[]>
> = {
  // Groups
  'edition.not-checked': () => ({ appHasCountersEdition: () => true }),
  'groups.group-id-number-coerced': (steps) => ({
    readGroupId: (sent) => steps.readGroupId(typeof sent === 'number' ? String(sent) : sent),
  }),
  'groups.group-id-not-validated': (steps) => ({
    groupIdIsWellFormed: (groupId, maxBytes) => groupId !== '' || steps.groupIdIsWellFormed(groupId, maxBytes),
  }),
  // A server that keys groups by GroupId alone finds another app's group when its own app has none.
  'isolation.groups-shared-across-apps': (steps) => ({
    lookUpGroup: (ctx, groupId) => {
      const own = steps.lookUpGroup(ctx, groupId);
      if (own !== undefined) return own;
      for (const app of ctx.allApps ?? []) {
        const group = app.groups.get(groupId);
        if (group !== undefined) return group;
      }
      return undefined;
    },
  }),
  'group-types.community-clear-attr-allowed': communityAllowed((operationId) => operationId === 'clear_group_attr'),
  'group-types.community-counters-allowed': communityAllowed((operationId) => operationId.endsWith('_group_counter')),
  'groups.avchatroom-members-accepted': () => ({ memberListRefused: () => false }),
  'state.destroyed-group-readable': () => ({ destroyGroup: () => {} }),
  'state.recreated-group-keeps-data': (steps) => ({
    destroyGroup: (ctx, group) => {
      const { attrs, attrValueBytes, counters } = group;
      ctx.app.destroyedData.set(group.groupId, { attrs, attrValueBytes, counters });
      steps.destroyGroup(ctx, group);
    },
    initNewGroup: (ctx, group) => {
      steps.initNewGroup(ctx, group);
      const leftover = ctx.app.destroyedData.get(group.groupId);
      if (leftover) Object.assign(group, leftover);
    },
  }),

  // Sizes and limits
  'limits.count-utf16-units': () => ({ measureText: (text) => text.length }),
  'attr.key-too-long-as-invalid-parameter': () => ({ attrKeyTooLongCode: (rules) => rules.codes.invalidParameter }),
  'limits.attr-key-off-by-one': offByOne('attrKeyBytes'),
  'limits.attr-value-off-by-one': offByOne('attrValueBytes'),
  'limits.attr-key-count-off-by-one': offByOne('attrKeyCount'),
  'limits.attr-total-off-by-one': offByOne('attrTotalBytes'),
  'limits.counter-key-off-by-one': offByOne('counterKeyBytes'),
  'limits.counter-count-off-by-one': offByOne('counterKeyCount'),
  'limits.counter-key-length-unchecked': unchecked('counterKeyBytes'),
  'limits.counter-count-unchecked': unchecked('counterKeyCount'),

  // Attribute writes and their limits
  'state.attrs-shared-across-groups': () => ({
    attrStoreOf: (ctx, group) => ctx.app.groups.values().next().value ?? group,
  }),
  'state.attr-value-trimmed': (steps) => ({ storeAttrValue: (value) => steps.storeAttrValue(value).trim() }),
  'state.text-stored-as-utf8mb3': (steps) => ({
    storeAttrValue: (value) => steps.storeAttrValue(value).replace(/[\u{10000}-\u{10FFFF}]/gu, '?'),
  }),
  'state.attr-keys-case-insensitive': (steps) => ({
    upsertAttr: (attrs, key, value) => {
      for (const existing of [...attrs.keys()])
        if (existing !== key && existing.toLowerCase() === key.toLowerCase()) attrs.delete(existing);
      steps.upsertAttr(attrs, key, value);
    },
  }),
  'semantics.set-merges-like-modify': (steps) => ({
    replacesWholeSet: (mode) => mode !== 'set' && steps.replacesWholeSet(mode),
  }),
  'semantics.modify-replaces-like-set': (steps) => ({
    replacesWholeSet: (mode) => mode === 'modify' || steps.replacesWholeSet(mode),
  }),
  'rates.no-group-write-limit': () => ({ countsAsAttrWrite: () => false }),
  'rates.delete-not-counted': (steps) => ({
    countsAsAttrWrite: (op) => op.contract.operationId !== 'delete_group_attr' && steps.countsAsAttrWrite(op),
  }),
  'rates.sixth-write-accepted': (steps) => ({
    attrWriteRate: (perSecond) => ({ ...steps.attrWriteRate(perSecond), max: perSecond + 1 }),
  }),
  'rates.write-window-two-seconds': (steps) => ({
    attrWriteRate: (perSecond) => ({ ...steps.attrWriteRate(perSecond), windowMs: 2000 }),
  }),
  'rates.write-window-per-app': () => ({
    attrWriteWindow: (ctx, _group, rate) => (ctx.app.appAttrWrites ??= new SlidingWindow(rate.max, rate.windowMs)),
  }),
  'state.attr-evicts-oldest-past-key-limit': () => ({
    makeRoomForNewKeys: (ctx, resulting) => {
      const max = ctx.rules.limits.attrKeyCount.max;
      const kept = new Map(resulting);
      for (const key of resulting.keys()) {
        if (kept.size <= max) break;
        kept.delete(key);
      }
      return kept;
    },
  }),
  'attr.limits-on-request-only': () => ({ attrsCountedForLimits: (write) => write.requested }),
  'limits.attr-total-on-state-before-write': (steps) => ({
    attrTotalBytes: (ctx, write) => steps.attrTotalBytes(ctx, write, write.group.attrs),
  }),
  'state.clear-keeps-key-slots': keySlotsKept('clear'),
  'state.set-keeps-removed-key-slots': keySlotsKept('set'),
  'state.delete-attr-keeps-bytes': (steps) => ({
    forgetRemovedAttrs: (group, keys, by) => {
      if (by === 'delete')
        for (const key of keys) group.leftovers.bytes += Buffer.byteLength(group.attrs.get(key) ?? '', 'utf8');
      steps.forgetRemovedAttrs(group, keys, by);
    },
    attrTotalBytes: (ctx, write, counted) => write.group.leftovers.bytes + steps.attrTotalBytes(ctx, write, counted),
  }),
  'state.refused-write-stored': () => ({
    applyRefusedWrite: (ctx, write, failure) => {
      storeWrite(ctx, write, 'refused');
      return failure;
    },
  }),
  // Registered after refused-write-stored: on a modify refused for an item size it stores the items before it instead.
  'state.modify-applies-items-before-refused': (steps) => ({
    applyRefusedWrite: (ctx, write, failure, refusedFor) => {
      if (refusedFor !== 'item' || write.mode !== 'modify')
        return steps.applyRefusedWrite(ctx, write, failure, refusedFor);
      const before: AttrItem[] = [];
      for (const item of write.items) {
        if (itemSizeFailure(ctx, [item], true)) break;
        before.push(item);
      }
      if (before.length > 0) {
        const stored = new Map(before.map((item) => [item.key, ctx.steps.storeAttrValue(item.value)]));
        ctx.steps.storeAttrs(ctx, write.group, mergeAttrs(ctx, write.group.attrs, stored), 'modify');
      }
      return failure;
    },
  }),
  'semantics.delete-attr-missing-key-ignored': () => ({ missingAttrKeys: () => [] }),
  'semantics.delete-attr-removes-all': () => ({ attrsAfterDelete: () => new Map() }),
  'semantics.clear-is-noop': () => ({ clearAttrs: () => {} }),
  'state.attr-read-cache-skips-set': [attrReadCache, attrCacheKeptBy('set')],
  'state.read-cache-after-clear': [attrReadCache, attrCacheKeptBy('clear')],
  'shapes.attr-array-renamed': () => ({ attrListFields: (GroupAttr) => ({ GroupAttr }) }),

  // Counters
  'shapes.counter-key-value-lowercase': () => ({ counterEntry: (key, shown) => ({ key, value: shown }) }),
  'shapes.counter-value-as-string': () => ({ shownCounterValue: (value) => String(value) }),
  'semantics.get-counter-ignores-keys': () => ({ readsEveryCounter: () => true }),
  // A per-group read cache of the whole counter list, which update forgets and delete does not.
  'state.counter-read-cache-skips-delete': (steps) => ({
    readCounters: (ctx, group, every) =>
      every
        ? new Map((group.counterReadCache ??= [...steps.readCounters(ctx, group, every)]))
        : steps.readCounters(ctx, group, every),
    storeCounters: (ctx, group, next, by) => {
      if (by !== 'delete') group.counterReadCache = undefined;
      steps.storeCounters(ctx, group, next, by);
    },
  }),
  'counters.value-parsed-as-double': (steps) => ({
    counterValueFromJson: (value) =>
      typeof value === 'bigint' ? BigInt(Number(value)) : steps.counterValueFromJson(value),
  }),
  'counters.float-value-truncated': laxCounterValue((value) =>
    typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : value,
  ),
  'counters.string-value-parsed': laxCounterValue((value) =>
    typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value,
  ),
  'semantics.missing-counter-starts-at-one': () => ({ missingCounterValue: () => 1n }),
  'state.deleted-counter-resumes': [
    rememberDeletedCounters,
    (steps) => ({
      missingCounterValue: (group, key) => group.leftovers.counters.get(key) ?? steps.missingCounterValue(group, key),
    }),
  ],
  'semantics.increase-as-set': (steps) => ({
    counterResult: (mode, current, value) => (mode === 'Increase' ? value : steps.counterResult(mode, current, value)),
  }),
  'semantics.decrease-adds': (steps) => ({
    counterResult: (mode, current, value) =>
      mode === 'Decrease' ? current + value : steps.counterResult(mode, current, value),
  }),
  'counters.int64-overflow-wraps': (steps) => ({
    counterResult: (mode, current, value) => BigInt.asIntN(64, steps.counterResult(mode, current, value)),
  }),
  'limits.counter-count-on-request': () => ({
    countersCounted: (_group, _next, items) => new Set(items.map((item) => item.key)).size,
  }),
  'state.deleted-counter-still-counted': [
    rememberDeletedCounters,
    (steps) => ({
      countersCounted: (group, next, items) =>
        steps.countersCounted(group, next, items) +
        [...group.leftovers.counters.keys()].filter((key) => !next.has(key)).length,
    }),
  ],
  'state.refused-counter-write-stored': () => ({
    counterWriteRefused: (ctx, group, next, failure) => {
      ctx.steps.storeCounters(ctx, group, next, 'update');
      return failure;
    },
  }),
  'state.counter-update-applies-items-before-refused': () => ({
    counterItemRefused: (ctx, group, itemsBefore, failure) => {
      const mode = ctx.body['Mode'] ?? 'Set';
      const { counterValue } = ctx.rules.limits;
      const next = new Map(group.counters);
      for (const { key, value } of itemsBefore) {
        const current = next.get(key) ?? 0n;
        const result = mode === 'Increase' ? current + value : mode === 'Decrease' ? current - value : value;
        if (result < counterValue.min || result > counterValue.max) break;
        next.set(key, result);
      }
      ctx.steps.storeCounters(ctx, group, next, 'update');
      return failure;
    },
  }),
  'semantics.delete-counter-without-keys-deletes-nothing': (steps) => ({
    countersToDelete: (group, keys) => (keys === null || keys.length === 0 ? [] : steps.countersToDelete(group, keys)),
  }),
  'semantics.delete-counter-empty-keys-deletes-nothing': (steps) => ({
    countersToDelete: (group, keys) => (keys !== null && keys.length === 0 ? [] : steps.countersToDelete(group, keys)),
  }),
  'state.delete-counter-prefix-match': (steps) => ({
    countersToDelete: (group, keys) => {
      const listed = steps.countersToDelete(group, keys);
      if (keys === null || keys.length === 0) return listed;
      const prefixed = [...group.counters.keys()].filter((existing) => keys.some((key) => existing.startsWith(key)));
      return [...listed, ...prefixed];
    },
  }),
};

/** The handlers' steps with every active deviation applied, in the order they are registered above. */
export function handlerStepsFor(deviations: DeviationSet): HandlerSteps {
  return composeSteps(REFERENCE_HANDLER_STEPS, HANDLER_STEP_DEVIATIONS, deviations);
}
