/**
 * Many suite runs in one process and one vitest instance: each variant (the unmodified mock, or
 * the mock with one deviation) gets its own mock server, its own apps (distinct sdkappids, so
 * rate windows, pacing keys and state never mix) and its own vitest project that `provide`s its
 * target. The projects share the vitest workers, so the fixed cost of a run (starting vitest,
 * loading the suites) is paid once per batch instead of once per deviation, and one variant's
 * waits (pacing, rate windows) overlap with another's work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import type { Reporter, TestModule } from 'vitest/node';
import { createVitest } from 'vitest/node';
import { startPacingCoordinator } from '../client/pacing-coordinator.ts';
import { resolveTargetConfig } from '../config/index.ts';
import { startTarget, type StartedTarget } from '../runner/start-target.ts';
import { CODE_ROOT } from '../contract/index.ts';
import type { TimTaskMeta } from '../contract/types.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../mock/default-apps.ts';
import { SUITE_CONCURRENCY } from '../runner/pool.ts';
import { SUITES_CONFIG } from '../runner/run-suites.ts';

export interface MutantRunEntry {
  id: string;
  status: 'passed' | 'failed' | 'skipped';
  gating: boolean;
}

/** One suite run of the batch: a mock with these deviations (none = the unmodified mock). */
export interface BatchVariant {
  label: string;
  deviations: readonly string[];
}

export interface RunBatchOptions {
  variants: readonly BatchVariant[];
  seed: string;
  /** Suite file filters (path fragments) for every variant; default every suite. */
  filters?: readonly string[];
  /** Only tests whose name ('[label] <id> — <title>') matches; default every check. */
  grep?: string;
  /** vitest workers shared by every variant. */
  workers?: number;
  /** Tentative (inferred) checks gate too, as with `run --strict`. */
  strict?: boolean;
}

/** The entries of each variant (by label), or an error text when its run broke. */
export type BatchResult = Map<string, MutantRunEntry[] | { error: string }>;

/** Workers of a batch: the checks mostly wait on the network, so a few more than the cores. */
export const BATCH_WORKERS = 3;

/** sdkappids far from the defaults, two per variant (full app, basic app). */
const FIRST_SDKAPPID = 1_400_100_000;

/** Collects, per variant (meta.timVariant), the id, verdict and gating of every check that ran. */
class ByVariantReporter implements Reporter {
  readonly entries = new Map<string, MutantRunEntry[]>();
  /** Failures of no single variant (a suite file that did not load): they count for every variant. */
  readonly shared: MutantRunEntry[] = [];

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    for (const module of testModules) {
      if (module.errors().length > 0)
        this.shared.push({ id: `collection/${relative(CODE_ROOT, module.moduleId)}`, status: 'failed', gating: true });
      for (const testCase of module.children.allTests()) {
        const result = testCase.result();
        const meta = testCase.meta() as TimTaskMeta & { timVariant?: string };
        // Left out by a name pattern: not part of this run.
        if (result.state === 'skipped' && !meta.timNotRun && testCase.options.mode !== 'run') continue;
        const status = result.state === 'failed' ? 'failed' : result.state === 'passed' ? 'passed' : 'skipped';
        const entry: MutantRunEntry = {
          id: meta.tim?.id ?? `${relative(CODE_ROOT, module.moduleId)}/${testCase.name}`,
          status,
          gating: meta.tim?.gating ?? true,
        };
        if (meta.timVariant === undefined) this.shared.push(entry);
        else {
          const list = this.entries.get(meta.timVariant) ?? [];
          list.push(entry);
          this.entries.set(meta.timVariant, list);
        }
      }
    }
    unhandledErrors.forEach((_error, index) =>
      this.shared.push({ id: `run/unhandled-error-${index + 1}`, status: 'failed', gating: true }),
    );
  }
}

async function startVariant(
  variant: BatchVariant,
  index: number,
  seed: string,
  reportDir: string,
  strict: boolean,
): Promise<StartedTarget> {
  const sdkappid = FIRST_SDKAPPID + index * 2;
  const config = resolveTargetConfig(
    {
      seed,
      reportDir,
      sdkappid: String(sdkappid),
      secretKey: DEFAULT_FULL_APP.secretKey,
      basicSdkappid: String(sdkappid + 1),
      basicSecretKey: DEFAULT_BASIC_APP.secretKey,
      strict,
    },
    {},
  );
  return startTarget(config, { mockOptions: { deviations: [...variant.deviations] } });
}

export async function runBatch(options: RunBatchOptions): Promise<BatchResult> {
  const reportDir = mkdtempSync(join(tmpdir(), 'timc-mutants-'));
  const workers = options.workers ?? BATCH_WORKERS;
  const started: StartedTarget[] = [];
  const result: BatchResult = new Map();
  // As in a run: the APIs too slow to split between workers (get_appid_group_list, 1 call/s) are
  // paced run-wide, per app, so that checks of one variant in two workers never exceed the rate.
  const coordinator = await startPacingCoordinator();
  try {
    for (const [index, variant] of options.variants.entries())
      started.push(await startVariant(variant, index, options.seed, reportDir, options.strict === true));
    const reporter = new ByVariantReporter();
    const vitest = await createVitest(
      'test',
      {
        config: SUITES_CONFIG,
        root: CODE_ROOT,
        watch: false,
        run: true,
        reporters: [reporter],
        maxWorkers: workers,
        // Every check runs once per variant: each variant keeps the concurrency of a single run.
        maxConcurrency: SUITE_CONCURRENCY * options.variants.length,
        ...(options.grep !== undefined ? { testNamePattern: options.grep } : {}),
        provide: {
          timTarget: started[0]!.target,
          timTargets: options.variants.map((variant, index) => ({
            label: variant.label,
            target: started[index]!.target,
          })),
          timWorkers: workers,
          timPacingUrl: coordinator.url,
        },
      },
      {},
      { stdout: new Writable({ write: (_c, _e, cb) => cb() }), stderr: new Writable({ write: (_c, _e, cb) => cb() }) },
    );
    try {
      await vitest.start([...(options.filters ?? [])]).catch((error: unknown) => {
        for (const variant of options.variants)
          result.set(variant.label, { error: (error as Error).message ?? String(error) });
      });
    } finally {
      await vitest.close();
      process.exitCode = undefined;
    }
    for (const variant of options.variants) {
      if (result.has(variant.label)) continue;
      const entries = [...reporter.shared, ...(reporter.entries.get(variant.label) ?? [])];
      result.set(variant.label, entries.length > 0 ? entries : { error: 'no check ran' });
    }
  } finally {
    await Promise.all([...started.map((s) => s.close()), coordinator.close()]);
    rmSync(reportDir, { recursive: true, force: true });
  }
  return result;
}
