/**
 * What must hold in the mock's state and in its process whatever a client sent: the limits of
 * schemas/limits.json (read through test-utils/contract, never restated here) on every group,
 * and built-in prototypes exactly as they were before the first request (no prototype pollution).
 */
import { getLimit, utf8Bytes } from '../test-utils/contract/index.ts';
import type { LimitId } from '../test-utils/contract/types.ts';
import type { MockState } from '../test-utils/mock/index.ts';

function maxOf(id: LimitId): number {
  const max = getLimit(id).max;
  if (max === undefined) throw new Error(`limits.json: ${id} has no max`);
  return max;
}

function int64Range(): { min: bigint; max: bigint } {
  const limit = getLimit('counter.value.int64');
  if (limit.min64 === undefined || limit.max64 === undefined)
    throw new Error('limits.json: counter.value.int64 has no min64/max64');
  return { min: BigInt(limit.min64), max: BigInt(limit.max64) };
}

/** The state limits, read once. */
export interface StateLimits {
  attrKeys: number;
  attrKeyBytes: number;
  attrValueBytes: number;
  attrTotalBytes: number;
  counterKeys: number;
  counterKeyBytes: number;
  counterMin: bigint;
  counterMax: bigint;
}

export function stateLimits(): StateLimits {
  const range = int64Range();
  return {
    attrKeys: maxOf('attr.keys.maxCount'),
    attrKeyBytes: maxOf('attr.key.maxBytes'),
    attrValueBytes: maxOf('attr.value.maxBytes'),
    attrTotalBytes: maxOf('attr.values.totalMaxBytes'),
    counterKeys: maxOf('counter.keys.maxCount'),
    counterKeyBytes: maxOf('counter.key.maxBytes'),
    counterMin: range.min,
    counterMax: range.max,
  };
}

/** Every way the state breaks a limit, one line each (empty = all hold). */
export function stateViolations(state: MockState, limits: StateLimits = stateLimits()): string[] {
  const problems: string[] = [];
  for (const [sdkappid, appState] of state.apps) {
    for (const [groupId, group] of appState.groups) {
      const where = `app ${sdkappid} group ${JSON.stringify(groupId).slice(0, 60)}`;
      if (typeof groupId !== 'string') problems.push(`${where}: group id is not a string`);
      if (group.attrs.size > limits.attrKeys)
        problems.push(`${where}: ${group.attrs.size} attribute keys > ${limits.attrKeys}`);
      let total = 0;
      for (const [key, value] of group.attrs) {
        if (typeof key !== 'string' || typeof value !== 'string') {
          problems.push(`${where}: attribute ${String(key)} is not string → string`);
          continue;
        }
        if (utf8Bytes(key) > limits.attrKeyBytes)
          problems.push(`${where}: attribute key of ${utf8Bytes(key)} bytes > ${limits.attrKeyBytes}`);
        if (utf8Bytes(value) > limits.attrValueBytes)
          problems.push(`${where}: attribute value of ${utf8Bytes(value)} bytes > ${limits.attrValueBytes}`);
        total += utf8Bytes(value);
      }
      if (total > limits.attrTotalBytes)
        problems.push(`${where}: attribute values total ${total} bytes > ${limits.attrTotalBytes}`);
      if (group.attrValueBytes !== total)
        problems.push(`${where}: kept byte total ${group.attrValueBytes} differs from the real ${total}`);
      if (group.counters.size > limits.counterKeys)
        problems.push(`${where}: ${group.counters.size} counters > ${limits.counterKeys}`);
      for (const [key, value] of group.counters) {
        if (typeof key !== 'string') problems.push(`${where}: counter key is not a string`);
        else if (utf8Bytes(key) > limits.counterKeyBytes)
          problems.push(`${where}: counter key of ${utf8Bytes(key)} bytes > ${limits.counterKeyBytes}`);
        if (typeof value !== 'bigint')
          problems.push(`${where}: counter ${key} holds a ${typeof value}, not an exact integer`);
        else if (value < limits.counterMin || value > limits.counterMax)
          problems.push(`${where}: counter ${key} = ${value} outside int64`);
      }
    }
  }
  return problems;
}

const WATCHED_PROTOTYPES: ReadonlyArray<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['BigInt.prototype', BigInt.prototype],
  ['Map.prototype', Map.prototype],
];

/** A fingerprint of the built-in prototypes: own keys and what each holds. */
export type PrototypeSnapshot = Map<string, Map<PropertyKey, unknown>>;

export function snapshotPrototypes(): PrototypeSnapshot {
  const snapshot: PrototypeSnapshot = new Map();
  for (const [name, proto] of WATCHED_PROTOTYPES) {
    const entries = new Map<PropertyKey, unknown>();
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      entries.set(key, 'value' in descriptor ? descriptor.value : descriptor.get);
    }
    entries.set('[[Prototype]]', Object.getPrototypeOf(proto));
    snapshot.set(name, entries);
  }
  return snapshot;
}

/** How the prototypes differ from the snapshot (empty = untouched). */
export function prototypeViolations(before: PrototypeSnapshot): string[] {
  const problems: string[] = [];
  const now = snapshotPrototypes();
  for (const [name, entries] of before) {
    const current = now.get(name)!;
    for (const [key, value] of current) {
      if (!entries.has(key)) problems.push(`${name} gained ${String(key)}`);
      else if (entries.get(key) !== value) problems.push(`${name}.${String(key)} was replaced`);
    }
    for (const key of entries.keys()) if (!current.has(key)) problems.push(`${name} lost ${String(key)}`);
  }
  // A fresh object must carry nothing a request could have planted.
  const fresh: Record<string, unknown> = {};
  for (const key of ['polluted', 'GroupAttr', 'isAdmin'])
    if (fresh[key] !== undefined) problems.push(`{}.${key} is defined`);
  return problems;
}
