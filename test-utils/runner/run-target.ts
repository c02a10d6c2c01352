/**
 * One run against one resolved target configuration: start it, run the suites, write the
 * reports, destroy what the run's ledger still lists, print the summary. `run` calls it once
 * (run-conformance.ts), `run --regions` once per region (run-regions.ts); both import it from
 * here, so neither imports the other.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, describeTarget, type Env, type TargetConfig } from '../config/index.ts';
import { startTarget } from './start-target.ts';
import type { ResolvedTarget } from '../contract/types.ts';
import { ledgerPathFor } from '../fixtures/ledger.ts';
import { sweepLedger } from '../fixtures/sweep.ts';
import type { FixtureClient } from '../fixtures/client-port.ts';
import { createPortedClient } from '../fixtures/tim-client.ts';
import { writeCoverageReport } from '../generator/coverage-report.ts';
import { writeHumanReports } from '../report/index.ts';
import {
  applyExpectations,
  ExpectationsError,
  readExpectations,
  updateExpectations,
  writeExpectations,
  type ExpectationsFile,
} from '../expectations/index.ts';
import { isLiveTerminal, SuiteProgress, type ProgressOutput } from './progress.ts';
import { toJunitXml } from './junit.ts';
import { buildResults, exitCodeFor, type ResultsFile, type TestEntry } from './results.ts';
import { recordKind } from '../check/failure-kinds.ts';
import type { RunSuitesOptions, SuiteRun } from './run-suites.ts';
import type { SuiteRunSelection } from './suite-selection.ts';
import { formatSummary } from './summary.ts';
import { preflight, type PreflightResult } from './preflight.ts';
import { type BreakerTrip, describeTrip } from '../client/breaker.ts';
import { checkReportDir } from '../config/report-dir.ts';
import { colourEnabled, paintFor } from './colour.ts';

export interface RunnerIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: RunnerIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** What `run` takes besides the target configuration. */
export interface RunnerOptions extends SuiteRunSelection {
  /** --expectations FILE (else TIM_EXPECTATIONS): the target's known deviations. */
  expectations?: string;
  /** --update-expectations: rewrite that file from this run. */
  updateExpectations?: boolean;
  /** --regions LIST|all (else TIM_REGIONS): run once per region. */
  regions?: string;
  /**
   * Per-file progress on stderr. Default: live lines when stderr is a terminal and CI is not
   * set, otherwise one line per finished suite file through io.err. false: none.
   */
  progress?: ProgressOutput | false;
}

/** Seams for the project tests; production uses the defaults. */
export interface RunnerDeps {
  runSuites?: (options: RunSuitesOptions) => Promise<SuiteRun>;
  createClient?: (target: ResolvedTarget) => Promise<FixtureClient & { close?(): unknown }>;
  /** Installs the SIGINT/SIGTERM/SIGHUP handlers (default true; tests that run in-process turn it off). */
  handleSignals?: boolean;
  /** Proves the target usable before any check (default preflight.ts). */
  preflight?: (target: ResolvedTarget) => Promise<PreflightResult>;
}

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
/** After a signal: how long the ledger sweep may take, and when the process exits regardless. */
const INTERRUPT_SWEEP_MS = 15_000;
/**
 * The end-of-run sweep's deadline: what it has not destroyed by then stays in the ledger for
 * `tim-conformance janitor`. Far above a healthy sweep (a run leaves a handful of groups); after
 * the breaker tripped, the target is not answering and the sweep gets little time.
 */
const END_SWEEP_MS = 60_000;
const BROKEN_TARGET_SWEEP_MS = 10_000;
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

/** The expectations file of this run (flag over TIM_EXPECTATIONS), or undefined. */
export function expectationsPath(options: RunnerOptions, env: Env): string | undefined {
  const text = (options.expectations ?? env.TIM_EXPECTATIONS ?? '').trim();
  return text === '' ? undefined : text;
}

/** Reads the expectations file (a missing one is empty when it is to be written); ConfigError otherwise. */
export function loadExpectations(path: string | undefined, update: boolean): ExpectationsFile | undefined {
  if (update && path === undefined) {
    throw new ConfigError(
      '--update-expectations needs the file to write: give --expectations FILE or set TIM_EXPECTATIONS.',
      'TIM_EXPECTATIONS',
    );
  }
  if (path === undefined) return undefined;
  try {
    return readExpectations(path, { missingOk: update });
  } catch (error) {
    if (error instanceof ExpectationsError) throw new ConfigError(error.message, 'TIM_EXPECTATIONS');
    throw error;
  }
}

