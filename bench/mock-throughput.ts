/**
 * Figure 1: the reference mock against Stoplight Prism's mock, both serving
 * specs/tim-chat.openapi.yaml in processes of their own, under the same autocannon load: one
 * get_group_attr request with a valid UserSig (rate limits off), at 10 and 100 connections.
 * The mock verifies the signature (warm cache: the same UserSig every time, as a client that
 * caches it sends) and reads a group's state; Prism checks the request against the schema and
 * answers the static example.
 */
import { SPEC_PATH } from '../test-utils/contract/index.ts';
import { DEFAULT_FULL_APP } from '../test-utils/mock/index.ts';
import { autocannonVersion, loadAutocannon, prismVersion, type LoadResult } from './lib/bench-deps.ts';
import { startMockProcess, startPrismProcess, type ServerProcess } from './lib/processes.ts';
import { benchDurationSeconds, type TimedFigures } from './lib/duration.ts';
import { fixed, mib, table, verdict } from './lib/report.ts';
import { callOk, postJson, signedPath } from './lib/tim-request.ts';

/** The targets for this figure. */
const TARGET_RATIO = 5;
const TARGET_P99_MS_AT_10 = 5;
const CONNECTIONS = [10, 100] as const;

export interface ThroughputRow {
  server: 'mock' | 'prism';
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  rssBytes: number | undefined;
}

export type ThroughputFigures = TimedFigures<ThroughputRow>;

async function seedGroup(mockUrl: string): Promise<string> {
  const created = await callOk(mockUrl, 'create_group', DEFAULT_FULL_APP, {
    Owner_Account: DEFAULT_FULL_APP.admin,
    Type: 'Public',
    Name: 'bench',
  });
  const groupId = String(created.GroupId);
  const attrs = Array.from({ length: 4 }, (_, i) => ({ key: `attr_key_${i}`, value: `attr value ${i}` }));
  await callOk(mockUrl, 'set_group_attr', DEFAULT_FULL_APP, { GroupId: groupId, GroupAttr: attrs });
  return groupId;
}

export async function benchMockThroughput(log: (line: string) => void): Promise<ThroughputFigures> {
  const duration = benchDurationSeconds();
  const autocannon = loadAutocannon();
  log(
    `load generator: autocannon ${autocannonVersion()} in the bench process; servers: reference mock and @stoplight/prism-cli ${prismVersion()} (-v silent), each in its own process`,
  );
  const servers: ServerProcess[] = [];
  try {
    const mock = await startMockProcess({ rateLimits: false });
    servers.push(mock);
    const prism = await startPrismProcess(SPEC_PATH);
    servers.push(prism);
    log('Prism loads specs/tim-chat.openapi.yaml as is (no derived copy needed).');

    const groupId = await seedGroup(mock.url);
    const path = signedPath('get_group_attr', DEFAULT_FULL_APP);
    const body = JSON.stringify({ GroupId: groupId });
    const mockAnswer = await postJson(mock.url, path, { GroupId: groupId });
    if (mockAnswer.ErrorCode !== 0)
      throw new Error(`the mock refused the benchmark request: ${String(mockAnswer.ErrorCode)}`);
    const prismAnswer = await postJson(prism.url, path, { GroupId: groupId });
    log(
      `request: POST get_group_attr, valid UserSig, group with 4 attributes; mock answers ErrorCode 0 with ${(mockAnswer.GroupAttrAry as unknown[]).length} attributes, Prism its static example (ErrorCode ${JSON.stringify(prismAnswer.ErrorCode)})`,
    );

    const rows: ThroughputRow[] = [];
    for (const connections of CONNECTIONS) {
      for (const [name, server] of [
        ['mock', mock],
        ['prism', prism],
      ] as const) {
        const options = {
          url: `${server.url}${path}`,
          method: 'POST' as const,
          headers: { 'content-type': 'application/json' },
          body,
        };
        await autocannon({ ...options, connections, duration: 1 }); // warm-up (JIT, keep-alive sockets)
        const result: LoadResult = await autocannon({ ...options, connections, duration });
        rows.push({
          server: name,
          connections,
          requestsPerSecond: result.requests.average,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          errors: result.errors + result.timeouts + result.non2xx,
          rssBytes: server.rssBytes(),
        });
      }
    }
    return { rows, durationSeconds: duration };
  } finally {
    for (const server of servers) await server.stop();
  }
}

export function formatMockThroughput(figures: ThroughputFigures): string {
  const lines: string[] = [];
  lines.push(
    table(
      ['server', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'RSS after'],
      figures.rows.map((r) => [
        r.server,
        r.connections,
        fixed(r.requestsPerSecond, 0),
        fixed(r.p50Ms, 0),
        fixed(r.p99Ms, 0),
        r.errors,
        mib(r.rssBytes),
      ]),
    ),
  );
  lines.push(
    `(${figures.durationSeconds} s per measurement after a 1 s warm-up; autocannon's latencies have 1 ms resolution)`,
  );
  for (const connections of CONNECTIONS) {
    const mock = figures.rows.find((r) => r.server === 'mock' && r.connections === connections);
    const prism = figures.rows.find((r) => r.server === 'prism' && r.connections === connections);
    if (!mock || !prism) continue;
    const ratio = mock.requestsPerSecond / prism.requestsPerSecond;
    lines.push(
      `${connections} connections: mock/Prism requests/s = ${fixed(ratio, 2)}× (target ≥ ${TARGET_RATIO}×: ${verdict(ratio >= TARGET_RATIO)})`,
    );
  }
  const at10 = figures.rows.find((r) => r.server === 'mock' && r.connections === 10);
  if (at10)
    lines.push(
      `mock p99 at 10 connections = ${fixed(at10.p99Ms, 0)} ms (target < ${TARGET_P99_MS_AT_10} ms: ${verdict(at10.p99Ms < TARGET_P99_MS_AT_10)})`,
    );
  return lines.join('\n');
}
