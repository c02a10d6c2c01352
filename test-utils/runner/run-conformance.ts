/**
 * `tim-conformance run`: resolve the target, start it, run the suites, write junit.xml and
 * results.json, print the summary, destroy whatever the run's ledger still lists, and answer
 * 0 (no gating failure), 1 (a gating failure, or nothing ran), 2 (configuration error),
 * 130/143 (interrupted by SIGINT/SIGTERM, after cleanup).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, describeTarget, resolveTargetConfig, startTarget, type Env, type RunFlags } from '../config/index.ts';
import type { ResolvedTarget } from '../contract/types.ts';
import { ledgerPathFor } from '../fixtures/ledger.ts';
import { sweepLedger } from '../fixtures/sweep.ts';
import type { FixtureClient } from '../fixtures/client-port.ts';
import { createPortedClient } from '../fixtures/tim-client.ts';
import { writeCoverageReport } from '../generator/coverage-report.ts';
import { writeHumanReports } from '../report/index.ts';
import { toJunitXml } from './junit.ts';
import { buildResults, exitCodeFor, type ResultsFile } from './results.ts';
import { runSuites, type RunSuitesOptions, type SuiteRun } from './run-suites.ts';
import { formatSummary } from './summary.ts';

export interface RunnerIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: RunnerIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** What `run` takes besides the target configuration. */
export interface RunnerOptions {
  /** A directory of `*.check.ts` suites instead of suites/ (project tests, third-party suites). */
  suitesDir?: string;
  filters?: string[];
  grep?: string;
  workers?: number;
}

/** Seams for the project tests; production uses the defaults. */
export interface RunnerDeps {
  runSuites?: (options: RunSuitesOptions) => Promise<SuiteRun>;
  createClient?: (target: ResolvedTarget) => Promise<FixtureClient & { close?(): unknown }>;
  /** Installs the SIGINT/SIGTERM handlers (default true; tests that run in-process turn it off). */
  handleSignals?: boolean;
}

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
/** After a signal: how long the ledger sweep may take, and when the process exits regardless. */
const INTERRUPT_SWEEP_MS = 15_000;
const INTERRUPT_HARD_EXIT_MS = 30_000;

function defaultClient(target: ResolvedTarget): Promise<FixtureClient & { close?(): unknown }> {
  return createPortedClient(target);
}

export function writeReports(results: ResultsFile, reportDir: string): string[] {
  mkdirSync(reportDir, { recursive: true });
  const junitPath = join(reportDir, 'junit.xml');
  const resultsPath = join(reportDir, 'results.json');
  writeFileSync(junitPath, toJunitXml(results));
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  return [junitPath, resultsPath, ...writeCoverageReport(results, reportDir), ...writeHumanReports(results, reportDir)];
}

export async function runConformance(
  flags: RunFlags,
  env: Env,
  io: RunnerIO = processIO,
  options: RunnerOptions = {},
  deps: RunnerDeps = {},
): Promise<number> {
  let config;
  try {
    config = resolveTargetConfig(flags, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`tim-conformance: ${error.message}`);
      return 2;
    }
    throw error;
  }
  config = { ...config, reportDir: resolve(config.reportDir) };

  io.out(`tim-conformance: seed ${config.seed} (rerun with --seed ${config.seed})`);
  let started;
  try {
    started = await startTarget(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`tim-conformance: ${error.message}`);
      return 2;
    }
    io.err(`tim-conformance: could not start the target: ${(error as Error).message}`);
    return 2;
  }
  const { target } = started;
  io.out(`tim-conformance: target ${JSON.stringify(describeTarget(target))}`);

  const abort = new AbortController();
  let interruptedBy: keyof typeof SIGNAL_EXIT | undefined;
  const onSignal = (signal: keyof typeof SIGNAL_EXIT) => {
    if (interruptedBy) process.exit(SIGNAL_EXIT[signal]); // a second signal: stop waiting
    interruptedBy = signal;
    io.err(`tim-conformance: ${signal}: stopping the checks and destroying this run's groups (signal again to quit now)`);
    abort.abort();
    setTimeout(() => process.exit(SIGNAL_EXIT[signal]), INTERRUPT_HARD_EXIT_MS).unref();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  if (deps.handleSignals !== false) {
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  }

  try {
    const run = await (deps.runSuites ?? runSuites)({
      target,
      suitesDir: options.suitesDir,
      filters: options.filters,
      grep: options.grep,
      workers: options.workers,
      signal: abort.signal,
      log: (text) => io.err(text.replace(/\n$/, '')),
    });
    const runEnd = interruptedBy ? 'interrupted' : run.reason;
    const results = buildResults(target, run.entries, runEnd);
    const files = writeReports(results, target.reportDir);

    await sweepRunLedger(target, io, deps, interruptedBy ? INTERRUPT_SWEEP_MS : undefined);

    io.out(formatSummary(results, files));
    if (interruptedBy) return SIGNAL_EXIT[interruptedBy];
    return exitCodeFor(results);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await started.close().catch(() => {});
  }
}

/** Destroys what the run's ledger still lists (checks that failed mid-way, an interrupted run). */
async function sweepRunLedger(target: ResolvedTarget, io: RunnerIO, deps: RunnerDeps, deadlineMs?: number): Promise<void> {
  const path = ledgerPathFor(target);
  let client: (FixtureClient & { close?(): unknown }) | undefined;
  try {
    client = await (deps.createClient ?? defaultClient)(target);
    const report = await sweepLedger(client, target, path, { deadlineMs });
    if (report.found.length > 0) {
      io.out(`tim-conformance: cleanup destroyed ${report.destroyed.length} of ${report.found.length} group(s) left by checks`);
    }
    for (const failure of report.failed) {
      io.err(`tim-conformance: could not destroy ${failure.groupId} (${failure.reason}); \`tim-conformance janitor\` will retry`);
    }
  } catch (error) {
    io.err(`tim-conformance: cleanup failed (${(error as Error).message}); run \`tim-conformance janitor\` with the same --report-dir`);
  } finally {
    await client?.close?.();
  }
}
