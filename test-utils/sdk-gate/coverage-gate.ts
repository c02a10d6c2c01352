/**
 * `--require-coverage`: the exercised-answers matrix gates. Every operation the SDK's tests
 * called must have been seen to succeed and to get each error code its page documents (the
 * scenarios can provoke any of them). Operations never called are not required: an SDK need
 * not wrap every API.
 */
import type { OperationCoverage } from './matrix.ts';

export interface CoverageGap {
  operationId: string;
  /** 0 (success) and the documented codes the SDK was never shown. */
  missing: number[];
}

export function coverageGaps(operations: readonly OperationCoverage[]): CoverageGap[] {
  const gaps: CoverageGap[] = [];
  for (const row of operations) {
    if (row.calls === 0) continue;
    const missing = [...(row.codes.some((c) => c.code === 0) ? [] : [0]), ...row.notShown];
    if (missing.length > 0) gaps.push({ operationId: row.operationId, missing });
  }
  return gaps;
}

export function describeGaps(gaps: readonly CoverageGap[]): string {
  return gaps.map((g) => `${g.operationId} (${g.missing.join(', ')})`).join('; ');
}
