/**
 * `tim-conformance sdk-gate [options] -- <command> [args...]`: its options in the table (the
 * gate's own, the SDK reports' and the mock's, shared with `tim-conformance mock`) and the
 * handler; the run itself is test-utils/sdk-gate/run-sdk-gate.ts, loaded only when it runs.
 */
import { checkReportDir } from '../config/report-dir.ts';
import type { MockCommandOptions } from '../mock/cli.ts';
import { MOCK_OPTION_SPECS } from './mock-options.ts';
import { listOf, stringOf, UsageError, type CommandIO, type CommandSpec, type OptionValues } from './option-table.ts';
import { commandAlone } from './options.ts';

const GATE = 'Gate';

export const sdkGateSpec: CommandSpec = {
  name: 'sdk-gate',
  summary: "run an SDK's own tests against the mock and judge the requests they make",
  synopsis: 'tim-conformance sdk-gate [options] -- <command> [args...]',
  passthrough: "<command> [args...] is run as it is (an SDK's own tests), with the variables above set",
  description: `Starts the reference mock, runs <command> (an SDK's own tests) with the variables below set,
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

The Server and Apps options are those of tim-conformance mock (the gate serves http; --tls adds
https on a second port with the same state).`,
  options: [
    {
      name: 'scenario',
      type: 'string',
      value: 'FILE',
      section: GATE,
      help: 'scripted answers (JSON, schemas/sdk-scenario.schema.json)',
    },
    {
      name: 'require-coverage',
      type: 'boolean',
      section: GATE,
      help: 'every operation the SDK called must have been seen to succeed and to get each of its documented error codes (else the matrix only reports)',
    },
  ],
  run: runSdkGateCommand,
};

/** The mock's options as its own parser (test-utils/mock/cli.ts) reads them. */
function mockArgv(values: OptionValues): string[] {
  return MOCK_OPTION_SPECS.flatMap((option) => {
    if (option.type === 'boolean') return values[option.name] === true ? [`--${option.name}`] : [];
    return listOf(values, option.name).map((value) => `--${option.name}=${value}`);
  });
}

async function mockOptionsOf(values: OptionValues): Promise<MockCommandOptions> {
  const { parseMockArgs, UsageError: MockUsageError } = await import('../mock/cli.ts');
  let options;
  try {
    options = parseMockArgs(mockArgv(values));
  } catch (error) {
    if (error instanceof MockUsageError) throw new UsageError(`sdk-gate: ${error.message}`);
    throw error;
  }
  if (options === 'help') throw new Error('mockArgv passes no --help');
  // The gate always serves http; --tls adds https on a second port with the same state.
  if (options.tls !== undefined) {
    options.alsoHttps = options.tls;
    delete options.tls;
  }
  return options;
}

async function runSdkGateCommand(
  { values, passthrough: command = [] }: { values: OptionValues; passthrough?: string[] },
  io: CommandIO,
): Promise<number> {
  if (command.length === 0 || command[0] === '')
    throw new UsageError(
      'sdk-gate needs a command after -- (tim-conformance sdk-gate [options] -- <command> [args...])',
    );
  const reportDir = stringOf(values, 'report-dir') ?? 'reports/sdk';
  // Before the mock and the SDK's tests start: a report directory that cannot be written would
  // otherwise end a whole test run in a stack trace.
  checkReportDir(reportDir, 'sdk-gate: --report-dir');
  const mock = await mockOptionsOf(values);
  const scenarioFile = stringOf(values, 'scenario');
  const record = stringOf(values, 'record');
  const { loadScenarioFile, ScenarioError } = await import('../sdk-gate/scenario.ts');
  let scenario;
  try {
    scenario = scenarioFile === undefined ? undefined : loadScenarioFile(scenarioFile);
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(`sdk-gate: ${error.message}`);
    throw error;
  }
  const { runSdkGate } = await import('../sdk-gate/run-sdk-gate.ts');
  return runSdkGate(
    {
      mock,
      command,
      reportDir,
      requireCoverage: values['require-coverage'] === true,
      ...(scenario !== undefined ? { scenario } : {}),
      ...(record !== undefined ? { recordFile: record } : {}),
    },
    { out: io.out, err: io.err },
  );
}

/** `tim-conformance sdk-gate ARGV` in-process (tests); usage errors are thrown as UsageErrors. */
export async function sdkGateCommand(argv: string[], io: CommandIO): Promise<number> {
  return commandAlone(sdkGateSpec).run('sdk-gate', argv, io);
}
