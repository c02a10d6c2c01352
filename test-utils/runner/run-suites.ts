/**
 * Runs the suites once through vitest's Node API and returns one results entry per check. The
 * target, and the URL of the run's pacing coordinator (the APIs too slow to split between
 * workers are paced there), are handed to every worker with `provide`; vitest's own
 * SIGINT/SIGTERM listeners are removed so the caller's handler can clean up before the process
 * exits.
 */
import { Writable } from 'node:stream';
import { createVitest, type TestRunEndReason } from 'vitest/node';
import { CODE_ROOT } from '../contract/index.ts';
import type { ResolvedTarget } from '../contract/types.ts';
import { startPacingCoordinator } from '../client/pacing-coordinator.ts';
import type { BreakerTrip } from '../client/breaker.ts';
import { SUITE_WORKERS } from './pool.ts';
import { selectionProvide, suiteFilesConfig, type SuiteRunSelection } from './suite-selection.ts';
import { ProgressReporter, type SuiteProgress } from './progress.ts';
import { TimResultsReporter } from './results-reporter.ts';
import { runErrorEntry, type TestEntry } from './results.ts';

export { SUITES_CONFIG, SUITES_DIR } from './suite-selection.ts';

export interface RunSuitesOptions extends SuiteRunSelection {
  target: ResolvedTarget;
  /** Aborting cancels the run (checks in flight finish their cleanup). */
  signal?: AbortSignal;
  /** After an abort, how long to wait for vitest to wind down before giving up on it. */
  cancelGraceMs?: number;
  /** Where vitest's own logger writes (suite load errors); default: discarded, they are in the results. */
  log?: (text: string) => void;
  /** Called once when a worker's transport breaker trips (the target stopped answering). */
  onBreakerTrip?: (trip: BreakerTrip) => void;
  /** Where per-file progress goes; none when absent. */
  progress?: SuiteProgress;
}

export interface SuiteRun {
  entries: TestEntry[];
  reason: TestRunEndReason;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function lineSink(log: ((text: string) => void) | undefined): Writable {
  return new Writable({
    write(chunk, _encoding, callback) {
      log?.(String(chunk));
      callback();
    },
  });
}

export async function runSuites(options: RunSuitesOptions): Promise<SuiteRun> {
  const workers = options.workers ?? SUITE_WORKERS;
  const reporter = new TimResultsReporter();
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const savedExitCode = process.exitCode;
  const sink = lineSink(options.log);
  const coordinator = await startPacingCoordinator(
    options.onBreakerTrip ? { onBreakerTrip: options.onBreakerTrip } : {},
  );

  const vitest = await createVitest(
    'test',
    {
      ...suiteFilesConfig(options, CODE_ROOT),
      reporters: options.progress ? [reporter, new ProgressReporter(options.progress)] : [reporter],
      maxWorkers: workers,
      ...(options.maxFailures !== undefined ? { bail: options.maxFailures } : {}),
      provide: {
        timTarget: options.target,
        timWorkers: workers,
        timPacingUrl: coordinator.url,
        ...selectionProvide(options),
      },
    },
    {},
    { stdout: sink, stderr: sink },
  ).catch(async (error: unknown) => {
    await coordinator.close();
    throw error;
  });
  // vitest's logger exits the process 1 ms after SIGINT/SIGTERM; the runner must clean up first.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener as (...args: unknown[]) => void);
    }
  }

  let cancelled = false;
  const onAbort = () => {
    cancelled = true;
    void vitest.cancelCurrentRun('keyboard-input');
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const extra: TestEntry[] = [];
  try {
    const started = vitest.start(options.filters ?? []).catch((error: unknown) => {
      const name = (error as { name?: string; code?: string }).code ?? (error as Error).name;
      // No suite file matched: the results say so (an empty run never passes).
      if (name !== 'VITEST_FILES_NOT_FOUND' && name !== 'FilesNotFoundError') {
        extra.push(runErrorEntry('run/vitest', (error as Error).message ?? String(error)));
      }
    });
    if (options.signal) {
      const grace = options.cancelGraceMs ?? 10_000;
      const abortedAndWaited = new Promise<void>((done) => {
        const arm = () => setTimeout(done, grace).unref();
        if (options.signal!.aborted) arm();
        else options.signal!.addEventListener('abort', arm, { once: true });
      });
      await Promise.race([started, abortedAndWaited]);
    } else {
      await started;
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    const closing = vitest.close().catch(() => {});
    if (cancelled) await Promise.race([closing, new Promise((done) => setTimeout(done, 2000).unref())]);
    else await closing;
    await coordinator.close();
    // vitest sets process.exitCode on failures; the runner owns the exit code.
    process.exitCode = savedExitCode;
  }

  const reason = cancelled ? 'interrupted' : (reporter.reason ?? (extra.length > 0 ? 'failed' : 'passed'));
  return { entries: [...reporter.entries, ...extra], reason };
}
