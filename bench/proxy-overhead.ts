/**
 * Figure 5: what the recording proxy (tim-conformance proxy) adds to an SDK's requests. The
 * reference mock runs in a process of its own (rate limits off), and two proxies in front of it,
 * each the proxy command's run in a process of its own, one of them writing a recording; a paced
 * load of get_group_attr at 200 requests/s goes to the mock directly, through the proxy and
 * through the recording proxy. The target: the proxy adds at most 1 ms at p99, with and without
 * --record. Two load generators: autocannon (overallRate; its latencies have 1 ms resolution),
 * and a paced fetch client (keep-alive) in this process timing each request with hrtime (µs
 * resolution), which is the figure the target is judged on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FULL_APP } from '../test-utils/mock/index.ts';
import { autocannonVersion, loadAutocannon, type LoadResult } from './lib/bench-deps.ts';
import { startMockProcess, startProxyProcess, type ServerProcess } from './lib/processes.ts';
import { benchDurationSeconds, type TimedFigures } from './lib/duration.ts';
import { fixed, table, verdict } from './lib/report.ts';
import { callOk, signedPath } from './lib/tim-request.ts';

const RATE = 200;
const CONNECTIONS = 10;
const TARGET_ADDED_P99_MS = 1;

export interface OverheadRow {
  route: 'direct' | 'proxy' | 'proxy --record';
  generator: 'paced fetch (hrtime)' | 'autocannon';
  requests: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** CPU time per request of a proxy's threads during the paced load (Linux: /proc). */
export interface ProxyCpuRow {
  route: 'proxy' | 'proxy --record';
  /** The forwarding event loop (the main thread). */
  mainMicrosPerRequest: number;
  /** Every other thread: the judging thread, V8's and libuv's helpers. */
  othersMicrosPerRequest: number;
}

export type OverheadFigures = TimedFigures<OverheadRow> & { cpu: ProxyCpuRow[] };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** RATE requests per second for `seconds`, each timed from send to the last body byte (sorted). */
async function pacedLoad(
  origin: string,
  path: string,
  body: string,
  seconds: number,
): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round(RATE * seconds);
  {
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = process.hrtime.bigint();
      inFlight.push(
        fetch(origin + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          .then(async (response) => {
            await response.text();
            if (response.status !== 200) errors++;
            latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
          })
          .catch(() => {
            errors++;
          }),
      );
    }
    await Promise.all(inFlight);
  }
  return { latencies: latencies.sort((a, b) => a - b), errors };
}

