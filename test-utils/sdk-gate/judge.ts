/**
 * Judges recorded exchanges: every rule on every request (and the sequence rules on the whole
 * recording), findings grouped by rule × operation with their occurrence counts, and the matrix
 * of what the SDK's tests exercised. Pure: the same exchanges and context give the same
 * judgement, whether they come from sdk-gate's recorder, the proxy or a cassette file.
 */
import { redact, registerSecretKey } from '../client/redact.ts';
import type { JudgeContext, RecordedExchange } from './exchange.ts';
import { RULES, ruleStatus, type FindingStatus, type Rule } from './rules/index.ts';
import type { Violation } from './rules/rule.ts';
import { exchangeMatrix, type OperationCoverage } from './matrix.ts';
import { redactedQuery, redactPath } from './request-line.ts';
import { viewOf, type RequestView } from './request-view.ts';

export type { FindingStatus } from './rules/index.ts';
export type { OperationCoverage } from './matrix.ts';

/** The request of a finding as the SDK sent it, usersig redacted. */
export interface FindingRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  bodyBase64?: string;
}

export interface SdkFinding {
  rule: string;
  status: FindingStatus;
  /** operationId, or the path when it names no operation of the contract. */
  operation: string;
  /** The first occurrence's message. */
  message: string;
  docUrl: string;
  /** How many requests broke the rule for this operation (a request counts once). */
  count: number;
  /** The first offending request. */
  request: FindingRequest;
  /** seq of every offending request (at most MAX_LISTED). */
  seqs: number[];
  /** Distinct messages when occurrences differ (at most MAX_LISTED). */
  messages: string[];
}

/** One rule × one operation the SDK called: what junit lists as a testcase. */
export interface RuleOutcome {
  rule: string;
  operation: string;
  /** 'passed', or the status of the finding. */
  outcome: 'passed' | FindingStatus;
  calls: number;
}

export interface SdkJudgementSummary {
  requests: number;
  findings: number;
  gatingFindings: number;
  tentativeFindings: number;
  notes: number;
}

export interface SdkJudgement {
  summary: SdkJudgementSummary;
  findings: SdkFinding[];
  operations: OperationCoverage[];
  outcomes: RuleOutcome[];
}

const MAX_LISTED = 100;
const SEVERITY: Record<FindingStatus, number> = { gating: 3, tentative: 2, note: 1 };

function findingRequest(exchange: RecordedExchange): FindingRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(exchange.headers)) headers[name] = redact(value);
  return {
    seq: exchange.seq,
    method: exchange.method,
    path: redactPath(exchange.path),
    query: redactedQuery(exchange.path),
    headers,
    body: redact(exchange.body),
    ...(exchange.bodyBase64 !== undefined ? { bodyBase64: exchange.bodyBase64 } : {}),
  };
}

interface Occurrence {
  rule: Rule;
  view: RequestView;
  message: string;
  status: FindingStatus;
  docUrl: string;
}

/** One violation as an occurrence: the rule's own status and doc URL unless the violation names others. */
function occurrenceOf(rule: Rule, view: RequestView, v: Violation): Occurrence {
  return { rule, view, message: v.message, status: v.status ?? ruleStatus(rule), docUrl: v.docUrl ?? rule.docUrl };
}

function group(occurrences: Occurrence[]): SdkFinding[] {
  const byKey = new Map<string, SdkFinding>();
  for (const o of occurrences) {
    const key = `${o.rule.id}\u0000${o.view.operationLabel}`;
    const message = redact(o.message);
    const found = byKey.get(key);
    if (!found) {
      byKey.set(key, {
        rule: o.rule.id,
        status: o.status,
        operation: o.view.operationLabel,
        message,
        docUrl: o.docUrl,
        count: 1,
        request: findingRequest(o.view.exchange),
        seqs: [o.view.exchange.seq],
        messages: [message],
      });
      continue;
    }
    if (SEVERITY[o.status] > SEVERITY[found.status]) found.status = o.status;
    if (found.seqs[found.seqs.length - 1] !== o.view.exchange.seq) {
      found.count++;
      if (found.seqs.length < MAX_LISTED) found.seqs.push(o.view.exchange.seq);
    }
    if (found.messages.length < MAX_LISTED && !found.messages.includes(message)) found.messages.push(message);
  }
  const ruleOrder = new Map(RULES.map((r, i) => [r.id, i]));
  return [...byKey.values()].sort(
    (a, b) =>
      SEVERITY[b.status] - SEVERITY[a.status] ||
      (ruleOrder.get(a.rule) ?? 0) - (ruleOrder.get(b.rule) ?? 0) ||
      a.operation.localeCompare(b.operation),
  );
}

export function judgeExchanges(
  exchanges: readonly RecordedExchange[],
  context: JudgeContext,
  rules: readonly Rule[] = RULES,
): SdkJudgement {
  // The keys are secrets of this process from now on: every report text is redacted against them.
  for (const app of context.apps) if (app.secretKey) registerSecretKey(app.secretKey);
  const ordered = [...exchanges].sort((a, b) => a.seq - b.seq);
  const views = ordered.map(viewOf);
  const occurrences: Occurrence[] = [];
  for (const rule of rules) {
    if (rule.scope === 'request') {
      for (const view of views) {
        for (const v of rule.check(view, context)) occurrences.push(occurrenceOf(rule, view, v));
      }
    } else {
      for (const v of rule.check(views, context)) {
        const view = views[v.index];
        if (view) occurrences.push(occurrenceOf(rule, view, v));
      }
    }
  }
  const findings = group(occurrences);
  const outcomes = ruleOutcomes(views, findings, rules);
  return {
    summary: {
      requests: exchanges.length,
      findings: findings.length,
      gatingFindings: findings.filter((f) => f.status === 'gating').length,
      tentativeFindings: findings.filter((f) => f.status === 'tentative').length,
      notes: findings.filter((f) => f.status === 'note').length,
    },
    findings,
    operations: exchangeMatrix(views),
    outcomes,
  };
}

function ruleOutcomes(views: RequestView[], findings: SdkFinding[], rules: readonly Rule[]): RuleOutcome[] {
  const called = new Map<string, { calls: number; view: RequestView }>();
  for (const view of views) {
    const entry = called.get(view.operationLabel);
    if (entry) entry.calls++;
    else called.set(view.operationLabel, { calls: 1, view });
  }
  const out: RuleOutcome[] = [];
  for (const rule of rules) {
    for (const [operation, { calls, view }] of called) {
      const finding = findings.find((f) => f.rule === rule.id && f.operation === operation);
      if (!finding && rule.appliesTo && !rule.appliesTo(view.operation)) continue;
      out.push({ rule: rule.id, operation, outcome: finding ? finding.status : 'passed', calls });
    }
  }
  return out;
}

/** Exit code of a judgement: 1 when a gating finding, else 0. */
export function judgementExitCode(judgement: SdkJudgement): 0 | 1 {
  return judgement.summary.gatingFindings > 0 ? 1 : 0;
}
