/**
 * What the model says a target must answer: accepted (ErrorCode 0) or refused with one of a set
 * of codes, and how sure the behaviour profile is of each part. The stateful check compares an
 * answer with this; a mismatch on a documented part fails, on an inferred part it is tentative.
 */
import type { EvidenceStatus, ExpectedCode } from '../contract/types.ts';

export interface AttrEntry {
  key: string;
  value: string;
}

export interface CounterEntry {
  Key: string;
  Value: bigint;
}

/** One profile row that applies to a request (several may: a key too long in a 17-key write). */
export interface AppliedRow {
  /** x-tim-profile id, '<operationId>#<case id>' or a limit id ('limit:attr.key.maxBytes'). */
  row: string;
  /** 0 = the row says "accepted". */
  code: number;
  acceptable: number[];
  /** How sure the profile is that the request is refused (or accepted). */
  status: EvidenceStatus;
  /** How sure the profile is of the exact code (counter-limit rejections: refusal documented, 10004 inferred). */
  codeStatus: EvidenceStatus;
}

export interface ExpectedAnswer {
  accepted: boolean;
  /** Every code a conformant target may answer (empty when accepted). */
  codes: number[];
  /** Status of "accepted rather than refused" (or the reverse). */
  status: EvidenceStatus;
  /** Status of the exact code, when refused. */
  codeStatus: EvidenceStatus;
  /**
   * Status of the state the write leaves, when it differs from `status` (a delete that lists an
   * unknown key may be refused – inferred – but when accepted, the keys it did not list stay – documented).
   */
  stateStatus?: EvidenceStatus;
  /** The rows behind the answer, for messages and replay files. */
  rows: string[];
  /** Response data a success must carry (compared as sets: the order is not documented). */
  fields?: { GroupAttrAry?: AttrEntry[]; GroupCounter?: CounterEntry[]; GroupId?: string };
}

const STRENGTH: Record<EvidenceStatus, number> = { inferred: 0, 'documented-set': 1, documented: 2 };

export function strongest(statuses: readonly EvidenceStatus[]): EvidenceStatus {
  return statuses.reduce<EvidenceStatus>((best, s) => (STRENGTH[s] > STRENGTH[best] ? s : best), 'inferred');
}

export function weakest(statuses: readonly EvidenceStatus[]): EvidenceStatus {
  return statuses.reduce<EvidenceStatus>((worst, s) => (STRENGTH[s] < STRENGTH[worst] ? s : worst), 'documented');
}

/** A contract ExpectedCode as an applied row (refusal and code share its status). */
export function rowFrom(
  row: string,
  expected: ExpectedCode,
  refusalStatus: EvidenceStatus = expected.status,
): AppliedRow {
  const acceptable = expected.acceptable && expected.acceptable.length > 0 ? [...expected.acceptable] : [expected.code];
  if (!acceptable.includes(expected.code)) acceptable.unshift(expected.code);
  return { row, code: expected.code, acceptable, status: refusalStatus, codeStatus: expected.status };
}

/** Refused: any code of any applying row is conformant; the refusal is as sure as the surest row. */
export function refused(rows: readonly AppliedRow[]): ExpectedAnswer {
  const codes = [...new Set(rows.flatMap((r) => r.acceptable))];
  return {
    accepted: false,
    codes,
    status: strongest(rows.map((r) => r.status)),
    codeStatus: strongest(rows.map((r) => r.codeStatus)),
    rows: rows.map((r) => r.row),
  };
}

export function accepted(
  rows: readonly string[],
  status: EvidenceStatus,
  fields?: ExpectedAnswer['fields'],
): ExpectedAnswer {
  return { accepted: true, codes: [], status, codeStatus: status, rows: [...rows], ...(fields ? { fields } : {}) };
}
