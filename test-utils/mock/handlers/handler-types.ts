/**
 * The types an operation handler works with: what it gets (the context, with its replaceable
 * steps) and what it returns. The steps' reference implementations are in reference-steps.ts.
 */
import type { GroupType } from '../../contract/types.ts';
import type { SlidingWindow } from '../rate-window.ts';
import type { MockRules, OperationRules } from '../rules.ts';
import type { MockAppState, MockGroup } from '../state.ts';

export interface HandlerContext {
  app: MockAppState;
  op: OperationRules;
  rules: MockRules;
  /** The parsed body: a JSON object (integers beyond 2^53 as BigInt). */
  body: Record<string, unknown>;
  nowMs: number;
  rateLimits: boolean;
  /** The handlers' replaceable steps, composed once when the mock was built. */
  steps: HandlerSteps;
  /** Every app of the server (the reference looks only in its own). */
  allApps?: readonly MockAppState[];
}

/** Success: extra response fields after the envelope. `exact` marks bodies holding BigInt. */
export interface HandlerSuccess {
  code: 0;
  fields?: Record<string, unknown>;
  exact?: boolean;
}

export interface HandlerFailure {
  code: number;
  info: string;
}

export type HandlerResult = HandlerSuccess | HandlerFailure;

export type OperationHandler = (ctx: HandlerContext) => HandlerResult;

export interface AttrItem {
  key: string;
  value: string;
}

/** An attribute write (modify or set) as checked: the group, what was asked and the set it would leave. */
export interface AttrWrite {
  mode: 'modify' | 'set';
  group: MockGroup;
  items: readonly AttrItem[];
  /** The items as stored, by key. */
  requested: Map<string, string>;
  /** The attribute set the write would leave. */
  resulting: Map<string, string>;
  /** Whether the write replaces the whole set (set) or merges into it (modify). */
  replaces: boolean;
}

/** What changed a group's attributes: a write's mode, a delete, a clear, or a refused write stored. */
export type AttrChange = 'modify' | 'set' | 'delete' | 'clear' | 'refused';

export interface CounterItem {
  key: string;
  value: bigint;
}

export type CounterMode = 'Set' | 'Increase' | 'Decrease';

/** What changed a group's counters. */
export type CounterChange = 'update' | 'delete';

/** The limits a size or count is held against (names of MockRules['limits']). */
export type CountedLimit =
  'attrKeyBytes' | 'attrValueBytes' | 'attrKeyCount' | 'attrTotalBytes' | 'counterKeyBytes' | 'counterKeyCount';

/**
 * The handlers' replaceable steps: each is one decision of the reference behaviour, which another
 * server's behaviour replaces or wraps as a whole (../handler-step-deviations.ts) rather than as a
 * switch inside a handler. Steps that call other steps take the context and call them through
 * `ctx.steps`, so they reach the composed steps.
 */
export interface HandlerSteps {
  // Groups
  /** Whether the app has the counters' edition. */
  appHasCountersEdition(ctx: HandlerContext): boolean;
  /** The GroupId the request names, from the body's value (a string, or anything else to refuse). */
  readGroupId(sent: unknown): unknown;
  /** Whether a GroupId string is well formed. */
  groupIdIsWellFormed(groupId: string, maxBytes: number): boolean;
  /** The group of that id the caller's request reaches. */
  lookUpGroup(ctx: HandlerContext, groupId: string): MockGroup | undefined;
  /** The code the operation refuses this group's type with (0: supported). */
  groupTypeRefusal(ctx: HandlerContext, group: MockGroup): number;
  /** Whether create_group refuses this member list for this group type. */
  memberListRefused(type: GroupType, memberList: unknown): boolean;
  /** Fills a just-created group (with an id that may have been used before). */
  initNewGroup(ctx: HandlerContext, group: MockGroup): void;
  /** Removes a destroyed group. */
  destroyGroup(ctx: HandlerContext, group: MockGroup): void;

  // Sizes and limits
  /** The size of a text as the limits count it. */
  measureText(text: string): number;
  /** Whether a size or count breaks its limit. */
  exceedsLimit(limit: CountedLimit, size: number, max: number): boolean;
  /** The code of a too-long attribute key. */
  attrKeyTooLongCode(rules: MockRules): number;

