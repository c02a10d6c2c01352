/**
 * The body matches the operation's request schema: required fields, types, enums such as `Mode`.
 * Missing fields that are present in another case are body.name-case's finding, not repeated here.
 */
import { validateRequest } from '../../contract/index.ts';
import { type RequestRule } from './rule.ts';
import { misnamedProperties } from './schema-walk.ts';
import { profileDoc, REST_OVERVIEW_ROW } from './rule.ts';

export const bodySchema: RequestRule = {
  scope: 'request',
  id: 'body.schema',
  title: "The body matches the operation's request schema (required fields, types, enums such as Mode)",
  evidence: 'documented',
  accepted: false,
  profileRow: REST_OVERVIEW_ROW,
  docUrl: profileDoc(REST_OVERVIEW_ROW),
  check(view) {
    const op = view.operation;
    const json = view.json;
    if (op === undefined || typeof json !== 'object' || json === null || Array.isArray(json)) return [];
    const result = validateRequest(op.operationId, json);
    if (result.valid) return [];
    const misnamed = new Set(misnamedProperties(op.requestSchema, json).map((m) => `${m.pointer}/${m.documented}`));
    const docUrl = op['x-tim-docs'][0];
    const refusal = op['x-tim-errors'].some((e) => e.code === 10004) ? '; would be refused with 10004' : '';
    return result.errors
      .filter((e) => !(e.message === 'is required' && misnamed.has(e.path)))
      .map((e) => ({ message: `${e.path || '(body)'} ${e.message}${refusal}`, ...(docUrl ? { docUrl } : {}) }));
  },
};
