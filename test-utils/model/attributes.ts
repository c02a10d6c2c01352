/**
 * Group custom attributes: get, modify (upsert), set (replace), delete (all listed keys must
 * exist) and clear. A refused write changes nothing; limits count the state after the write.
 * Several refusals may apply to one request; the profile does not order them, so any of their
 * codes is conformant.
 */
import { utf8Bytes } from '../contract/bytes.ts';
import { accepted, refused, type AppliedRow, type AttrEntry, type ExpectedAnswer } from './answer.ts';
import { isRefusal, resolveGroup, type StepInput, type StepOutput } from './groups.ts';
import { admitEvent } from './rates.ts';
import { acceptStatus, caseRow, modelRules } from './rules.ts';
import { withGroup, type ModelGroup } from './state.ts';

interface Items {
  items: AttrEntry[];
  /** The same key more than once in one request: what a server does then is not documented. */
  duplicates: boolean;
}

function readItems(input: StepInput, withValue: boolean): Items | AppliedRow[] {
  const op = input.contract.operationId;
  const rules = modelRules();
  const list = input.body['GroupAttr'];
  if (!Array.isArray(list) || list.length === 0) return [caseRow(op, 'empty-attr-list', rules.invalidParameter)];
  const itemRow = caseRow(op, withValue ? 'item-not-key-value-strings' : 'item-not-key-string', rules.invalidParameter);
  const items: AttrEntry[] = [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [itemRow];
    const { key, value } = entry as Record<string, unknown>;
    if (typeof key !== 'string' || key.length === 0) return [itemRow];
    if (withValue && typeof value !== 'string') return [itemRow];
    items.push({ key, value: withValue ? (value as string) : '' });
  }
  return { items, duplicates: new Set(items.map((i) => i.key)).size !== items.length };
}

function sizeRows(items: readonly AttrEntry[], withValue: boolean): AppliedRow[] {
  const rules = modelRules();
  const rows = new Set<AppliedRow>();
  for (const { key, value } of items) {
    if (utf8Bytes(key) > rules.attrKeyBytes.max) rows.add(rules.attrKeyBytes.row);
    if (withValue && utf8Bytes(value) > rules.attrValueBytes.max) rows.add(rules.attrValueBytes.row);
  }
  return [...rows];
}

function resultRows(resulting: ReadonlyMap<string, string>): AppliedRow[] {
  const rules = modelRules();
  const rows: AppliedRow[] = [];
  if (resulting.size > rules.attrKeyCount.max) rows.push(rules.attrKeyCount.row);
  let total = 0;
  for (const value of resulting.values()) total += utf8Bytes(value);
  if (total > rules.attrTotalBytes.max) rows.push(rules.attrTotalBytes.row);
  return rows;
}

/** The write-rate row of this operation (clear's is inferred: the pages name add, delete, modify). */
function rateRow(op: string): AppliedRow {
  const rules = modelRules();
  return op === 'clear_group_attr'
    ? caseRow(op, 'counts-as-attr-write', rules.attrWritesPerSecond.row)
    : rules.attrWritesPerSecond.row;
}

/**
 * The common shape of a write: refusals before the rate (shape, sizes) do not count as a write;
 * the rest do, whether or not the state limits then refuse it.
 */
function write(
  input: StepInput,
  early: AppliedRow[],
  apply: (group: ModelGroup) => { resulting: ReadonlyMap<string, string>; late: AppliedRow[] },
  accept: { rows: string[]; status: ExpectedAnswer['status'] },
): StepOutput {
  const target = resolveGroup(input);
  if (isRefusal(target)) return { answer: refused(target), next: input.state };
  const { groupId, group } = target;
  const rules = modelRules();
  const rate = admitEvent(group.attrWrites, rules.attrWritesPerSecond.max, input.nowMs);
  const { resulting, late } = apply(group);
  if (early.length > 0) {
    // Not admitted into the window; a server that checks the rate first would answer 10049.
    const rows = rate.admitted ? early : [...early, rateRow(input.contract.operationId)];
    return { answer: refused([...rows, ...late]), next: input.state };
  }
  const counted = { ...group, attrWrites: rate.window };
  if (!rate.admitted) return { answer: refused([rateRow(input.contract.operationId), ...late]), next: input.state };
  if (late.length > 0) return { answer: refused(late), next: withGroup(input.state, input.app, groupId, counted) };
  return {
    answer: accepted(accept.rows, accept.status),
    next: withGroup(input.state, input.app, groupId, { ...counted, attrs: resulting }),
  };
}

function writeAttrs(input: StepInput, mode: 'modify' | 'set'): StepOutput {
  const op = input.contract.operationId;
  const read = readItems(input, true);
  if (isRefusal(read)) {
    const target = resolveGroup(input);
    return { answer: refused(isRefusal(target) ? target : read), next: input.state };
  }
  const requested = new Map(read.items.map((i) => [i.key, i.value]));
  const row = acceptStatus(op, mode === 'set' ? 'replaces-whole-set' : 'upsert-keeps-others');
  return write(
    input,
    sizeRows(read.items, true),
    (group) => {
      const resulting = mode === 'set' ? requested : new Map([...group.attrs, ...requested]);
      return { resulting, late: resultRows(resulting) };
    },
    { rows: [row.row], status: read.duplicates ? 'inferred' : row.status },
  );
}

export const modifyGroupAttr = (input: StepInput): StepOutput => writeAttrs(input, 'modify');
export const setGroupAttr = (input: StepInput): StepOutput => writeAttrs(input, 'set');

export function deleteGroupAttr(input: StepInput): StepOutput {
  const op = input.contract.operationId;
  const read = readItems(input, false);
  if (isRefusal(read)) {
    const target = resolveGroup(input);
    return { answer: refused(isRefusal(target) ? target : read), next: input.state };
  }
  const missing = caseRow(op, 'missing-key', modelRules().invalidParameter);
  const row = acceptStatus(op, 'deletes-only-listed');
  return write(
    input,
    sizeRows(read.items, false),
    (group) => {
      const resulting = new Map(group.attrs);
      for (const { key } of read.items) resulting.delete(key);
      return { resulting, late: read.items.some(({ key }) => !group.attrs.has(key)) ? [missing] : [] };
    },
    { rows: [row.row], status: read.duplicates ? 'inferred' : row.status },
  );
}

export function clearGroupAttr(input: StepInput): StepOutput {
  const row = acceptStatus(input.contract.operationId, 'clears-every-key');
  return write(input, [], () => ({ resulting: new Map(), late: [] }), { rows: [row.row], status: row.status });
}

export function getGroupAttr(input: StepInput): StepOutput {
  const target = resolveGroup(input);
  if (isRefusal(target)) return { answer: refused(target), next: input.state };
  const GroupAttrAry = [...target.group.attrs].map(([key, value]) => ({ key, value }));
  return {
    answer: accepted([`${input.contract.operationId}#reads-state`], 'documented', { GroupAttrAry }),
    next: input.state,
  };
}

/** The operations this module answers, by operationId. */
export const ATTR_STEPS: Readonly<Record<string, (input: StepInput) => StepOutput>> = {
  get_group_attr: getGroupAttr,
  modify_group_attr: modifyGroupAttr,
  set_group_attr: setGroupAttr,
  delete_group_attr: deleteGroupAttr,
  clear_group_attr: clearGroupAttr,
};
