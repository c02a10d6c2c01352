/**
 * What the SDK's tests exercised: per operation, how often it was called and which answers the
 * SDK was shown (success, each error code, HTTP errors, dropped connections), and which of the
 * operation's documented codes it never saw. Reported, not gating.
 */
import { getErrorCode, operations } from '../contract/index.ts';
import type { RequestView } from './request-view.ts';

export interface CodeCount {
  code: number;
  count: number;
  /** 0, a code the operation's page (x-tim-errors) documents, or a common REST/UserSig code of the catalogue. */
  documented: boolean;
}

export interface OperationCoverage {
  operationId: string;
  calls: number;
  /** ErrorCodes the SDK was answered (0 = success), most frequent first. */
  codes: CodeCount[];
  /** Answers without an ErrorCode: 'HTTP 502', 'dropped', 'not JSON'. */
  other: Array<{ answer: string; count: number }>;
  /** Codes the operation documents that the SDK was never shown. */
  notShown: number[];
}

function otherAnswer(view: RequestView): string | undefined {
  const response = view.exchange.response;
  if (response === undefined)
    return view.exchange.connection?.dropped ? `dropped ${view.exchange.connection.dropped}` : 'no answer';
  if (response.status !== 200) return `HTTP ${response.status}`;
  return view.answeredCode === undefined ? 'not JSON' : undefined;
}

/** The REST and UserSig codes every operation can answer (the common error page documents them). */
function isCommonCode(code: number): boolean {
  const category = getErrorCode(code)?.category;
  return category === 'rest-common' || category === 'signature';
}

export function exchangeMatrix(views: readonly RequestView[]): OperationCoverage[] {
  const rows = new Map<string, OperationCoverage>();
  const documented = new Map<string, Set<number>>();
  for (const op of operations()) {
    rows.set(op.operationId, { operationId: op.operationId, calls: 0, codes: [], other: [], notShown: [] });
    documented.set(op.operationId, new Set(op['x-tim-errors'].map((e) => e.code)));
  }
  for (const view of views) {
    let row = rows.get(view.operationLabel);
    if (!row)
      rows.set(
        view.operationLabel,
        (row = { operationId: view.operationLabel, calls: 0, codes: [], other: [], notShown: [] }),
      );
    row.calls++;
    const other = otherAnswer(view);
    if (other !== undefined) {
      const entry = row.other.find((o) => o.answer === other);
      if (entry) entry.count++;
      else row.other.push({ answer: other, count: 1 });
      continue;
    }
    const code = view.answeredCode as number;
    const entry = row.codes.find((c) => c.code === code);
    if (entry) entry.count++;
    else
      row.codes.push({
        code,
        count: 1,
        documented: code === 0 || (documented.get(row.operationId)?.has(code) ?? false) || isCommonCode(code),
      });
  }
  for (const row of rows.values()) {
    row.codes.sort((a, b) => a.code - b.code);
    const shown = new Set(row.codes.map((c) => c.code));
    row.notShown = [...(documented.get(row.operationId) ?? [])].filter((c) => !shown.has(c)).sort((a, b) => a - b);
  }
  return [...rows.values()];
}