/** The default progress output: live on a terminal, line-based elsewhere (CI, pipes). */
export function defaultProgress(io: RunnerIO, env: Env): ProgressOutput {
  if (isLiveTerminal(process.stderr, env)) {
    return { isTTY: true, write: (text) => process.stderr.write(text), columns: process.stderr.columns };
  }
  return { isTTY: false, write: (text) => io.err(text.replace(/\n$/, '')) };
}

export interface TargetRunExtras {
  expectations?: { file: ExpectationsFile; path: string };
  /** Prefixes the progress lines (the region in a regional run). */
  label?: string;
}

export interface TargetRunOutcome {
  code: number;
  /** Absent when the target could not start. */
  results?: ResultsFile;
  interrupted: boolean;
}

/** One run against one resolved configuration: start, run, report, sweep, summary. */
export async function runOnTarget(
  config: TargetConfig,
  io: RunnerIO,
  options: RunnerOptions,
  deps: RunnerDeps,
  extras: TargetRunExtras = {},
): Promise<TargetRunOutcome> {
  try {
    checkReportDir(config.reportDir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`tim-conformance: ${error.message}`);
    return { code: 2, interrupted: false };
  }
  io.out(`tim-conformance: seed ${config.seed} (rerun with --seed ${config.seed})`);
  let started;
  try {
    started = await startTarget(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`tim-conformance: ${error.message}`);
      return { code: 2, interrupted: false };
    }
    io.err(`tim-conformance: could not start the target: ${(error as Error).message}`);
    return { code: 2, interrupted: false };
  }
  const { target } = started;
  io.out(`tim-conformance: target ${JSON.stringify(describeTarget(target))}`);
  const ready = await (deps.preflight ?? preflight)(target).catch((error: unknown): PreflightResult => ({
    ok: false,
    problem: `preflight: ${(error as Error).message}`,
  }));
  if (!ready.ok) {
    io.err(`tim-conformance: ${ready.problem}`);
    await started.close().catch(() => {});
    return { code: 2, interrupted: false };
  }

  const abort = new AbortController();
  let brokenTarget: BreakerTrip | undefined;
  const onBreakerTrip = (trip: BreakerTrip) => {
    if (brokenTarget || interruptedBy) return;
    brokenTarget = trip;
    io.err(`tim-conformance: ${describeTrip(trip)}`);
    abort.abort();
  };
  let interruptedBy: keyof typeof SIGNAL_EXIT | undefined;
  const onSignal = (signal: keyof typeof SIGNAL_EXIT) => {
    if (interruptedBy) process.exit(SIGNAL_EXIT[signal]); // a second signal: stop waiting
    interruptedBy = signal;
    io.err(
      `tim-conformance: ${signal}: stopping the checks and destroying this run's groups (signal again to quit now)`,
    );
    abort.abort();
    setTimeout(() => process.exit(SIGNAL_EXIT[signal]), INTERRUPT_HARD_EXIT_MS).unref();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  const onHup = () => onSignal('SIGHUP');
  if (deps.handleSignals !== false) {
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', onHup);
  }

  const progressOutput = options.progress === undefined ? defaultProgress(io, process.env) : options.progress;
  const progress = progressOutput === false ? undefined : new SuiteProgress(progressOutput, extras.label);
  try {
    // vitest's Node API is loaded only once the preflight has passed: a set-up mistake is told at once.
    const run = await (deps.runSuites ?? (await import('./run-suites.ts')).runSuites)({
      target,
      suitesDir: options.suitesDir,
      filters: options.filters,
      grep: options.grep,
      ...(options.ids?.length ? { ids: options.ids } : {}),
      ...(options.maxFailures !== undefined ? { maxFailures: options.maxFailures } : {}),
      workers: options.workers,
      signal: abort.signal,
      onBreakerTrip,
      log: (text) => io.err(text.replace(/\n$/, '')),
      ...(progress ? { progress } : {}),
    });
    progress?.end();
    const runEnd = interruptedBy || brokenTarget ? 'interrupted' : run.reason;
    let results = buildResults(
      target,
      brokenTarget ? notReachedAfterTrip(run.entries) : run.entries,
      runEnd,
      options.suitesDir,
    );
    if (extras.expectations) results = applyExpectations(results, extras.expectations.file, extras.expectations.path);
    const files = writeReports(results, target.reportDir);

    await sweepRunLedger(
      target,
      io,
      deps,
      interruptedBy ? INTERRUPT_SWEEP_MS : brokenTarget ? BROKEN_TARGET_SWEEP_MS : END_SWEEP_MS,
    );

    io.out(
      formatSummary(results, files, {
        paint: paintFor(colourEnabled(process.stdout, process.env)),
        ...(options.suitesDir ? { suitesDir: options.suitesDir } : {}),
      }),
    );
    if (brokenTarget) {
      io.err(`tim-conformance: stopped early: ${describeTrip(brokenTarget)}`);
      return { code: 2, results, interrupted: true };
    }
    if (extras.expectations && options.updateExpectations) rewriteExpectations(extras.expectations, results, io);
    if (interruptedBy) return { code: SIGNAL_EXIT[interruptedBy], results, interrupted: true };
    return { code: exitCodeFor(results), results, interrupted: false };
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
    await started.close().catch(() => {});
  }
}

