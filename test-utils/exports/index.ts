/**
 * `tim-conformance`: run the conformance suite from code, with the options of `tim-conformance
 * run`, and get back what results.json holds together with the exit status it implies.
 *
 *   import { runConformance } from 'tim-conformance';
 *   const { exitCode, results } = await runConformance({ grep: 'signing', reportDir: 'reports/tim' });
 *
 * The other entry points: tim-conformance/mock, tim-conformance/signing, tim-conformance/contract
 * (and tim-conformance/sdk-gate once the SDK release gate lands: package.json `exports` maps each
 * name to a file of dist/test-utils/exports/).
 */
import type { Env, RunFlags } from '../config/index.ts';
import type { RegionRun } from '../runner/regions-report.ts';
import type { ResultsFile } from '../runner/results.ts';
import { processIO, runConformanceOutcome, type RunnerIO, type RunnerOptions } from '../runner/run-conformance.ts';

export type {
  ResultsFile,
  ResultsSummary,
  TestEntry,
  TestStatus,
  TargetSummary,
  ExpectationsUsed,
} from '../runner/results.ts';
export type { RegionRun } from '../runner/regions-report.ts';
export type { RunnerIO } from '../runner/run-conformance.ts';

/** The options of `tim-conformance run`, by their flag names in camelCase; each falls back to its TIM_* variable as on the command line. */
export interface RunConformanceOptions {
  /** --target: 'mock' (default), a base URL, or 'region:NAME'. */
  target?: string;
  sdkappid?: string | number;
  secretKey?: string;
  admin?: string;
  basicSdkappid?: string | number;
  basicSecretKey?: string;
  /** --ca-cert: a PEM file to trust (https targets). */
  caCert?: string;
  /** --resolve 'host=ip[:port],...'. */
  resolve?: string;
  /** --report-dir (default 'reports'): where results.json, junit.xml and the reports are written. */
  reportDir?: string;
  seed?: string | number;
  strict?: boolean;
  maxGroups?: string | number;
  /** --grep: only checks whose name (it starts with the check id) matches this regular expression. */
  grep?: string;
  /** --suites: a directory of *.check.ts / *.check.js files instead of the suites the package ships. */
  suites?: string;
  /** Suite file filters (path fragments), the positional arguments of `run`. */
  filters?: string[];
  /** --workers: 1 to 64. */
  workers?: number;
  expectations?: string;
  updateExpectations?: boolean;
  /** --regions 'sgp,kr' or 'all': one run per region; `regions` in the answer holds each region's results. */
  regions?: string;
  /** The TIM_* variables to read; default process.env. */
  env?: Record<string, string | undefined>;
  /** Where the seed, target, progress and summary lines go; default stdout/stderr; false: nowhere. */
  output?: RunnerIO | false;
  /** Stop on SIGINT/SIGTERM after destroying the run's groups, as the CLI does (default true). */
  handleSignals?: boolean;
}

export interface ConformanceRun {
  /** What `tim-conformance run` would exit with: 0 pass, 1 a gating failure (or nothing ran), 2 configuration error, failed preflight or a target that stopped answering, 130/143/129 interrupted. */
  exitCode: number;
  /** The data of results.json (absent when the configuration was refused or the target could not start, exit 2). */
  results?: ResultsFile;
  /** With `regions`: each region's results (as DIR/<region>/results.json). */
  regions?: RegionRun[];
}

const SILENT: RunnerIO = { out: () => {}, err: () => {} };

function text(value: string | number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function runFlags(options: RunConformanceOptions): RunFlags {
  const flags: RunFlags = {};
  const set = (key: keyof RunFlags, value: string | undefined) => {
    if (value !== undefined) (flags as Record<string, unknown>)[key] = value;
  };
  set('target', options.target);
  set('sdkappid', text(options.sdkappid));
  set('secretKey', options.secretKey);
  set('admin', options.admin);
  set('basicSdkappid', text(options.basicSdkappid));
  set('basicSecretKey', options.basicSecretKey);
  set('caCert', options.caCert);
  set('resolve', options.resolve);
  set('reportDir', options.reportDir);
  set('seed', text(options.seed));
  set('maxGroups', text(options.maxGroups));
  if (options.strict === true) flags.strict = true;
  return flags;
}

/** Runs the suite once (or once per region) and answers the exit status and the results. */
export async function runConformance(options: RunConformanceOptions = {}): Promise<ConformanceRun> {
  const io = options.output === false ? SILENT : (options.output ?? processIO);
  const runner: RunnerOptions = {
    ...(options.suites !== undefined ? { suitesDir: options.suites } : {}),
    ...(options.filters !== undefined ? { filters: options.filters } : {}),
    ...(options.grep !== undefined ? { grep: options.grep } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.expectations !== undefined ? { expectations: options.expectations } : {}),
    ...(options.updateExpectations === true ? { updateExpectations: true } : {}),
    ...(options.regions !== undefined ? { regions: options.regions } : {}),
    ...(options.output === false ? { progress: false as const } : {}),
  };
  const env: Env = options.env ?? process.env;
  const outcome = await runConformanceOutcome(runFlags(options), env, io, runner, {
    handleSignals: options.handleSignals !== false,
  });
  const run: ConformanceRun = { exitCode: outcome.code };
  if (outcome.results) run.results = outcome.results;
  if (outcome.regions) run.regions = outcome.regions;
  return run;
}
