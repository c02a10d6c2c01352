/**
 * Across requests: an Increase or Decrease whose result leaves the signed 64-bit range, the
 * counter's value known from earlier answers in the recording (update_group_counter and
 * get_group_counter return the values). The refusal (10004) is inferred: tentative.
 */
import { getLimit, operationCase } from '../../contract/index.ts';
import { parseJsonInt64, toInt64Candidate } from '../../mock/json-int64.ts';
import { param } from '../request-line.ts';
import { statusOfEvidence, type SequenceRule, type SequenceViolation } from './rule.ts';

const limit = getLimit('counter.value.int64');
const row = operationCase('update_group_counter', 'result-outside-int64');
const MIN = BigInt(limit.min64 as string);
const MAX = BigInt(limit.max64 as string);

function counters(text: string | undefined, field: string): Array<{ key: string; value: bigint }> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = parseJsonInt64(text);
  } catch {
    return undefined;
  }
  const list = (parsed as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(list)) return undefined;
  const out: Array<{ key: string; value: bigint }> = [];
  for (const item of list as Array<Record<string, unknown>>) {
    const value = toInt64Candidate(item?.Value);
    if (typeof item?.Key === 'string' && value !== null) out.push({ key: item.Key, value });
  }
  return out;
}

export const counterStateInt64: SequenceRule = {
  scope: 'sequence',
  id: 'limit.counter.result-int64',
  title: 'Increase/Decrease keeps the counter within the signed 64-bit range (value followed through the recording)',
  evidence: row.expected.status,
  accepted: false,
  docUrl: row.expected.docUrls[0] ?? '',
  appliesTo: (op) => op?.operationId === 'update_group_counter',
  check(views) {
    const values = new Map<string, bigint>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      const op = view.operation?.operationId;
      if (op !== 'update_group_counter' && op !== 'get_group_counter') return;
      const groupId = (view.json as { GroupId?: unknown } | undefined)?.GroupId;
      if (typeof groupId !== 'string') return;
      const prefix = `${param(view.line, 'sdkappid') ?? ''}\u0000${groupId}\u0000`;
      const mode = (view.json as { Mode?: unknown }).Mode;
      if (op === 'update_group_counter' && (mode === 'Increase' || mode === 'Decrease')) {
        for (const c of counters(view.exchange.body, 'GroupCounter') ?? []) {
          const current = values.get(prefix + c.key);
          if (current === undefined) continue;
          const result = mode === 'Increase' ? current + c.value : current - c.value;
          if (result > MAX || result < MIN) {
            out.push({
              index,
              message: `${mode} ${c.value} on counter '${c.key}' (now ${current}) would give ${result}, outside the signed 64-bit range; would be refused with ${row.expected.code}${row.expected.status === 'inferred' ? ' (inferred)' : ''}`,
              status: statusOfEvidence(row.expected.status),
            });
          }
        }
      }
      if (view.answeredCode === 0)
        for (const c of counters(view.exchange.response?.body, 'GroupCounter') ?? [])
          values.set(prefix + c.key, c.value);
    });
    return out;
  },
};