  // Attributes
  /** The group whose attribute store a request on `group` reads and writes. */
  attrStoreOf(ctx: HandlerContext, group: MockGroup): MockGroup;
  /** An attribute value as stored. */
  storeAttrValue(value: string): string;
  /** Puts one attribute into a set being built (modify's upsert). */
  upsertAttr(attrs: Map<string, string>, key: string, value: string): void;
  /** Whether a write of this mode replaces the whole set. */
  replacesWholeSet(mode: 'modify' | 'set'): boolean;
  /** Whether an operation counts toward the per-group attribute write rate. */
  countsAsAttrWrite(op: OperationRules): boolean;
  /** The attribute write window for the documented writes per second. */
  attrWriteRate(perSecond: number): { max: number; windowMs: number };
  /** The window a write to `group` is counted in (created on first use). */
  attrWriteWindow(ctx: HandlerContext, group: MockGroup, rate: { max: number; windowMs: number }): SlidingWindow;
  /** The set a write leaves once past the rate, before the limits on it are checked. */
  makeRoomForNewKeys(ctx: HandlerContext, resulting: Map<string, string>): Map<string, string>;
  /** The attributes the key-count and total-size limits are counted on. */
  attrsCountedForLimits(write: AttrWrite): ReadonlyMap<string, string>;
  /** Keys outside the counted set that still take a place toward the key limit. */
  keySlotsHeld(write: AttrWrite): Iterable<string>;
  /** The bytes the total-size limit counts for a write. */
  attrTotalBytes(ctx: HandlerContext, write: AttrWrite, counted: ReadonlyMap<string, string>): number;
  /** What a write refused for a size (`item`) or for the set it would leave (`set`) does before answering. */
  applyRefusedWrite(
    ctx: HandlerContext,
    write: AttrWrite,
    failure: HandlerFailure,
    refusedFor: 'item' | 'set',
  ): HandlerFailure;
  /** Attributes a write removed (before they are gone from the group). */
  forgetRemovedAttrs(group: MockGroup, keys: readonly string[], by: 'set' | 'delete' | 'clear'): void;
  /** Stores a group's new attribute set. */
  storeAttrs(ctx: HandlerContext, group: MockGroup, next: Map<string, string>, by: AttrChange): void;
  /** The attributes get_group_attr answers with. */
  readAttrs(ctx: HandlerContext, group: MockGroup): [string, string][];
  /** get_group_attr's answer fields for these attributes. */
  attrListFields(entries: { key: string; value: string }[]): Record<string, unknown>;
  /** The listed keys delete_group_attr refuses as missing. */
  missingAttrKeys(group: MockGroup, keys: readonly string[]): string[];
  /** The attribute set a delete of these keys leaves. */
  attrsAfterDelete(group: MockGroup, keys: readonly string[]): Map<string, string>;
  /** What clear_group_attr does to an admitted group. */
  clearAttrs(ctx: HandlerContext, group: MockGroup): void;

  // Counters
  /** Whether get_group_counter answers every counter for this key list (null: none given). */
  readsEveryCounter(keys: readonly string[] | null): boolean;
  /** The counters get_group_counter reads (`every`: the whole list was asked for). */
  readCounters(ctx: HandlerContext, group: MockGroup, every: boolean): ReadonlyMap<string, bigint>;
  /** A counter value as an answer shows it. */
  shownCounterValue(value: bigint): unknown;
  /** One entry of an answer's GroupCounter list. */
  counterEntry(key: string, shown: unknown): Record<string, unknown>;
  /** A request's counter Value as an int64 candidate (null: not an integer). */
  counterValueFromJson(value: unknown): bigint | null;
  /** What an update with a refused item does with the items before it, before answering. */
  counterItemRefused(
    ctx: HandlerContext,
    group: MockGroup,
    itemsBefore: readonly CounterItem[],
    failure: HandlerFailure,
  ): HandlerFailure;
  /** The value a counter the group does not have starts from. */
  missingCounterValue(group: MockGroup, key: string): bigint;
  /** A counter's value after one item of an update (before the int64 range is checked). */
  counterResult(mode: CounterMode, current: bigint, value: bigint): bigint;
  /** How many counters the counter-count limit counts after an update. */
  countersCounted(group: MockGroup, next: ReadonlyMap<string, bigint>, items: readonly CounterItem[]): number;
  /** What an update refused for a limit does with the counters it computed, before answering. */
  counterWriteRefused(
    ctx: HandlerContext,
    group: MockGroup,
    next: Map<string, bigint>,
    failure: HandlerFailure,
  ): HandlerFailure;
  /** A counter delete_group_counter removed (its old value). */
  counterRemoved(group: MockGroup, key: string, old: bigint): void;
  /** Stores a group's new counters. */
  storeCounters(ctx: HandlerContext, group: MockGroup, next: Map<string, bigint>, by: CounterChange): void;
  /** The keys delete_group_counter removes for this key list (null: none given). */
  countersToDelete(group: MockGroup, keys: readonly string[] | null): string[];
}
