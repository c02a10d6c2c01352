/**
 * `tim-conformance run`: resolve the target, start it, run the suites, write junit.xml and
 * results.json, print the summary, destroy whatever the run's ledger still lists, and answer
 * 0 (no gating failure), 1 (a gating failure, an unexpected pass, or nothing ran),
 * 2 (configuration error, failed preflight, or a target that stopped answering mid-run),
 * 130/143/129 (interrupted by SIGINT/SIGTERM/SIGHUP, after cleanup).
 * With --expectations the results are judged against a target's known deviations; with
 * --regions the whole run repeats once per region (run-regions.ts).
 */
import { resolve } from 'node:path';
import { ConfigError, resolveTargetConfig, type Env, type RunFlags } from '../config/index.ts';
import type { RegionRun } from './regions-report.ts';
import type { ResultsFile } from './results.ts';
import { runRegions } from './run-regions.ts';
import {
  defaultProgress,
  expectationsPath,
  loadExpectations,
  processIO,
  runOnTarget,
  type RunnerDeps,
  type RunnerIO,
  type RunnerOptions,
} from './run-target.ts';

// What the runner's callers (the CLI, the project tests, the package API) import from here.
export {
  defaultProgress,
  expectationsPath,
  loadExpectations,
  processIO,
  runOnTarget,
  writeReports,
  type RunnerDeps,
  type RunnerIO,
  type RunnerOptions,
  type TargetRunExtras,
  type TargetRunOutcome,
} from './run-target.ts';

function configErrorCode(error: unknown, io: RunnerIO): 2 {
  if (error instanceof ConfigError) {
    io.err(`tim-conformance: ${error.message}`);
    return 2;
  }
  throw error;
}

/** `run` as the CLI calls it: the exit code only. */
export async function runConformance(...args: Parameters<typeof runConformanceOutcome>): Promise<number> {
  return (await runConformanceOutcome(...args)).code;
}

/** What a run produced: its exit code, and the data written to results.json (per region with --regions). */
export interface RunOutcome {
  code: number;
  /** results.json of a single-target run; absent when the target could not start or the configuration was refused. */
  results?: ResultsFile;
  /** Each region's results, with --regions (TIM_REGIONS). */
  regions?: RegionRun[];
}

/** `run` as the package API calls it (index of tim-conformance): the exit code and the results. */
export async function runConformanceOutcome(
  flags: RunFlags,
  env: Env,
  io: RunnerIO = processIO,
  options: RunnerOptions = {},
  deps: RunnerDeps = {},
): Promise<RunOutcome> {
  const regions = (options.regions ?? env.TIM_REGIONS ?? '').trim();
  if (regions !== '') {
    const outcome = await runRegions(
      regions,
      flags,
      env,
      io,
      { ...options, progress: options.progress ?? defaultProgress(io, env) },
      deps,
    );
    return { code: outcome.code, regions: outcome.runs };
  }
  let config;
  let expectations;
  const expectationsFile = expectationsPath(options, env);
  try {
    config = resolveTargetConfig(flags, env);
    expectations = loadExpectations(expectationsFile, options.updateExpectations === true);
  } catch (error) {
    return { code: configErrorCode(error, io) };
  }
  config = { ...config, reportDir: resolve(config.reportDir) };
  const outcome = await runOnTarget(
    config,
    io,
    { ...options, progress: options.progress ?? defaultProgress(io, env) },
    deps,
    {
      expectations: expectations && expectationsFile ? { file: expectations, path: expectationsFile } : undefined,
    },
  );
  return outcome.results ? { code: outcome.code, results: outcome.results } : { code: outcome.code };
}
