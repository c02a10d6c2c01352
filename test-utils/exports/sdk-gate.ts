/**
 * `tim-conformance/sdk-gate`: the SDK release gate for an SDK team's own tooling — judge a
 * recording (a cassette of `proxy` or `sdk-gate --record`, or captured traffic) against the
 * request rules, write the same reports as the CLI, or run a command under the gate.
 *
 *   import { readCassette, judgeExchanges, judgementExitCode, writeSdkReports } from 'tim-conformance/sdk-gate';
 *   const exchanges = readCassette('sdk.jsonl');
 *   const judgement = judgeExchanges(exchanges, { apps: [], appsComplete: false });
 *   writeSdkReports('reports/sdk', judgement, { command: 'judge sdk.jsonl', exitCode: judgementExitCode(judgement) });
 */
export { runSdkGate, type SdkGateOptions, type SdkGateIo } from '../sdk-gate/run-sdk-gate.ts';
export {
  judgeExchanges,
  judgementExitCode,
  type SdkJudgement,
  type SdkJudgementSummary,
  type SdkFinding,
  type FindingRequest,
  type RuleOutcome,
  type OperationCoverage,
} from '../sdk-gate/judge.ts';
export { readCassette, parseCassette, CassetteError, type ReadCassetteOptions } from '../sdk-gate/cassette.ts';
export { writeSdkReports, DEFAULT_SDK_REPORT_DIR, SDK_REPORT_FILES, type SdkResultsFile, type SdkReportMeta } from '../sdk-gate/report/index.ts';
export { RULES, getRule, type Rule, type FindingStatus } from '../sdk-gate/rules/index.ts';
export type { RecordedExchange, JudgeApp, JudgeContext } from '../sdk-gate/exchange.ts';
