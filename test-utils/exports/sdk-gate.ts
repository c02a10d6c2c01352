/**
 * `tim-conformance/sdk-gate`: judge an SDK's own requests against the contract, from code.
 * The same core as `npx tim-conformance sdk-gate | proxy | judge | diff`: recordings (JSON
 * lines, usersig redacted), the request rules, the judgement, the four report files, and the
 * gate itself (start the mock, run a command, judge what it sent).
 *
 *   import { readCassette, judgeExchanges, mockJudgeContext, writeSdkReports } from 'tim-conformance/sdk-gate';
 *   const judgement = judgeExchanges(readCassette('sdk.jsonl'), mockJudgeContext());
 *   writeSdkReports('reports/sdk', judgement, { command: 'recorded' });
 */
export type {
  ConnectionOutcome,
  JudgeApp,
  JudgeContext,
  RecordedExchange,
  RecordedResponse,
  UserSigFacts,
} from '../sdk-gate/exchange.ts';
export {
  buildExchange,
  CassetteError,
  CassetteWriter,
  parseCassette,
  readCassette,
  serializeExchange,
  writeCassette,
  type RawExchange,
  type ReadCassetteOptions,
} from '../sdk-gate/cassette.ts';
export {
  judgeExchanges,
  judgementExitCode,
  type FindingRequest,
  type FindingStatus,
  type OperationCoverage,
  type RuleOutcome,
  type SdkFinding,
  type SdkJudgement,
  type SdkJudgementSummary,
} from '../sdk-gate/judge.ts';
export { judgeAppOfMockApp, mockJudgeContext } from '../sdk-gate/mock-context.ts';
export { RULES, getRule } from '../sdk-gate/rules/index.ts';
export {
  DEFAULT_SDK_REPORT_DIR,
  SDK_REPORT_FILES,
  writeSdkReports,
  type SdkReportMeta,
  type SdkResultsFile,
} from '../sdk-gate/report/index.ts';
export { diffRecordings, diffMarkdown, type DiffRow } from '../sdk-gate/diff-recordings.ts';
export { startProxy, type ProxyHandle, type ProxyOptions } from '../sdk-gate/proxy-server.ts';
export { runSdkGate, type SdkGateIo, type SdkGateOptions } from '../sdk-gate/run-sdk-gate.ts';
export { loadScenarioFile, parseScenario, type ScenarioFile, type ScenarioRule } from '../sdk-gate/scenario.ts';
