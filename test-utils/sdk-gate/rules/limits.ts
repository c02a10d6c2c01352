/**
 * Values the server would refuse for a limit of schemas/limits.json, judged on the request alone
 * (a limit counted on the state after the write is only reported when the request by itself
 * exceeds it). One rule per limit, generated from the limits data; the status of each follows the
 * evidence of the limit's refusal code ("would be refused with 10045": documented, gating;
 * 10004 for a counter key: inferred, tentative).
 */
import { getLimit, utf8Bytes, type Limit, type LimitId } from '../../contract/index.ts';
import type { RequestView } from '../request-view.ts';
import { statusOfEvidence, type RequestRule, type Violation } from './rule.ts';

type Json = Record<string, unknown>;

function list(body: Json, field: string): Json[] {
  const value = body[field];
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

function strings(items: Json[], field: string): string[] {
  return items.map((i) => i[field]).filter((v): v is string => typeof v === 'string');
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** Each limit: what in a request can exceed it. `over` returns a description per excess. */
const MEASURES: Array<{ id: LimitId; over(view: RequestView, body: Json, limit: Limit): string[] }> = [
  {
    id: 'attr.key.maxBytes',
    over: (_v, body, limit) =>
      strings(list(body, 'GroupAttr'), 'key')
        .filter((k) => utf8Bytes(k) > (limit.max as number))
        .map((k) => `attribute key '${shorten(k)}' is ${utf8Bytes(k)} bytes`),
  },
  {
    id: 'attr.value.maxBytes',
    over: (_v, body, limit) =>
      list(body, 'GroupAttr')
        .filter((i) => typeof i.value === 'string' && utf8Bytes(i.value) > (limit.max as number))
        .map((i) => `the value of '${shorten(String(i.key))}' is ${utf8Bytes(i.value as string)} bytes`),
  },
  {
    id: 'attr.keys.maxCount',
    over: (view, body, limit) => {
      if (view.operation?.operationId === 'delete_group_attr') return [];
      const keys = new Set(strings(list(body, 'GroupAttr'), 'key'));
      return keys.size > (limit.max as number) ? [`${keys.size} attribute keys in one request`] : [];
    },
  },
  {
    id: 'attr.values.totalMaxBytes',
    over: (_v, body, limit) => {
      const total = strings(list(body, 'GroupAttr'), 'value').reduce((sum, v) => sum + utf8Bytes(v), 0);
      return total > (limit.max as number) ? [`the values add up to ${total} bytes in one request`] : [];
    },
  },
  {
    id: 'counter.key.maxBytes',
    over: (_v, body, limit) => {
      const keysField = Array.isArray(body.GroupCounterKeys)
        ? (body.GroupCounterKeys as unknown[]).filter((k): k is string => typeof k === 'string')
        : [];
      return [...strings(list(body, 'GroupCounter'), 'Key'), ...keysField]
        .filter((k) => utf8Bytes(k) > (limit.max as number))
        .map((k) => `counter key '${shorten(k)}' is ${utf8Bytes(k)} bytes`);
    },
  },
  {
    id: 'counter.keys.maxCount',
    over: (_v, body, limit) => {
      const keys = new Set(strings(list(body, 'GroupCounter'), 'Key'));
      return keys.size > (limit.max as number) ? [`${keys.size} counters in one request`] : [];
    },
  },
  {
    id: 'counter.value.int64',
    over: (view, _body, limit) =>
      view.numbers
        .filter((n) => /^\/GroupCounter\/\d+\/Value$/.test(n.pointer) && /^-?\d+$/.test(n.raw))
        .filter((n) => BigInt(n.raw) > BigInt(limit.max64 as string) || BigInt(n.raw) < BigInt(limit.min64 as string))
        .map((n) => `${n.pointer} is ${n.raw}, outside the signed 64-bit range`),
  },
  {
    id: 'group.name.maxBytes',
    over: (_v, body, limit) =>
      typeof body.Name === 'string' && utf8Bytes(body.Name) > (limit.max as number)
        ? [`Name is ${utf8Bytes(body.Name)} bytes`]
        : [],
  },
  {
    id: 'group.customId.maxBytes',
    over: (view, body, limit) =>
      view.operation?.operationId === 'create_group' &&
      typeof body.GroupId === 'string' &&
      utf8Bytes(body.GroupId) > (limit.max as number)
        ? [`GroupId is ${utf8Bytes(body.GroupId)} bytes`]
        : [],
  },
  {
    id: 'group.infoList.maxCount',
    over: (_v, body, limit) =>
      Array.isArray(body.GroupIdList) && body.GroupIdList.length > (limit.max as number)
        ? [`${body.GroupIdList.length} group ids in GroupIdList`]
        : [],
  },
  {
    id: 'group.list.pageSize.max',
    over: (_v, body, limit) =>
      typeof body.Limit === 'number' && body.Limit > (limit.max as number) ? [`Limit is ${body.Limit}`] : [],
  },
];

const BODY_LIMIT: LimitId = 'request.body.maxBytes';

function limitRule(id: LimitId, measure: (view: RequestView, body: Json, limit: Limit) => string[]): RequestRule {
  const limit = getLimit(id);
  const exceeded = limit.exceeded;
  const evidence = exceeded?.status ?? 'inferred';
  const bound =
    limit.unit === 'int64'
      ? `${limit.min64}..${limit.max64}`
      : limit.unit === 'count'
        ? String(limit.max)
        : `${limit.max} ${limit.unit}`;
  const refusal = exceeded
    ? `would be refused with ${exceeded.code}${exceeded.status === 'inferred' ? ' (inferred)' : ''}`
    : 'would be refused (no documented code)';
  return {
    scope: 'request',
    id: `limit.${id}`,
    title: `Within ${id} (${bound}): ${limit.description}`,
    evidence,
    accepted: false,
    docUrl: exceeded?.docUrls[0] ?? limit.docUrls[0] ?? '',
    appliesTo: (op) => id === BODY_LIMIT || (op?.['x-tim-limits'].includes(id) ?? false),
    check(view) {
      const applies = id === BODY_LIMIT || view.operation?.['x-tim-limits'].includes(id);
      const body = view.json;
      if (!applies) return [];
      if (id === BODY_LIMIT) {
        return view.bodyBytes.length > (limit.max as number)
          ? [{ message: `the body is ${view.bodyBytes.length} bytes (limit ${limit.max}); ${refusal}` }]
          : [];
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
      return measure(view, body as Json, limit).map((what): Violation => ({
        message: `${what} (limit ${bound}); ${refusal}`,
        status: statusOfEvidence(evidence),
      }));
    },
  };
}

export const limitRules: RequestRule[] = [
  ...MEASURES.map((m) => limitRule(m.id, m.over)),
  limitRule(BODY_LIMIT, () => []),
];
