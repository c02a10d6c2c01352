/**
 * One way to name any row of the reference behaviour, resolved from the contract data, so that
 * the mutation catalogue, docs/behaviour.md and the reports take a row's words, evidence status
 * and source pages from the spec instead of restating them.
 *
 * Reference forms:
 * - `signing.expired`                          a top-level x-tim-profile row
 * - `clear_group_attr#clears-every-key`        an operation's own row (x-tim-cases)
 * - `clear_group_attr#group-type/Community`    an operation's group-type rule (x-tim-group-types)
 * - `delete_group_counter#edition`             an operation's edition rule (x-tim-edition)
 * - `get_group_counter#response`               an operation's documented success body (its schema)
 * - `limit:attr.key.maxBytes`                  a limit of schemas/limits.json: exactly at it is accepted
 * - `limit:attr.key.maxBytes#exceeded`         the same limit, one past it: the refusal
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { getLimit, limits } from './data.ts';
import { getOperation, operations, profileCases } from './spec.ts';
import type { EvidenceStatus, GroupType, LimitId, ProfileCase } from './types.ts';
import { GROUP_TYPES } from './types.ts';

export type BehaviourKind =
  'profile' | 'operation-case' | 'group-type' | 'edition' | 'response' | 'limit' | 'limit-exceeded';

export interface BehaviourRow {
  /** The reference as written ('signing.expired', 'clear_group_attr#clears-every-key'). */
  ref: string;
  kind: BehaviourKind;
  /** The behaviour in words, from the contract data. */
  description: string;
  status: EvidenceStatus;
  /** The answer's code (0 = accepted), and every code a conformant target may answer. */
  code?: number;
  acceptable?: number[];
  docUrls: string[];
  note?: string;
}

const LIMIT_PREFIX = 'limit:';

function limitRow(ref: string): BehaviourRow {
  const [id, part] = ref.slice(LIMIT_PREFIX.length).split('#') as [string, string | undefined];
  const limit = getLimit(id as LimitId);
  if (part === undefined) {
    const amount = limit.max === undefined ? `${limit.min64}..${limit.max64}` : `${limit.max} ${limit.unit}`;
    return {
      ref,
      kind: 'limit',
      description: `${limit.description}: exactly at the limit (${amount}) is accepted.`,
      status: limit.status,
      code: 0,
      docUrls: limit.docUrls,
      ...(limit.note ? { note: limit.note } : {}),
    };
  }
  if (part !== 'exceeded') throw new Error(`behaviour reference '${ref}': a limit has only the part '#exceeded'`);
  if (!limit.exceeded)
    throw new Error(`behaviour reference '${ref}': limit ${id} has no documented answer when exceeded`);
  const e = limit.exceeded;
  return {
    ref,
    kind: 'limit-exceeded',
    description: `${limit.description}: past the limit the request is refused and changes nothing.`,
    status: e.status,
    code: e.code,
    ...(e.acceptable ? { acceptable: e.acceptable } : {}),
    docUrls: e.docUrls,
    ...(e.note ? { note: e.note } : {}),
  };
}

function operationRow(ref: string, operationId: string, part: string, spec?: OpenAPIV3_1.Document): BehaviourRow {
  const op = getOperation(operationId, spec);
  if (part.startsWith('group-type/')) {
    const type = part.slice('group-type/'.length) as GroupType;
    if (!GROUP_TYPES.includes(type))
      throw new Error(`behaviour reference '${ref}': no group type '${type}' (${GROUP_TYPES.join(', ')})`);
    const rule = op['x-tim-group-types'][type];
    if (rule.supported)
      return {
        ref,
        kind: 'group-type',
        description: `${operationId} works on ${type} groups.`,
        status: rule.status,
        code: 0,
        docUrls: rule.docUrls,
      };
    const refused = rule.rejectedWith;
    // That the call is refused is the type rule's status; the exact code may be less sure.
    return {
      ref,
      kind: 'group-type',
      description: `${operationId} on a ${type} group is refused${refused ? ` (code ${refused.code}, ${refused.status})` : ''}.`,
      status: rule.status,
      ...(refused ? { code: refused.code, ...(refused.acceptable ? { acceptable: refused.acceptable } : {}) } : {}),
      docUrls: refused?.docUrls ?? rule.docUrls,
      ...(refused?.note ? { note: refused.note } : {}),
    };
  }
  if (part === 'edition') {
    const edition = op['x-tim-edition'];
    if (!edition) throw new Error(`behaviour reference '${ref}': ${operationId} needs no edition`);
    const m = edition.missing;
    return {
      ref,
      kind: 'edition',
      description: `${operationId} on an app without the ${edition.required} edition is refused.`,
      status: m.status,
      code: m.code,
      ...(m.acceptable ? { acceptable: m.acceptable } : {}),
      docUrls: m.docUrls,
    };
  }
  if (part === 'response') {
    return {
      ref,
      kind: 'response',
      description: `A success of ${operationId} has the documented body (schemas/${op.responseSchema}).`,
      status: 'documented',
      code: 0,
      docUrls: op['x-tim-docs'],
    };
  }
  const row = op['x-tim-cases'].find((c) => c.id === part);
  if (!row) {
    throw new Error(
      `behaviour reference '${ref}': operation ${operationId} has no case '${part}'; known: ${op['x-tim-cases'].map((c) => c.id).join(', ') || '(none)'}`,
    );
  }
  return caseRow(ref, 'operation-case', row);
}

/** A row from a case of the contract (profile row or operation case): its description and expected answer. */
function caseRow(ref: string, kind: BehaviourKind, row: ProfileCase): BehaviourRow {
  const e = row.expected;
  return {
    ref,
    kind,
    description: row.description,
    status: e.status,
    code: e.code,
    ...(e.acceptable ? { acceptable: e.acceptable } : {}),
    docUrls: e.docUrls,
    ...(e.note ? { note: e.note } : {}),
  };
}

/** The row a reference names; throws a one-line error naming what is wrong. */
export function resolveBehaviour(ref: string, spec?: OpenAPIV3_1.Document): BehaviourRow {
  if (ref.startsWith(LIMIT_PREFIX)) return limitRow(ref);
  const hash = ref.indexOf('#');
  if (hash >= 0) return operationRow(ref, ref.slice(0, hash), ref.slice(hash + 1), spec);
  const row = profileCases(spec).find((c) => c.id === ref);
  if (!row) throw new Error(`behaviour reference '${ref}': no x-tim-profile row with this id`);
  return caseRow(ref, 'profile', row);
}

/** Every reference the contract defines, in document order (profile rows, then per operation, then limits). */
export function behaviourRefs(spec?: OpenAPIV3_1.Document): string[] {
  const refs = profileCases(spec).map((c) => c.id);
  for (const op of operations(spec)) {
    if (op['x-tim-copy-of'] !== undefined) continue;
    refs.push(...op['x-tim-cases'].map((c) => `${op.operationId}#${c.id}`));
    refs.push(...GROUP_TYPES.map((type) => `${op.operationId}#group-type/${type}`));
    if (op['x-tim-edition']) refs.push(`${op.operationId}#edition`);
    refs.push(`${op.operationId}#response`);
  }
  for (const limit of limits()) {
    refs.push(`${LIMIT_PREFIX}${limit.id}`);
    if (limit.exceeded) refs.push(`${LIMIT_PREFIX}${limit.id}#exceeded`);
  }
  return refs;
}