export async function benchProxyOverhead(log: (line: string) => void): Promise<OverheadFigures> {
  const duration = benchDurationSeconds();
  const servers: ServerProcess[] = [];
  const recordDir = mkdtempSync(join(tmpdir(), 'timc-bench-proxy-'));
  try {
    const mock = await startMockProcess({ rateLimits: false });
    servers.push(mock);
    const proxy = await startProxyProcess({ upstream: mock.url });
    servers.push(proxy);
    const recording = await startProxyProcess({ upstream: mock.url, recordFile: join(recordDir, 'bench.jsonl') });
    servers.push(recording);
    const created = await callOk(mock.url, 'create_group', DEFAULT_FULL_APP, { Type: 'Public', Name: 'bench proxy' });
    const path = signedPath('get_group_attr', DEFAULT_FULL_APP);
    const body = JSON.stringify({ GroupId: String(created.GroupId) });
    const routes = [
      ['direct', mock.url],
      ['proxy', proxy.url],
      ['proxy --record', recording.url],
    ] as const;
    const rows: OverheadRow[] = [];
    log(
      `load: POST get_group_attr at ${RATE} requests/s (autocannon over ${CONNECTIONS} connections), ${duration} s per route after a 1 s warm-up; mock and proxies in processes of their own`,
    );
    for (const [, origin] of routes) await pacedLoad(origin, path, body, 1);
    // One-second turns, route after route, so that every route meets the same machine: a busy
    // moment shows in all three instead of in whichever route ran through it.
    const measured = routes.map(() => ({ latencies: [] as number[], errors: 0 }));
    const proxies = [
      ['proxy', proxy],
      ['proxy --record', recording],
    ] as const;
    const cpuBefore = await Promise.all(proxies.map(([, p]) => p.threadCpu()));
    for (let second = 0; second < Math.ceil(duration); second++) {
      for (const [i, [, origin]] of routes.entries()) {
        const turn = await pacedLoad(origin, path, body, 1);
        measured[i]!.latencies.push(...turn.latencies);
        measured[i]!.errors += turn.errors;
      }
    }
    const cpuAfter = await Promise.all(proxies.map(([, p]) => p.threadCpu()));
    const cpu: ProxyCpuRow[] = [];
    for (const [i, [route]] of proxies.entries()) {
      const before = cpuBefore[i];
      const after = cpuAfter[i];
      const requests = measured[i + 1]!.latencies.length;
      if (before === undefined || after === undefined || requests === 0) continue;
      cpu.push({
        route,
        mainMicrosPerRequest: ((after.main - before.main) * 1000) / requests,
        othersMicrosPerRequest: ((after.others - before.others) * 1000) / requests,
      });
    }
    for (const [i, [route]] of routes.entries()) {
      const latencies = measured[i]!.latencies.sort((a, b) => a - b);
      rows.push({
        route,
        generator: 'paced fetch (hrtime)',
        requests: latencies.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        errors: measured[i]!.errors,
      });
    }
    let autocannon;
    try {
      autocannon = loadAutocannon();
      log(`cross-check: autocannon ${autocannonVersion()} with overallRate ${RATE}`);
    } catch {
      log('cross-check: autocannon is not installed (npm --prefix bench ci); only the paced client ran');
    }
    if (autocannon !== undefined) {
      for (const [route, origin] of routes) {
        const options = {
          url: `${origin}${path}`,
          method: 'POST' as const,
          headers: { 'content-type': 'application/json' },
          body,
          connections: CONNECTIONS,
          overallRate: RATE,
        };
        await autocannon({ ...options, duration: 1 });
        const result: LoadResult = await autocannon({ ...options, duration });
        rows.push({
          route,
          generator: 'autocannon',
          requests: result.requests.total,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          errors: result.errors + result.timeouts + result.non2xx,
        });
      }
    }
    return { rows, cpu, durationSeconds: duration };
  } finally {
    for (const server of servers) await server.stop();
    rmSync(recordDir, { recursive: true, force: true });
  }
}

export function formatProxyOverhead(figures: OverheadFigures): string {
  const lines = [
    table(
      ['generator', 'route', 'requests', 'p50 ms', 'p99 ms', 'errors'],
      figures.rows.map((r) => [r.generator, r.route, r.requests, fixed(r.p50Ms, 2), fixed(r.p99Ms, 2), r.errors]),
    ),
  ];
  for (const generator of ['paced fetch (hrtime)', 'autocannon'] as const) {
    const direct = figures.rows.find((r) => r.generator === generator && r.route === 'direct');
    if (!direct) continue;
    for (const route of ['proxy', 'proxy --record'] as const) {
      const via = figures.rows.find((r) => r.generator === generator && r.route === route);
      if (!via) continue;
      const addedP50 = via.p50Ms - direct.p50Ms;
      const added = via.p99Ms - direct.p99Ms;
      const judged =
        generator === 'paced fetch (hrtime)'
          ? ` (target ≤ ${TARGET_ADDED_P99_MS} ms at p99: ${verdict(added <= TARGET_ADDED_P99_MS)})`
          : ' (1 ms resolution)';
      lines.push(`${generator}: ${route} adds ${fixed(addedP50, 2)} ms at p50, ${fixed(added, 2)} ms at p99${judged}`);
    }
  }
  for (const row of figures.cpu)
    lines.push(
      `CPU per request during the paced load, ${row.route}: forwarding thread ${fixed(row.mainMicrosPerRequest, 0)} µs, other threads ${fixed(row.othersMicrosPerRequest, 0)} µs (10 ms ticks over the whole load)`,
    );
  return lines.join('\n');
}
