/**
 * Figure 3: the full conformance run against the embedded reference mock with its realistic
 * rate limits on, as `tim-conformance run` starts it (startTarget + runSuites, in this process),
 * once as is and once with 50 ms added to every answer. The run's requests are counted on their
 * way into the mock (bench/lib/request-counter.ts), which gives the floor the documented rates
 * put under exactly the calls this run made (bench/lib/floor.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTargetConfig } from '../test-utils/config/index.ts';
import { startTarget } from '../test-utils/runner/start-target.ts';
import { getLimit } from '../test-utils/contract/index.ts';
import { summarise } from '../test-utils/runner/results.ts';
import { runSuites } from '../test-utils/runner/run-suites.ts';
import { rateFloor, type RateFloor, type RatedCount } from './lib/floor.ts';
import { countRequests } from './lib/request-counter.ts';
import { fixed, table, verdict } from './lib/report.ts';

/** The issue's targets: ≤ 1.5× the floor and < 30 s; < 60 s with 50 ms latency. */
export const TARGET_FLOOR_RATIO = 1.5;
export const TARGET_SECONDS = 30;
export const TARGET_SECONDS_WITH_LATENCY = 60;
export const ADDED_LATENCY_MS = 50;
/** The per-API rate most operations have (api.calls.perSecond); some have their own (x-tim-call-rate). */
const COMMON_CALL_RATE = getLimit('api.calls.perSecond').max as number;

export interface SuiteRunFigures {
  label: string;
  latencyMs: number;
  grep: string | undefined;
  wallSeconds: number;
  checks: number;
  passed: number;
  failed: number;
  skipped: number;
  tentativeFailed: number;
  requests: number;
  floor: RateFloor;
  busiestApis: RatedCount[];
  busiestGroup: RatedCount | undefined;
  groupsWritten: number;
  /** Ids of checks that failed (gating or tentative): a timing-sensitive check shows up here. */
  failedIds: string[];
  /** The slowest checks (id and seconds), where the wall time goes. */
  slowest: { id: string; seconds: number }[];
  /** The floor if every API had the common per-API rate (the issue's formula), for comparison. */
  commonRateFloorSeconds: number;
}

export function benchSeed(): number {
  const text = process.env.BENCH_SEED ?? '1';
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`BENCH_SEED must be an integer, got '${text}'`);
  return seed;
}

/** One run of the suites (optionally only checks whose id matches `grep`) against a fresh embedded mock. */
export async function measureSuiteRun(label: string, latencyMs: number, grep?: string): Promise<SuiteRunFigures> {
  const reportDir = mkdtempSync(join(tmpdir(), 'tim-bench-suite-'));
  const config = resolveTargetConfig({ target: 'mock', seed: String(benchSeed()), reportDir }, {});
  const started = await startTarget(config, { mockOptions: { rateLimits: true, latencyMs } });
  const counter = countRequests(Number(new URL(started.target.baseUrl).port));
  try {
    const begin = performance.now();
    const run = await runSuites({ target: started.target, grep });
    const wallSeconds = (performance.now() - begin) / 1000;
    const counts = counter.snapshot();
    const summary = summarise(run.entries);
    const byLoad = (a: RatedCount, b: RatedCount) => b.count / b.perSecond - a.count / a.perSecond;
    return {
      label,
      latencyMs,
      grep,
      wallSeconds,
      checks: run.entries.length,
      ...summary,
      requests: counts.total,
      floor: rateFloor(counts.apiCalls, counts.groupWrites),
      busiestApis: [...counts.apiCalls].sort(byLoad).slice(0, 3),
      busiestGroup: [...counts.groupWrites].sort(byLoad)[0],
      groupsWritten: counts.groupWrites.length,
      slowest: run.entries
        .filter((e) => e.durationMs !== undefined)
        .sort((a, b) => (b.durationMs ?? 0) - (a.durationMs ?? 0))
        .slice(0, 5)
        .map((e) => ({ id: e.id, seconds: (e.durationMs ?? 0) / 1000 })),
      failedIds: run.entries.filter((e) => e.status !== 'passed' && e.status !== 'skipped').map((e) => e.id),
      commonRateFloorSeconds: rateFloor(
        counts.apiCalls.map((c) => ({ ...c, perSecond: COMMON_CALL_RATE })),
        counts.groupWrites,
      ).seconds,
    };
  } finally {
    counter.stop();
    await started.close();
    rmSync(reportDir, { recursive: true, force: true });
  }
}

export async function benchSuiteSpeed(log: (line: string) => void): Promise<SuiteRunFigures[]> {
  const runs: SuiteRunFigures[] = [];
  for (const latencyMs of [0, ADDED_LATENCY_MS]) {
    const label =
      latencyMs === 0 ? 'full suite, rate limits on' : `full suite, rate limits on, +${latencyMs} ms per answer`;
    log(`running: ${label} (seed ${benchSeed()}) ...`);
    runs.push(await measureSuiteRun(label, latencyMs));
  }
  return runs;
}

export function formatSuiteRuns(runs: SuiteRunFigures[]): string {
  const lines = [
    table(
      ['run', 'wall s', 'checks', 'passed/failed/skipped', 'checks/s', 'requests', 'floor s', 'wall/floor'],
      runs.map((r) => [
        r.label,
        fixed(r.wallSeconds, 1),
        r.checks,
        `${r.passed}/${r.failed + r.tentativeFailed}/${r.skipped}`,
        fixed(r.checks / r.wallSeconds, 1),
        r.requests,
        fixed(r.floor.seconds, 2),
        `${fixed(r.wallSeconds / r.floor.seconds, 2)}×`,
      ]),
    ),
  ];
  for (const r of runs) {
    const apis = r.busiestApis
      .map((c) => `${c.key} ${c.count} calls / ${c.perSecond} per s = ${fixed(c.count / c.perSecond, 2)} s`)
      .join('; ');
    const group = r.busiestGroup
      ? `${r.busiestGroup.count} writes / ${r.busiestGroup.perSecond} per s = ${fixed(r.busiestGroup.count / r.busiestGroup.perSecond, 2)} s`
      : 'none';
    lines.push(
      `${r.label}: floor set by ${r.floor.bindingKey} (each API at its own documented rate; with ${COMMON_CALL_RATE}/s for every API the floor would be ${fixed(r.commonRateFloorSeconds, 2)} s)`,
    );
    lines.push(`  busiest APIs: ${apis}; ${r.groupsWritten} groups got attribute writes, the busiest ${group}`);
    lines.push(`  slowest checks: ${r.slowest.map((c) => `${c.id} ${fixed(c.seconds, 1)} s`).join('; ')}`);
    if (r.failedIds.length > 0) lines.push(`  failed checks: ${r.failedIds.join(', ')}`);
    const limit = r.latencyMs === 0 ? TARGET_SECONDS : TARGET_SECONDS_WITH_LATENCY;
    const ratio = r.wallSeconds / r.floor.seconds;
    lines.push(
      `  targets: wall ≤ ${TARGET_FLOOR_RATIO}× floor: ${verdict(ratio <= TARGET_FLOOR_RATIO)} (${fixed(ratio, 2)}×); ` +
        `wall < ${limit} s: ${verdict(r.wallSeconds < limit)} (${fixed(r.wallSeconds, 1)} s)`,
    );
  }
  return lines.join('\n');
}
