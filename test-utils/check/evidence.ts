/**
 * A check's evidence: the row of the contract it enforces, named once in its definition
 * (`evidence: profileCase('groups.unknown-group')`). The check's status and doc URL, and the
 * outcome the row expects, follow from it, so no suite restates `status` and `docUrl` by hand.
 *
 * Evidence is one of:
 * - a behaviour reference (test-utils/contract/behaviour.ts): 'groups.unknown-group',
 *   'clear_group_attr#clears-every-key', 'delete_group_counter#edition',
 *   'limit:attr.key.maxBytes' (exactly at the limit is accepted), 'limit:attr.key.maxBytes#exceeded';
 * - a profile row already looked up (profileCase, operationCase);
 * - an expected outcome of the contract (a limit's `exceeded`, an edition's `missing`);
 * - a limit of schemas/limits.json (getLimit): the behaviour that exactly at it is accepted;
 * - a group-type rule of an operation (x-tim-group-types[type]): the type is supported, or the
 *   call is refused with some code (the rule's status and pages; a check of the exact code names
 *   the rule's `rejectedWith`);
 * - an operation (getOperation): what its own page states, documented, for a check that has no
 *   row of its own (e.g. a fresh group answers OK).
 */
import { resolveBehaviour } from '../contract/behaviour.ts';
import type {
  EvidenceStatus,
  ExpectedCode,
  GroupTypeSupport,
  Limit,
  OperationContract,
  ProfileCase,
} from '../contract/types.ts';

export type Evidence = string | ProfileCase | ExpectedCode | Limit | GroupTypeSupport | OperationContract;
type EvidenceObject = Exclude<Evidence, string>;

export interface ResolvedEvidence {
  status: EvidenceStatus;
  /** The first page that states the behaviour. */
  docUrl: string;
  /** The outcome the row expects (code 0 = accepted); absent when the row names no code. */
  expected?: ExpectedCode;
}

function isLimit(evidence: EvidenceObject): evidence is Limit {
  return 'unit' in evidence && 'id' in evidence;
}

function isProfileCase(evidence: EvidenceObject): evidence is ProfileCase {
  return 'expected' in evidence;
}

function isGroupTypeRule(evidence: EvidenceObject): evidence is GroupTypeSupport {
  return 'supported' in evidence;
}

function isOperation(evidence: EvidenceObject): evidence is OperationContract {
  return 'operationId' in evidence;
}

function expectedOf(evidence: Evidence): {
  status: EvidenceStatus;
  docUrls: readonly string[];
  expected?: ExpectedCode;
} {
  if (typeof evidence === 'string') {
    const row = resolveBehaviour(evidence);
    const expected: ExpectedCode | undefined =
      row.code === undefined
        ? undefined
        : {
            code: row.code,
            ...(row.acceptable ? { acceptable: row.acceptable } : {}),
            status: row.status,
            docUrls: row.docUrls,
            ...(row.note ? { note: row.note } : {}),
          };
    return { status: row.status, docUrls: row.docUrls, ...(expected ? { expected } : {}) };
  }
  if (isProfileCase(evidence))
    return { status: evidence.expected.status, docUrls: evidence.expected.docUrls, expected: evidence.expected };
  if (isLimit(evidence))
    return {
      status: evidence.status,
      docUrls: evidence.docUrls,
      expected: { code: 0, status: evidence.status, docUrls: evidence.docUrls },
    };
  if (isGroupTypeRule(evidence)) {
    return {
      status: evidence.status,
      docUrls: evidence.docUrls,
      ...(evidence.supported ? { expected: { code: 0, status: evidence.status, docUrls: evidence.docUrls } } : {}),
    };
  }
  if (isOperation(evidence)) return { status: 'documented', docUrls: evidence['x-tim-docs'] };
  return { status: evidence.status, docUrls: evidence.docUrls, expected: evidence };
}

/** Name of a piece of evidence in an error message. */
function describeEvidence(evidence: Evidence): string {
  if (typeof evidence === 'string') return `'${evidence}'`;
  if (isProfileCase(evidence)) return `profile row '${evidence.id}'`;
  if (isLimit(evidence)) return `limit '${evidence.id}'`;
  if (isGroupTypeRule(evidence)) return 'group-type rule';
  if (isOperation(evidence)) return `operation '${evidence.operationId}'`;
  return `expected code ${evidence.code}`;
}

/** Status, doc URL and expected outcome of a piece of evidence; throws a one-line error saying what is missing. */
export function resolveEvidence(evidence: Evidence): ResolvedEvidence {
  const { status, docUrls, expected } = expectedOf(evidence);
  const [docUrl] = docUrls;
  if (docUrl === undefined)
    throw new Error(`evidence ${describeEvidence(evidence)} names no doc URL: add one to its row in the contract`);
  return { status, docUrl, ...(expected ? { expected } : {}) };
}
