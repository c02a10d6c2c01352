/**
 * The `tim-conformance` command: dispatches to run, mock, janitor and mutants. Every error a
 * user can cause is one line on stderr and exit code 2; no secret is ever printed.
 */
import type { RunFlags } from '../config/index.ts';
import { MAX_GROUPS_OPTION, parseCommandArgs, stringValue, TARGET_OPTIONS, UsageError } from './args.ts';
import { MAIN_USAGE, USAGE } from './usage.ts';
import { applyStatefulRuns, STATEFUL_RUNS_OPTION } from './stateful-runs-flag.ts';

// The bin installs these before any command runs (EPIPE, a dead parent); loaded with main so the
// bin finds them in the sources and in dist/ alike.
export { installProcessGuards } from './process-guards.ts';
import type { RunnerIO } from '../runner/run-conformance.ts';

const defaultIO: RunnerIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

const RUN_OPTIONS = {
  ...TARGET_OPTIONS,
  ...MAX_GROUPS_OPTION,
  seed: { type: 'string' },
  strict: { type: 'boolean' },
  grep: { type: 'string' },
  suites: { type: 'string' },
  workers: { type: 'string' },
  expectations: { type: 'string' },
  'update-expectations': { type: 'boolean' },
  regions: { type: 'string' },
  ...STATEFUL_RUNS_OPTION,
} as const;

const JANITOR_OPTIONS = {
  ...TARGET_OPTIONS,
  prefix: { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

export function targetFlags(values: Record<string, string | boolean | undefined>): RunFlags {
  const flags: RunFlags = {};
  const copy = (flag: string, key: keyof RunFlags) => {
    const value = stringValue(values, flag);
    if (value !== undefined) (flags as Record<string, unknown>)[key] = value;
  };
  copy('target', 'target');
  copy('sdkappid', 'sdkappid');
  copy('secret-key', 'secretKey');
  copy('admin', 'admin');
  copy('basic-sdkappid', 'basicSdkappid');
  copy('basic-secret-key', 'basicSecretKey');
  copy('report-dir', 'reportDir');
  copy('ca-cert', 'caCert');
  copy('resolve', 'resolve');
  copy('seed', 'seed');
  copy('max-groups', 'maxGroups');
  if (values.strict === true) flags.strict = true;
  return flags;
}

function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers must be an integer from 1 to 64');
  return n;
}

async function runCommand(argv: string[], io: RunnerIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', argv, RUN_OPTIONS, true);
  if (values.help) {
    io.out(USAGE.run!);
    return 0;
  }
  const grep = stringValue(values, 'grep');
  if (grep !== undefined) {
    try {
      new RegExp(grep);
    } catch {
      throw new UsageError('--grep is not a valid regular expression');
    }
  }
  const expectations = stringValue(values, 'expectations');
  if (expectations !== undefined && expectations.trim() === '') throw new UsageError('--expectations needs a file path');
  const regions = stringValue(values, 'regions');
  if (regions !== undefined && regions.trim() === '') throw new UsageError("--regions needs 'all' or region names separated by commas");
  const workers = parseWorkers(stringValue(values, 'workers'));
  applyStatefulRuns(stringValue(values, 'stateful-runs'), process.env);
  const { runConformance } = await import('../runner/run-conformance.ts');
  return runConformance(targetFlags(values), process.env, io, {
    suitesDir: stringValue(values, 'suites'),
    filters: positionals,
    grep,
    workers,
    ...(expectations !== undefined ? { expectations } : {}),
    ...(values['update-expectations'] === true ? { updateExpectations: true } : {}),
    ...(regions !== undefined ? { regions } : {}),
  });
}

async function janitorCommand(argv: string[], io: RunnerIO): Promise<number> {
  const { values } = parseCommandArgs('janitor', argv, JANITOR_OPTIONS, false);
  if (values.help) {
    io.out(USAGE.janitor!);
    return 0;
  }
  const prefix = stringValue(values, 'prefix');
  if (prefix !== undefined && prefix.trim() === '') throw new UsageError('--prefix must not be empty');
  const { runJanitorCommand } = await import('./janitor-command.ts');
  return runJanitorCommand(targetFlags(values), process.env, io, { prefix, dryRun: values['dry-run'] === true });
}

async function mockCommand(argv: string[], io: RunnerIO): Promise<number> {
  let runMockCommand: (argv: string[]) => Promise<number>;
  try {
    ({ runMockCommand } = await import('../mock/cli.ts'));
  } catch (error) {
    io.err(`tim-conformance: the mock command is not available (${(error as Error).message.split('\n')[0]})`);
    return 2;
  }
  return runMockCommand(argv);
}

const MUTANTS_OPTIONS = {
  only: { type: 'string', multiple: true },
  seed: { type: 'string' },
  parallel: { type: 'string' },
  'report-dir': { type: 'string' },
  list: { type: 'boolean' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function mutantsCommand(argv: string[], io: RunnerIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('mutants', argv, MUTANTS_OPTIONS, true);
  if (values.help) {
    io.out(USAGE.mutants!);
    return 0;
  }
  const { runMutantsCommand } = await import('../mutants/command.ts');
  return runMutantsCommand(values as Record<string, string | string[] | boolean | undefined>, io, positionals);
}

export async function main(argv: string[], io: RunnerIO = defaultIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
        io.out(MAIN_USAGE);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-V': {
        const { packageVersion } = await import('./version.ts');
        io.out(packageVersion());
        return 0;
      }
      case 'help': {
        const topic = rest[0];
        if (topic === undefined) io.out(MAIN_USAGE);
        else if (USAGE[topic]) io.out(USAGE[topic]);
        else throw new UsageError(`unknown command '${topic}' (commands: ${Object.keys(USAGE).join(', ')})`);
        return 0;
      }
      case 'run':
        return await runCommand(rest, io);
      case 'janitor':
        return await janitorCommand(rest, io);
      case 'mock':
        return await mockCommand(rest, io);
      case 'mutants':
        return await mutantsCommand(rest, io);
      case 'replay':
        return await (await import('./replay-command.ts')).replayCommand(rest, io);
      default:
        if (command.startsWith('-')) throw new UsageError(`unknown option ${command.split('=')[0]} (try tim-conformance --help)`);
        throw new UsageError(`unknown command '${command}' (commands: ${Object.keys(USAGE).join(', ')}; try tim-conformance --help)`);
    }
  } catch (error) {
    // A TIM_SPEC naming no file surfaces when a command first loads the contract (the
    // contract module is not imported here, so it is recognised by name); so does a
    // configuration error that a command did not turn into its own line.
    if (error instanceof UsageError || (error instanceof Error && (error.name === 'SpecPathError' || error.name === 'ConfigError'))) {
      io.err(`tim-conformance: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
