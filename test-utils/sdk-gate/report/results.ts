/**
 * sdk-results.json: the machine-readable outcome of judging an SDK's requests (sdk-gate, proxy,
 * judge). Validated by sdk-results.schema.json beside this file. Every text that came from the
 * SDK or a command line goes through redact(), so no usersig or registered secret key can reach it.
 */
import { redact } from '../../client/redact.ts';
import { RULES, ruleStatus, type FindingStatus } from '../rules/index.ts';
import { judgementExitCode, type SdkFinding, type SdkJudgement, type SdkJudgementSummary } from '../judge.ts';
import type { OperationCoverage } from '../matrix.ts';

/** What a scenario rule did and what the SDK did next (filled by sdk-gate; free-form beyond these). */
export interface SdkScenarioReport {
  /** The scenario rule's id or description. */
  id: string;
  /** How often it fired. */
  fired: number;
  description?: string;
  /** What the SDK did next, in words ('retried 2 times after 1.0 s, then gave up'). */
  sdkNext?: string;
  [extra: string]: unknown;
}

/** What the caller of writeSdkReports knows beyond the judgement. */
export interface SdkReportMeta {
  /** The command judged ('judge sdk.jsonl', 'sdk-gate -- mvn test'); redacted before writing. */
  command: string;
  /** The exit code the command gives; default 1 on a gating finding, else 0. */
  exitCode?: number;
  scenarios?: SdkScenarioReport[];
  /** The recording judged (judge) or written (sdk-gate --record, proxy --record). */
  recording?: string;
  /** The exit code of the SDK's own command (sdk-gate). */
  commandExitCode?: number;
}

export interface SdkRuleEntry {
  id: string;
  title: string;
  status: FindingStatus;
  evidence: string;
  docUrl: string;
}

export interface SdkResultsFile {
  command: string;
  exitCode: number;
  commandExitCode?: number;
  recording?: string;
  summary: SdkJudgementSummary;
  operations: OperationCoverage[];
  scenarios: SdkScenarioReport[];
  findings: SdkFinding[];
  rules: SdkRuleEntry[];
}

/** A command line with its secret-key options' values removed, then redacted. */
export function redactCommand(command: string): string {
  return redact(command.replace(/(--(?:basic-)?secret-key(?:=|\s+))(\S+)/g, '$1<redacted>'));
}

export function buildSdkResults(judgement: SdkJudgement, meta: SdkReportMeta): SdkResultsFile {
  const scenarios = JSON.parse(redact(JSON.stringify(meta.scenarios ?? []))) as SdkScenarioReport[];
  return {
    command: redactCommand(meta.command),
    exitCode: meta.exitCode ?? judgementExitCode(judgement),
    ...(meta.commandExitCode !== undefined ? { commandExitCode: meta.commandExitCode } : {}),
    ...(meta.recording !== undefined ? { recording: redact(meta.recording) } : {}),
    summary: judgement.summary,
    operations: judgement.operations,
    scenarios,
    // The findings were redacted when judged; once more, so the file can never be where a secret leaks.
    findings: JSON.parse(redact(JSON.stringify(judgement.findings))) as SdkFinding[],
    rules: RULES.map((r) => ({
      id: r.id,
      title: r.title,
      status: ruleStatus(r),
      evidence: r.evidence,
      docUrl: r.docUrl,
    })),
  };
}
