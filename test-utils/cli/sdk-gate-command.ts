/**
 * `tim-conformance sdk-gate [options] -- <command> [args...]`: the argument parsing; the run
 * itself is test-utils/sdk-gate/run-sdk-gate.ts.
 */
import { parseMockArgs, UsageError as MockUsageError } from '../mock/cli.ts';
import type { RunnerIO } from '../runner/run-conformance.ts';
import { UsageError } from './args.ts';
import { checkReportDir } from '../config/report-dir.ts';

export const SDK_GATE_USAGE = `tim-conformance sdk-gate [options] -- <command> [args...]

Starts the reference mock, runs <command> (an SDK's own tests) with the variables below set,
records every request it makes to the mock, judges them against the documented request rules
and writes DIR/sdk-results.json, sdk-junit.xml, sdk-report.html and sdk-report.md. Exits with
the command's exit code when that is non-zero, else 1 when a gating finding was seen (or the
command made no request to the mock), else 0; 2 on a usage or set-up error (a command that
cannot be started). SIGINT/SIGTERM are passed on to the command; the mock always stops.

The command gets:
  TIM_MOCK_URL          http://127.0.0.1:PORT (the mock)
  TIM_MOCK_HTTPS_URL    https://127.0.0.1:PORT (with --tls; same state)
  TIM_CA_CERT           a PEM file with the https mock's certificate (with --tls)
  TIM_SDKAPPID, TIM_SECRET_KEY, TIM_ADMIN            the app with every edition
  TIM_BASIC_SDKAPPID, TIM_BASIC_SECRET_KEY           an app without the counters' edition
  TIM_CONTROL_URL       the control API for scripted answers (see docs/sdk-gate.md)

Gate:
  --report-dir DIR      default reports/sdk
  --scenario FILE       scripted answers (JSON, schemas/sdk-scenario.schema.json)
  --record FILE         also write the recording (JSON lines, usersig redacted), for judge and diff
  --require-coverage    every operation the SDK called must have been seen to succeed and to
                        get each of its documented error codes (else the matrix only reports)

Mock (as for tim-conformance mock):
  --sdkappid N --secret-key K [--admin NAME]   the full app (default: the mock's test app)
  --basic-sdkappid N --basic-secret-key K      the basic app
  --no-rate-limits      --latency-ms N         --tls [--cert FILE --key FILE]   --host H --port N`;

export interface SdkGateArgs {
  mockArgv: string[];
  command: string[];
  reportDir: string;
  scenario?: string;
  record?: string;
  requireCoverage: boolean;
}

/** Takes the gate's own options out of the argv; the rest are the mock's. */
export function splitSdkGateArgs(argv: string[]): SdkGateArgs | 'help' {
  const dash = argv.indexOf('--');
  const before = dash === -1 ? argv : argv.slice(0, dash);
  const command = dash === -1 ? [] : argv.slice(dash + 1);
  const mockArgv: string[] = [];
  let reportDir = 'reports/sdk';
  let scenario: string | undefined;
  let record: string | undefined;
  let requireCoverage = false;
  for (let i = 0; i < before.length; i++) {
    const arg = before[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? before[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '--help' || name === '-h') return 'help';
    else if (name === '--report-dir') reportDir = value();
    else if (name === '--scenario') scenario = value();
    else if (name === '--record') record = value();
    else if (name === '--require-coverage') requireCoverage = true;
    else mockArgv.push(arg);
  }
  if (command.length === 0 || command[0] === '')
    throw new UsageError(
      'sdk-gate needs a command after -- (tim-conformance sdk-gate [options] -- <command> [args...])',
    );
  return {
    mockArgv,
    command,
    reportDir,
    ...(scenario !== undefined ? { scenario } : {}),
    ...(record !== undefined ? { record } : {}),
    requireCoverage,
  };
}

export async function sdkGateCommand(argv: string[], io: RunnerIO): Promise<number> {
  const split = splitSdkGateArgs(argv);
  if (split === 'help') {
    io.out(SDK_GATE_USAGE);
    return 0;
  }
  // Before the mock and the SDK's tests start: a report directory that cannot be written would
  // otherwise end a whole test run in a stack trace.
  checkReportDir(split.reportDir, 'sdk-gate: --report-dir');
  let mockOptions;
  try {
    const parsed = parseMockArgs(split.mockArgv);
    if (parsed === 'help') {
      io.out(SDK_GATE_USAGE);
      return 0;
    }
    mockOptions = parsed;
  } catch (error) {
    if (error instanceof MockUsageError) throw new UsageError(`sdk-gate: ${error.message}`);
    throw error;
  }
  // The gate always serves http; --tls adds https on a second port with the same state.
  if (mockOptions.tls !== undefined) {
    mockOptions.alsoHttps = mockOptions.tls;
    delete mockOptions.tls;
  }
  const { loadScenarioFile, ScenarioError } = await import('../sdk-gate/scenario.ts');
  let scenario;
  try {
    scenario = split.scenario === undefined ? undefined : loadScenarioFile(split.scenario);
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(`sdk-gate: ${error.message}`);
    throw error;
  }
  const { runSdkGate } = await import('../sdk-gate/run-sdk-gate.ts');
  return runSdkGate(
    {
      mock: mockOptions,
      command: split.command,
      reportDir: split.reportDir,
      requireCoverage: split.requireCoverage,
      ...(scenario !== undefined ? { scenario } : {}),
      ...(split.record !== undefined ? { recordFile: split.record } : {}),
    },
    { out: io.out, err: io.err },
  );
}