/** vitest's note on every check an abort left unreached; after a breaker trip no user aborted. */
const VITEST_ABORT_NOTE = /aborted by the user/i;
const NOT_REACHED_AFTER_TRIP = 'not reached: the target stopped answering and the run stopped';

export function notReachedAfterTrip(entries: TestEntry[]): TestEntry[] {
  return entries.map((entry) =>
    entry.status === 'skipped' && entry.reason !== undefined && VITEST_ABORT_NOTE.test(entry.reason)
      ? {
          ...entry,
          reason: NOT_REACHED_AFTER_TRIP,
          kind: recordKind({
            kind: 'not-run',
            reason: NOT_REACHED_AFTER_TRIP,
            ...(entry.operation ? { operation: entry.operation } : {}),
          }),
        }
      : entry,
  );
}

/**
 * --update-expectations after a run: the exit code stays that of the run judged against the
 * file as it was read, so a CI step that updates cannot turn a regression into a pass. An
 * interrupted run says nothing about the checks it did not reach: the file is left alone.
 */
function rewriteExpectations(
  expectations: { file: ExpectationsFile; path: string },
  results: ResultsFile,
  io: RunnerIO,
): void {
  if (results.runEnd === 'interrupted') {
    io.err(`tim-conformance: the run was interrupted; ${expectations.path} was not updated`);
    return;
  }
  const update = updateExpectations(expectations.file, results);
  writeExpectations(expectations.path, update.file);
  const placeholder = update.added.length > 0 ? '; replace the TODO reasons of the new entries' : '';
  io.out(
    `tim-conformance: wrote ${expectations.path}: ${update.added.length} added, ${update.dropped.length} dropped (now pass), ${update.kept.length} kept${placeholder}`,
  );
}

/** Cleanup failures printed one per line; the rest are counted (all stay in the ledger). */
const MAX_CLEANUP_LINES = 10;

/** Destroys what the run's ledger still lists (checks that failed mid-way, an interrupted run). */
async function sweepRunLedger(
  target: ResolvedTarget,
  io: RunnerIO,
  deps: RunnerDeps,
  deadlineMs?: number,
): Promise<void> {
  const path = ledgerPathFor(target);
  let client: (FixtureClient & { close?(): unknown }) | undefined;
  try {
    client = await (deps.createClient ?? defaultClient)(target);
    const report = await sweepLedger(client, target, path, { deadlineMs });
    if (report.found.length > 0) {
      const gone = report.alreadyGone.length > 0 ? `, ${report.alreadyGone.length} already gone` : '';
      io.out(
        `tim-conformance: cleanup destroyed ${report.destroyed.length} of ${report.found.length} group(s) left by checks${gone}`,
      );
    }
    for (const note of report.notes) io.err(`tim-conformance: cleanup: ${note}`);
    // Groups the sweep stopped before are summed up by its note; each one that was tried gets a line.
    const shown = report.failed.filter((f) => !f.notTried).slice(0, MAX_CLEANUP_LINES);
    for (const failure of shown) {
      io.err(
        `tim-conformance: could not destroy ${failure.groupId} (${failure.reason}); \`tim-conformance janitor\` will retry`,
      );
    }
    if (report.failed.length > shown.length) {
      io.err(
        `tim-conformance: ${report.failed.length - shown.length} more group(s) not destroyed stay in ${path} for \`tim-conformance janitor\``,
      );
    }
  } catch (error) {
    io.err(
      `tim-conformance: cleanup failed (${(error as Error).message}); run \`tim-conformance janitor\` with the same --report-dir`,
    );
  } finally {
    await client?.close?.();
  }
}
