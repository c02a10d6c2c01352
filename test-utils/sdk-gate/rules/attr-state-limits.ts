/**
 * Across requests: the attribute limits counted on the state after the write (attr.keys.maxCount:
 * 16 keys, attr.values.totalMaxBytes: 16000 bytes). The state of a group is followed through the
 * recording — created empty by create_group, read by get_group_attr, changed by successful
 * modify/set/delete/clear — so only groups whose attributes the recording shows are judged. A
 * request that alone exceeds a limit is the request rule's finding (limit.attr.*), not repeated.
 */
import { getLimit, utf8Bytes } from '../../contract/index.ts';
import { param } from '../request-line.ts';
import type { RequestView } from '../request-view.ts';
import { statusOfEvidence, type SequenceRule, type SequenceViolation } from './rule.ts';

const KEYS = getLimit('attr.keys.maxCount');
const TOTAL = getLimit('attr.values.totalMaxBytes');

type Attrs = Map<string, string>;
type Entry = { key?: unknown; value?: unknown };

function entries(body: unknown, field: string): Entry[] {
  const list = (body as Record<string, unknown> | undefined)?.[field];
  return Array.isArray(list) ? list.filter((e): e is Entry => typeof e === 'object' && e !== null) : [];
}

function answer(view: RequestView): Record<string, unknown> | undefined {
  if (view.answeredCode !== 0 || view.exchange.response === undefined) return undefined;
  try {
    return JSON.parse(view.exchange.response.body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function total(attrs: Attrs): number {
  let sum = 0;
  for (const value of attrs.values()) sum += utf8Bytes(value);
  return sum;
}

function refusal(limit: typeof KEYS): string {
  return limit.exceeded ? `would be refused with ${limit.exceeded.code}` : 'would be refused';
}

export const attrStateLimits: SequenceRule = {
  scope: 'sequence',
  id: 'limit.attr.after-write',
  title: `Within ${KEYS.max} attribute keys and ${TOTAL.max} bytes of values per group after the write (state followed through the recording)`,
  evidence: KEYS.exceeded?.status ?? 'documented',
  accepted: false,
  docUrl: KEYS.exceeded?.docUrls[0] ?? KEYS.docUrls[0] ?? '',
  appliesTo: (op) => op?.operationId === 'modify_group_attr',
  check(views) {
    const groups = new Map<string, Attrs>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      const op = view.operation?.operationId;
      const body = view.json as Record<string, unknown> | undefined;
      const app = param(view.line, 'sdkappid') ?? '';
      const ok = answer(view);
      if (op === 'create_group') {
        if (ok && typeof ok.GroupId === 'string') groups.set(`${app}\u0000${ok.GroupId}`, new Map());
        return;
      }
      if (typeof body?.GroupId !== 'string') return;
      const key = `${app}\u0000${body.GroupId}`;
      const state = groups.get(key);
      const sent = entries(body, 'GroupAttr').filter((e) => typeof e.key === 'string') as Array<{
        key: string;
        value?: unknown;
      }>;
      if (op === 'modify_group_attr' && state !== undefined) {
        const after = new Map(state);
        for (const e of sent) after.set(e.key, typeof e.value === 'string' ? e.value : '');
        const newKeys = new Set(sent.map((e) => e.key));
        const sentValues = sent.reduce((s, e) => s + (typeof e.value === 'string' ? utf8Bytes(e.value) : 0), 0);
        if (after.size > (KEYS.max as number) && newKeys.size <= (KEYS.max as number)) {
          out.push({
            index,
            message: `the group already has ${state.size} attribute key(s); with this request it would have ${after.size} (limit ${KEYS.max}); ${refusal(KEYS)}`,
            status: statusOfEvidence(KEYS.exceeded?.status ?? 'documented'),
          });
        }
        if (total(after) > (TOTAL.max as number) && sentValues <= (TOTAL.max as number)) {
          out.push({
            index,
            message: `the group's values would add up to ${total(after)} bytes after this request (limit ${TOTAL.max}); ${refusal(TOTAL)}`,
            status: statusOfEvidence(TOTAL.exceeded?.status ?? 'documented'),
          });
        }
      }
      if (!ok) return;
      if (op === 'destroy_group') groups.delete(key);
      else if (op === 'get_group_attr')
        groups.set(
          key,
          new Map(
            entries(ok, 'GroupAttrAry')
              .filter((e) => typeof e.key === 'string')
              .map((e) => [e.key as string, typeof e.value === 'string' ? e.value : '']),
          ),
        );
      else if (state === undefined) return;
      else if (op === 'modify_group_attr')
        for (const e of sent) state.set(e.key, typeof e.value === 'string' ? e.value : '');
      else if (op === 'set_group_attr')
        groups.set(key, new Map(sent.map((e) => [e.key, typeof e.value === 'string' ? e.value : ''])));
      else if (op === 'delete_group_attr') for (const e of sent) state.delete(e.key);
      else if (op === 'clear_group_attr') state.clear();
    });
    return out;
  },
};
