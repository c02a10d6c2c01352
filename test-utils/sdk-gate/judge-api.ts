/**
 * The judging core sdk-gate and the proxy rely on, gathered in one place. writeSdkReports is a
 * TEMPORARY STUB until the reports of the judging core are merged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedExchange } from './exchange.ts';
import type { SdkFinding, SdkJudgement } from './judge.ts';
import { redactedQuery } from './request-line.ts';
import type { ServerFinding } from './server-answer.ts';

export { judgeExchanges } from './judge.ts';
export type { SdkFinding, SdkJudgement } from './judge.ts';

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


/**
 * Server findings (the proxy's answer checks) as report findings: one per rule × operation,
 * status 'note' so they never gate an SDK, with the first request that earned it.
 */
export function serverFindingsForReport(found: readonly ServerFinding[], exchanges: readonly RecordedExchange[]): SdkFinding[] {
  const bySeq = new Map(exchanges.map((e) => [e.seq, e]));
  const grouped = new Map<string, SdkFinding>();
  for (const f of found) {
    const key = `${f.rule}\n${f.operation}`;
    const existing = grouped.get(key);
    if (existing !== undefined) {
      existing.count += 1;
      existing.seqs.push(f.seq);
      if (!existing.messages.includes(f.message)) existing.messages.push(f.message);
      continue;
    }
    const e = bySeq.get(f.seq);
    grouped.set(key, {
      rule: f.rule,
      status: 'note',
      operation: f.operation,
      message: f.message,
      docUrl: f.docUrl,
      count: 1,
      request: { seq: f.seq, method: e?.method ?? '', path: e?.path ?? '', query: e ? redactedQuery(e.path) : {}, headers: e?.headers ?? {}, body: e?.body ?? '' },
      seqs: [f.seq],
      messages: [f.message],
    });
  }
  return [...grouped.values()];
}
