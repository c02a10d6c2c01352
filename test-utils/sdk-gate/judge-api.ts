/**
 * The judging core sdk-gate, proxy and diff rely on (judgeExchanges, writeSdkReports, cassettes),
 * gathered in one place. TEMPORARY STUB until the judging core is merged: it returns no finding.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JudgeContext, RecordedExchange } from './exchange.ts';

export interface SdkFinding {
  rule: string;
  status: 'gating' | 'tentative' | 'note';
  operation: string;
  message: string;
  docUrl: string;
  count: number;
  request: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: string };
}

export interface SdkJudgement {
  findings: SdkFinding[];
  operations: Array<{ operationId: string; calls: number; codes: Record<string, number> }>;
}

export function judgeExchanges(_exchanges: readonly RecordedExchange[], _context: JudgeContext): SdkJudgement {
  return { findings: [], operations: [] };
}

export interface SdkReportInput {
  command: string;
  exitCode: number;
  exchanges: readonly RecordedExchange[];
  judgement: SdkJudgement;
  scenarios: unknown[];
  requireCoverage?: boolean;
}

export function writeSdkReports(dir: string, input: SdkReportInput): { gatingFindings: number } {
  mkdirSync(dir, { recursive: true });
  const gatingFindings = input.judgement.findings.filter((f) => f.status === 'gating').length;
  writeFileSync(join(dir, 'sdk-results.json'), JSON.stringify({ command: input.command, exitCode: input.exitCode, summary: { requests: input.exchanges.length, findings: input.judgement.findings.length, gatingFindings }, operations: input.judgement.operations, scenarios: input.scenarios, findings: input.judgement.findings }, null, 2));
  return { gatingFindings };
}

