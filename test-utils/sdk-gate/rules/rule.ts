/**
 * What a request rule is. Each rule states how sure the project is that a request breaking it is
 * wrong (`evidence`, from the behaviour profile and the documents) and whether the server accepts
 * such a request anyway (`accepted`). The status of its findings follows from those two:
 *
 * - accepted by the server (the legacy get_group_attr path, a missing Content-Type): a note;
 * - refused or against a documented requirement: gating when documented or a documented set,
 *   tentative when only inferred.
 */
import { profileCase, type EvidenceStatus, type OperationContract } from '../../contract/index.ts';
import type { JudgeContext } from '../exchange.ts';
import type { RequestView } from '../request-view.ts';

export type FindingStatus = 'gating' | 'tentative' | 'note';

export interface RuleInfo {
  /** Stable id: 'usersig.not-expired'. Findings, junit testcases and docs use it. */
  id: string;
  /** One line: what a conforming request does. */
  title: string;
  evidence: EvidenceStatus;
  /** The server answers such a request as if nothing were wrong: the finding is a note. */
  accepted: boolean;
  /** The behaviour-profile row (top-level x-tim-profile id) that says what the server answers. */
  profileRow?: string;
  /** Where the requirement is written down (from the spec's x-tim data). */
  docUrl: string;
  /** Whether the rule can say anything about calls of this operation (default: every operation). */
  appliesTo?(operation: OperationContract | undefined): boolean;
}

export interface Violation {
  message: string;
  /** Overrides the rule's status (a limit whose refusal code is only inferred). */
  status?: FindingStatus;
  /** Overrides the doc URL (the operation's own page). */
  docUrl?: string;
}

export interface SequenceViolation extends Violation {
  /** The exchange (by position in the judged list) the violation is about. */
  index: number;
}

export interface RequestRule extends RuleInfo {
  scope: 'request';
  check(view: RequestView, context: JudgeContext): Violation[];
}

export interface SequenceRule extends RuleInfo {
  scope: 'sequence';
  check(views: readonly RequestView[], context: JudgeContext): SequenceViolation[];
}

export type Rule = RequestRule | SequenceRule;

/** The status every finding of a rule gets unless a violation overrides it. */
export function ruleStatus(rule: Pick<RuleInfo, 'evidence' | 'accepted'>): FindingStatus {
  if (rule.accepted) return 'note';
  return rule.evidence === 'inferred' ? 'tentative' : 'gating';
}

/** The status of an expected refusal code's evidence (a limit's `exceeded`, a group type's `rejectedWith`). */
export function statusOfEvidence(evidence: EvidenceStatus): FindingStatus {
  return evidence === 'inferred' ? 'tentative' : 'gating';
}

/** The first document of a behaviour-profile row. */
export function profileDoc(rowId: string): string {
  return profileCase(rowId).expected.docUrls[0] ?? '';
}

/** "would be refused with 70001" / "with 70003 (or 70005)" from a profile row. */
export function refusalOf(rowId: string): string {
  const expected = profileCase(rowId).expected;
  const others = (expected.acceptable ?? []).filter((c) => c !== expected.code);
  const alt = others.length > 0 ? ` (or ${others.join(', ')})` : '';
  const inferred = expected.status === 'inferred' ? ', inferred' : '';
  return `would be refused with ${expected.code}${alt}${inferred}`;
}

/** The common REST conventions page (the request format: POST, the five query parameters, JSON body). */
export const REST_OVERVIEW_ROW = 'transport.http-200';
