/**
 * Which parts of each operation's contract the generated cases exercise, and which documented
 * error codes no generated case provokes (the start of issue 6's coverage report; the runner does
 * not write it yet, and codes provoked only by hand-written suites are not counted here).
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadSpec, operations } from '../contract/index.ts';
import type { GroupType } from '../contract/types.ts';
import type { GeneratedSuite } from './cases.ts';

export interface OperationCoverage {
  operation: string;
  groupTypes: GroupType[];
  documentedCodes: number[];
  provokedCodes: number[];
  unprovokedCodes: number[];
  limitsExercised: string[];
  limitsUncovered: string[];
  fieldsExercised: string[];
}

export function coverageOf(suite: GeneratedSuite, spec: OpenAPIV3_1.Document = loadSpec()): OperationCoverage[] {
  return operations(spec).map((op) => {
    const cases = suite.cases.filter((c) => c.operation === op.operationId);
    const documentedCodes = [...new Set(op['x-tim-errors'].map((e) => e.code))].sort((a, b) => a - b);
    const provoked = new Set(
      cases.flatMap((c) => [c.expected.code, ...(c.expected.acceptable ?? [])]).filter((code) => code !== 0),
    );
    const unique = <T>(items: T[]): T[] => [...new Set(items)];
    return {
      operation: op.operationId,
      groupTypes: unique(cases.filter((c) => c.kind === 'group-type').map((c) => c.groupType)),
      documentedCodes,
      provokedCodes: [...provoked].sort((a, b) => a - b),
      unprovokedCodes: documentedCodes.filter((code) => !provoked.has(code)),
      limitsExercised: unique(cases.flatMap((c) => (c.kind === 'limit' ? [c.limitId] : []))),
      limitsUncovered: suite.uncoveredLimits.filter((u) => u.operation === op.operationId).map((u) => u.limitId),
      fieldsExercised: unique(
        cases.flatMap((c) => (c.kind === 'missing-field' || c.kind === 'wrong-type' ? [c.field] : [])),
      ),
    };
  });
}

/** The coverage as a Markdown table, one row per operation. */
export function coverageMarkdown(rows: OperationCoverage[]): string {
  const list = (items: readonly (string | number)[]) => (items.length ? items.join(', ') : '—');
  const lines = [
    '| operation | group types | codes provoked | documented codes without a case | limits | limits not derived | fields |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.operation} | ${list(r.groupTypes)} | ${list(r.provokedCodes)} | ${list(r.unprovokedCodes)} | ${list(r.limitsExercised)} | ${list(r.limitsUncovered)} | ${list(r.fieldsExercised)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
