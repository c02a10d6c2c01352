/**
 * Group counters: get (all, or the listed keys that exist), update (Set / Increase / Decrease in
 * exact signed 64-bit; a missing key starts at 0) and delete (all without keys, else the listed
 * ones). A refused update changes nothing; a deleted counter is gone (it starts again from 0 and
 * no longer counts toward the limit).
 */
import { utf8Bytes } from '../contract/bytes.ts';
import { accepted, refused, type AppliedRow, type CounterEntry } from './answer.ts';
import { isRefusal, resolveGroup, type StepInput, type StepOutput } from './groups.ts';
import { acceptStatus, caseRow, modelRules } from './rules.ts';
import { withGroup, type ModelGroup } from './state.ts';

const MODES = new Set(['Set', 'Increase', 'Decrease']);

/** An exact integer, or null for anything else (1.5, "5", an integer a double cannot hold). */
export function counterInteger(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return null;
}

/** GroupCounterKeys: absent (null) or a list of strings; anything else is refused. */
function readKeyList(input: StepInput): { keys: string[] | null } | AppliedRow[] {
  const keys = input.body['GroupCounterKeys'];
  if (keys === undefined || keys === null) return { keys: null };
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
    return [caseRow(input.contract.operationId, 'keys-not-strings', modelRules().invalidParameter)];
  }
  return { keys: keys as string[] };
}

function entries(counters: ReadonlyMap<string, bigint>, keys: Iterable<string>): CounterEntry[] {
  const out: CounterEntry[] = [];
  for (const key of new Set(keys)) {
    const value = counters.get(key);
    if (value !== undefined) out.push({ Key: key, Value: value });
  }
  return out;
}

/** The group and key list a get or delete works on, or the answer refusing it (the state unchanged). */
function groupAndKeys(input: StepInput): { groupId: string; group: ModelGroup; keys: string[] | null } | StepOutput {
  const target = resolveGroup(input);
  if (isRefusal(target)) return { answer: refused(target), next: input.state };
  const list = readKeyList(input);
  if (isRefusal(list)) return { answer: refused(list), next: input.state };
  return { ...target, keys: list.keys };
}

export function getGroupCounter(input: StepInput): StepOutput {
  const op = input.contract.operationId;
  const target = groupAndKeys(input);
  if ('answer' in target) return target;
  const { keys } = target;
  const { counters } = target.group;
  // A key listed twice: whether it comes back once or twice is not documented.
  const listedTwice = keys !== null && new Set(keys).size !== keys.length;
  const row =
    keys === null
      ? acceptStatus(op, 'all-when-no-keys')
      : { row: `${op}#listed-keys-only`, status: listedTwice ? ('inferred' as const) : ('documented' as const) };
  return {
    answer: accepted([row.row], row.status, { GroupCounter: entries(counters, keys ?? counters.keys()) }),
    next: input.state,
  };
}

interface Item {
  key: string;
  value: bigint | null;
}

export function updateGroupCounter(input: StepInput): StepOutput {
  const op = input.contract.operationId;
  const rules = modelRules();
  const target = resolveGroup(input);
  if (isRefusal(target)) return { answer: refused(target), next: input.state };
  const list = input.body['GroupCounter'];
  const shapeRow = caseRow(op, 'item-not-key-value', rules.invalidParameter);
  if (!Array.isArray(list) || list.length === 0)
    return { answer: refused([caseRow(op, 'empty-counter-list', rules.invalidParameter)]), next: input.state };
  const items: Item[] = [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      return { answer: refused([shapeRow]), next: input.state };
    const { Key, Value } = entry as Record<string, unknown>;
    if (typeof Key !== 'string' || Key.length === 0) return { answer: refused([shapeRow]), next: input.state };
    items.push({ key: Key, value: counterInteger(Value) });
  }
  const rows = new Set<AppliedRow>();
  // The rejections gate (a refused counter write is documented); their exact code is inferred.
  const nonInteger = caseRow(op, 'non-integer-value', rules.invalidParameter, 'documented');
  const outside = caseRow(op, 'result-outside-int64', rules.invalidParameter, 'documented');
  // A value outside int64 whose Increase/Decrease result is inside (0 - 2^63): the profile names
  // the result's range; refusing the value itself is our reading (inferred).
  const valueOutside = {
    ...outside,
    row: `${op}#value-outside-int64`,
    status: 'inferred' as const,
    codeStatus: 'inferred' as const,
  };
  for (const { key, value } of items) {
    if (utf8Bytes(key) > rules.counterKeyBytes.max) rows.add(rules.counterKeyBytes.row);
    if (value === null) rows.add(nonInteger);
    else if (value < rules.counterMin || value > rules.counterMax) rows.add(valueOutside);
  }
  const modeValue = input.body['Mode'];
  const omitted = modeValue === undefined || modeValue === null;
  if (!omitted && (typeof modeValue !== 'string' || !MODES.has(modeValue)))
    rows.add(caseRow(op, 'mode-invalid', rules.invalidParameter));
  const mode = omitted ? 'Set' : String(modeValue);

  const next = new Map(target.group.counters);
  if (![...rows].some((r) => r === nonInteger || r.row.endsWith('#mode-invalid'))) {
    for (const { key, value } of items) {
      const current = next.get(key) ?? 0n;
      const result = mode === 'Set' ? value! : mode === 'Increase' ? current + value! : current - value!;
      if (result < rules.counterMin || result > rules.counterMax) rows.add(outside);
      next.set(key, result);
    }
    if (next.size > rules.counterKeyCount.max) rows.add(rules.counterKeyCount.row);
  }
  if (rows.size > 0) return { answer: refused([...rows]), next: input.state };

  const duplicates = new Set(items.map((i) => i.key)).size !== items.length;
  const row = omitted ? acceptStatus(op, 'mode-omitted') : acceptStatus(op, 'returns-resulting-values');
  return {
    answer: accepted([row.row], duplicates ? 'inferred' : row.status, {
      GroupCounter: entries(
        next,
        items.map((i) => i.key),
      ),
    }),
    next: withGroup(input.state, input.app, target.groupId, { ...target.group, counters: next }),
  };
}

export function deleteGroupCounter(input: StepInput): StepOutput {
  const op = input.contract.operationId;
  const target = groupAndKeys(input);
  if ('answer' in target) return target;
  const { keys } = target;
  const { group, groupId } = target;
  let counters: Map<string, bigint>;
  let row: { row: string; status: 'documented' | 'documented-set' | 'inferred' };
  if (keys === null || keys.length === 0) {
    counters = new Map();
    row = acceptStatus(op, keys === null ? 'no-keys-deletes-all' : 'empty-keys-deletes-all');
  } else {
    counters = new Map(group.counters);
    for (const key of keys) counters.delete(key);
    row = keys.every((k) => group.counters.has(k))
      ? acceptStatus(op, 'deletes-only-listed')
      : acceptStatus(op, 'unknown-keys-ignored');
  }
  // Accepted, a listed delete leaves every counter it did not list (documented), unknown keys or not.
  const answer = {
    ...accepted([row.row], row.status),
    ...(keys !== null && keys.length > 0 ? { stateStatus: 'documented' as const } : {}),
  };
  return { answer, next: withGroup(input.state, input.app, groupId, { ...group, counters }) };
}

/** The operations this module answers, by operationId. */
export const COUNTER_STEPS: Readonly<Record<string, (input: StepInput) => StepOutput>> = {
  get_group_counter: getGroupCounter,
  update_group_counter: updateGroupCounter,
  delete_group_counter: deleteGroupCounter,
};
