/**
 * `tim-conformance sdk-gate`: runs an SDK's own test command against the reference mock,
 * records every request it makes, judges them against the documented request rules and
 * writes the reports. The exit code is the command's own when that is non-zero, else 1 when a
 * gating finding (or nothing at all) was seen, else 0; 2 on a usage or set-up error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants as osConstants } from 'node:os';
import { redact, registerSecretKey } from '../client/redact.ts';
import { startMockServer } from '../mock/index.ts';
import type { MockApp, MockServerHandle, MockServerOptions } from '../mock/index.ts';
import { startControlServer } from './control-server.ts';
import type { ControlServer } from './control-server.ts';
import type { JudgeApp, JudgeContext } from './exchange.ts';
import { judgeExchanges } from './judge.ts';
import { writeSdkReports } from './report/index.ts';
import { writeCassette } from './cassette.ts';
import { coverageGaps, describeGaps } from './coverage-gate.ts';
import { createExchangeRecorder } from './recorder.ts';
import { ScenarioEngine } from './scenario.ts';
import type { ScenarioFile } from './scenario.ts';

export interface SdkGateOptions {
  mock: MockServerOptions;
  /** The command and its arguments (after `--`). */
  command: string[];
  reportDir: string;
  scenario?: ScenarioFile;
  /** Also write the recording here (a cassette, for judge and diff). */
  recordFile?: string;
  requireCoverage: boolean;
}

export interface SdkGateIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function judgeAppsOf(apps: readonly MockApp[]): JudgeApp[] {
  return apps.map((app) => ({
    sdkappid: String(app.sdkappid),
    secretKey: app.secretKey,
    admins: [app.admin, ...app.extraAdmins],
    countersEdition: app.countersEdition,
  }));
}

/** The variables the command gets (on top of the caller's environment). */
function gateEnvironment(
  mock: MockServerHandle,
  control: ControlServer,
  caFile: string | undefined,
): Record<string, string> {
  const [full, basic] = mock.apps;
  const env: Record<string, string> = {
    TIM_MOCK_URL: mock.url,
    TIM_CONTROL_URL: control.url,
    TIM_SDKAPPID: String(full!.sdkappid),
    TIM_SECRET_KEY: full!.secretKey,
    TIM_ADMIN: full!.admin,
  };
  if (basic !== undefined) {
    env['TIM_BASIC_SDKAPPID'] = String(basic.sdkappid);
    env['TIM_BASIC_SECRET_KEY'] = basic.secretKey;
  }
  if (mock.httpsUrl !== undefined) env['TIM_MOCK_HTTPS_URL'] = mock.httpsUrl;
  if (caFile !== undefined) env['TIM_CA_CERT'] = caFile;
  return env;
}

type ChildEnd = { started: false; error: string } | { started: true; exitCode: number };

/** Runs the command; SIGINT/SIGTERM sent to this process are passed on to it. */
function runCommand(command: string[], env: NodeJS.ProcessEnv): Promise<ChildEnd> {
  return new Promise((resolve) => {
    const [file, ...args] = command;
    const child = spawn(file!, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const done = (end: ChildEnd): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(end);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      // 'error' without a pid: the command could not be started at all.
      if (child.pid === undefined) done({ started: false, error: error.code ?? error.message.split('\n')[0]! });
    });
    child.once('close', (code, signal) => {
      if (child.pid === undefined) return;
      const bySignal = signal === null ? undefined : (osConstants.signals as Record<string, number>)[signal];
      done({ started: true, exitCode: code ?? (bySignal === undefined ? 1 : 128 + bySignal) });
    });
  });
}

/** Resolves with the process exit code. */
export async function runSdkGate(
  options: SdkGateOptions,
  io: SdkGateIo,
  baseEnv: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const engine = new ScenarioEngine(options.scenario?.rules ?? []);
  const apps = options.mock.apps;
  if (apps === undefined) throw new Error('sdk-gate needs the mock apps resolved');
  const judgeApps = judgeAppsOf(apps);
  // The keys go to the command in its environment only; nothing this process writes may hold them.
  for (const app of apps) registerSecretKey(app.secretKey);
  const recorder = createExchangeRecorder(judgeApps, engine);

  let mock: MockServerHandle;
  try {
    mock = await startMockServer({ ...options.mock, exchangeHook: recorder.hook });
  } catch (error) {
    io.err(
      `tim-conformance sdk-gate: cannot start the mock (${(error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0]})`,
    );
    return 2;
  }
  let control: ControlServer | undefined;
  let tempDir: string | undefined;
  let end: ChildEnd;
  try {
    control = await startControlServer(engine, () => recorder.exchanges.length);
    let caFile: string | undefined;
    if (mock.caCert !== undefined) {
      tempDir = mkdtempSync(join(tmpdir(), 'tim-sdk-gate-'));
      caFile = join(tempDir, 'mock-ca.pem');
      writeFileSync(caFile, mock.caCert);
    }
    end = await runCommand(options.command, { ...baseEnv, ...gateEnvironment(mock, control, caFile) });
  } finally {
    await control?.close();
    await mock.close();
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
  }

  if (!end.started) {
    io.err(`tim-conformance sdk-gate: cannot start '${redact(options.command[0]!)}' (${end.error})`);
    return 2;
  }
  const exchanges = recorder.exchanges;
  if (exchanges.length === 0) {
    io.err('sdk-gate: the command made no request to the mock');
    return end.exitCode !== 0 ? end.exitCode : 1;
  }
  if (options.recordFile !== undefined) {
    try {
      writeCassette(options.recordFile, exchanges);
    } catch (error) {
      io.err(
        `tim-conformance sdk-gate: cannot write the recording '${options.recordFile}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      return 2;
    }
  }
  const context: JudgeContext = { apps: judgeApps, appsComplete: true };
  const judgement = judgeExchanges(exchanges, context);
  const scenarios = engine.report(exchanges);
  const gaps = options.requireCoverage ? coverageGaps(judgement.operations) : [];
  const gatingFindings = judgement.summary.gatingFindings;
  const exitCode = end.exitCode !== 0 ? end.exitCode : gatingFindings > 0 || gaps.length > 0 ? 1 : 0;
  writeSdkReports(options.reportDir, judgement, {
    command: `sdk-gate -- ${options.command.join(' ')}`,
    exitCode,
    commandExitCode: end.exitCode,
    scenarios,
    ...(options.recordFile !== undefined ? { recording: options.recordFile } : {}),
  });
  const fired = scenarios.filter((s) => s.fired > 0).length;
  io.err(
    `sdk-gate: ${redact(options.command.join(' '))}: ${exchanges.length} request(s), ${judgement.findings.length} finding(s), ${gatingFindings} gating` +
      `${scenarios.length > 0 ? `, ${fired}/${scenarios.length} scenario rule(s) fired` : ''}; command exit ${end.exitCode}; reports in ${options.reportDir}`,
  );
  if (gaps.length > 0)
    io.err(
      `sdk-gate: --require-coverage: ${gaps.length} operation(s) not shown every documented answer: ${describeGaps(gaps)}`,
    );
  return exitCode;
}
