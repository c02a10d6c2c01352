/**
 * Figure 4: scale. (a) The reference mock's memory (RSS and V8 heap after a full GC, read inside
 * its own process) and get_group_attr / get_group_counter latency with 10,000 groups, each holding
 * a full attribute set (the most keys, the longest keys, the most value bytes the limits allow)
 * and the most counters, against the same mock holding one such group. (b) How the suite's wall
 * time grows with the number of operations: the runner and the mock read the spec from a fixed
 * path and the mock has handlers only for the spec's own operationIds, so a doubled spec cannot
 * be run (see docs/bench.md for the seam); the run is measured on two halves of the operations
 * and on all of them, and the generator is measured on a doubled copy of the spec (renamed
 * operations, written to a temp dir).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLimit, loadSpec, loadSpecFrom, operations, SPEC_PATH } from '../test-utils/contract/index.ts';
import { generateSuite } from '../test-utils/generator/index.ts';
import { DEFAULT_FULL_APP } from '../test-utils/mock/index.ts';
import { signUserSig } from '../test-utils/signing/index.ts';
import { loadAutocannon, type LoadRequest } from './lib/bench-deps.ts';
import { startMockProcess, type MockMemory, type MockProcess } from './lib/processes.ts';
import { fixed, mib, table } from './lib/report.ts';
import { measureSuiteRun, type SuiteRunFigures } from './suite-speed.ts';
import { callOk, postJson, signedPath } from './lib/tim-request.ts';

const GROUPS = 10_000;
const FILL_CONCURRENCY = 64;
const LOAD_CONNECTIONS = 10;

export interface LatencyRow {
  groups: number;
  operation: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface ScaleFigures {
  attrsPerGroup: number;
  attrValueBytesPerGroup: number;
  countersPerGroup: number;
  fillSeconds: number;
  fillRequests: number;
  memoryOneGroup: MockMemory;
  memoryAllGroups: MockMemory;
  latency: LatencyRow[];
  growth: GrowthFigures;
}

export interface GrowthFigures {
  halves: SuiteRunFigures[];
  halfOperations: string[][];
  full: SuiteRunFigures;
  generator: { operations: number; cases: number; millis: number }[];
}

function durationSeconds(): number {
  const n = Number(process.env.BENCH_DURATION_S ?? '10');
  return n > 0 ? n : 10;
}

/** A full attribute set and a full counter set, distinct per group (no shared strings). */
function groupContents(index: number) {
  const keyCount = getLimit('attr.keys.maxCount').max as number;
  const keyBytes = getLimit('attr.key.maxBytes').max as number;
  const valueBytes = Math.min(getLimit('attr.value.maxBytes').max as number, Math.floor((getLimit('attr.values.totalMaxBytes').max as number) / keyCount));
  const counterCount = getLimit('counter.keys.maxCount').max as number;
  const counterKeyBytes = getLimit('counter.key.maxBytes').max as number;
  const tag = index.toString(36);
  const attrs = Array.from({ length: keyCount }, (_, k) => ({
    key: `${k}-${tag}-`.padEnd(keyBytes, 'k'),
    value: `${k}-${tag}-`.padEnd(valueBytes, 'v'),
  }));
  const counters = Array.from({ length: counterCount }, (_, k) => ({ Key: `${k}-${tag}-`.padEnd(counterKeyBytes, 'c'), Value: index * 100 + k }));
  return { attrs, counters, valueBytes };
}

async function fillGroups(mock: MockProcess, count: number): Promise<{ groupIds: string[]; requests: number }> {
  const app = DEFAULT_FULL_APP;
  const usersig = signUserSig(app);
  const paths = {
    create: signedPath('create_group', app, usersig),
    set: signedPath('set_group_attr', app, usersig),
    counters: signedPath('update_group_counter', app, usersig),
  };
  const groupIds: string[] = new Array(count);
  let next = 0;
  const ok = async (path: string, body: unknown) => {
    const answer = await postJson(mock.url, path, body);
    if (answer.ErrorCode !== 0) throw new Error(`filling the mock: ${String(answer.ErrorCode)} ${String(answer.ErrorInfo)}`);
    return answer;
  };
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const created = await ok(paths.create, { Owner_Account: app.admin, Type: 'Public', Name: `scale ${i}` });
      const groupId = String(created.GroupId);
      const { attrs, counters } = groupContents(i);
      await ok(paths.set, { GroupId: groupId, GroupAttr: attrs });
      await ok(paths.counters, { GroupId: groupId, Mode: 'Set', GroupCounter: counters });
      groupIds[i] = groupId;
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker));
  return { groupIds, requests: count * 3 };
}

async function measureReads(mock: MockProcess, groupIds: string[]): Promise<LatencyRow[]> {
  const autocannon = loadAutocannon();
  const rows: LatencyRow[] = [];
  for (const operation of ['get_group_attr', 'get_group_counter']) {
    const path = signedPath(operation, DEFAULT_FULL_APP);
    const request: LoadRequest = {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      // A random group per request, so that the whole state is touched, not one hot group.
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ GroupId: groupIds[Math.floor(Math.random() * groupIds.length)] }) }),
    };
    await autocannon({ url: mock.url, connections: LOAD_CONNECTIONS, duration: 1, requests: [request] });
    const result = await autocannon({ url: mock.url, connections: LOAD_CONNECTIONS, duration: durationSeconds(), requests: [request] });
    rows.push({
      groups: groupIds.length,
      operation,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
    });
  }
  return rows;
}

async function measureMockScale(log: (line: string) => void): Promise<Omit<ScaleFigures, 'growth'>> {
  const mock = await startMockProcess({ rateLimits: false });
  try {
    const first = await fillGroups(mock, 1);
    const memoryOneGroup = await mock.memory();
    const latency = await measureReads(mock, first.groupIds);
    log(`filling the mock with ${GROUPS} groups (${FILL_CONCURRENCY} requests in flight, rate limits off) ...`);
    const begin = performance.now();
    const rest = await fillGroups(mock, GROUPS - 1);
    const fillSeconds = (performance.now() - begin) / 1000;
    const groupIds = [...first.groupIds, ...rest.groupIds];
    const sample = groupIds[Math.floor(groupIds.length / 2)]!;
    const attrs = await callOk(mock.url, 'get_group_attr', DEFAULT_FULL_APP, { GroupId: sample });
    const counters = await callOk(mock.url, 'get_group_counter', DEFAULT_FULL_APP, { GroupId: sample });
    const { attrs: expectedAttrs, counters: expectedCounters, valueBytes } = groupContents(0);
    if ((attrs.GroupAttrAry as unknown[]).length !== expectedAttrs.length || (counters.GroupCounter as unknown[]).length !== expectedCounters.length) {
      throw new Error('a filled group does not hold the full attribute and counter sets');
    }
    const memoryAllGroups = await mock.memory();
    latency.push(...(await measureReads(mock, groupIds)));
    return {
      attrsPerGroup: expectedAttrs.length,
      attrValueBytesPerGroup: valueBytes * expectedAttrs.length,
      countersPerGroup: expectedCounters.length,
      fillSeconds,
      fillRequests: rest.requests,
      memoryOneGroup,
      memoryAllGroups,
      latency,
    };
  } finally {
    await mock.stop();
  }
}

/**
 * The spec with every operation twice: the copy's command (and operationId) gets a suffix.
 * Written as JSON (which YAML readers accept): a bare 'yaml' import from bench/ would resolve to
 * Prism's own copy in bench/node_modules.
 */
export function doubledSpecText(suffix = '_copy'): string {
  const spec = structuredClone(loadSpec()) as unknown as { paths: Record<string, { post: Record<string, unknown> }> };
  const rename = (path: string) => `${path}${suffix}`;
  const paths: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    paths[path] = item;
    const post = item.post;
    paths[rename(path)] = {
      ...item,
      post: {
        ...post,
        operationId: `${String(post.operationId)}${suffix}`,
        'x-tim-alternative-paths': (post['x-tim-alternative-paths'] as string[]).map(rename),
      },
    };
  }
  return JSON.stringify({ ...spec, paths }, null, 1);
}

/** The fastest of a few generator runs on one spec (the first pays for reading schemas and samples). */
function timeGenerator(specPath: string): { operations: number; cases: number; millis: number } {
  const spec = loadSpecFrom(specPath);
  let best = { operations: operations(spec).length, cases: 0, millis: Number.POSITIVE_INFINITY };
  for (let round = 0; round < 5; round += 1) {
    const begin = performance.now();
    const suite = generateSuite({ spec });
    const millis = performance.now() - begin;
    if (millis < best.millis) best = { ...best, cases: suite.cases.length, millis };
  }
  return best;
}

async function measureGrowth(log: (line: string) => void, full?: SuiteRunFigures): Promise<GrowthFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tim-bench-spec-'));
  let generator;
  try {
    const doubledPath = join(dir, 'tim-chat.doubled.openapi.yaml');
    writeFileSync(doubledPath, doubledSpecText());
    generator = [timeGenerator(SPEC_PATH), timeGenerator(doubledPath)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ids = operations().map((op) => op.operationId);
  const halves = [ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)];
  const runs: SuiteRunFigures[] = [];
  for (const [index, half] of halves.entries()) {
    const label = `half ${index === 0 ? 'A' : 'B'} (${half.length} operations)`;
    log(`running the suite on ${label}: ${half.join(', ')} ...`);
    runs.push(await measureSuiteRun(label, 0, `(?:^|\\s)(?:${half.join('|')})/`));
  }
  if (!full) {
    log('running the full suite ...');
    full = await measureSuiteRun('all operations', 0);
  }
  return { halves: runs, halfOperations: halves, full, generator };
}

export async function benchScale(log: (line: string) => void, fullRun?: SuiteRunFigures): Promise<ScaleFigures> {
  const mockScale = await measureMockScale(log);
  const growth = await measureGrowth(log, fullRun);
  return { ...mockScale, growth };
}

const ran = (r: SuiteRunFigures) => r.passed + r.failed + r.tentativeFailed;

export function formatScale(f: ScaleFigures): string {
  const one = f.memoryOneGroup;
  const all = f.memoryAllGroups;
  const perGroup = (a: number, b: number) => `${fixed((b - a) / (GROUPS - 1) / 1024, 1)} KiB`;
  const lines = [
    `each group: ${f.attrsPerGroup} attributes (${f.attrValueBytesPerGroup} value bytes, longest keys) and ${f.countersPerGroup} counters (longest keys); ` +
      `filled with ${f.fillRequests} requests in ${fixed(f.fillSeconds, 1)} s (${fixed(f.fillRequests / f.fillSeconds, 0)} writes/s)`,
    table(
      ['mock memory (after GC)', 'RSS', 'heap used', 'external'],
      [
        ['1 group', mib(one.rss), mib(one.heapUsed), mib(one.external)],
        [`${GROUPS} groups`, mib(all.rss), mib(all.heapUsed), mib(all.external)],
        ['per added group', perGroup(one.rss, all.rss), perGroup(one.heapUsed, all.heapUsed), ''],
      ],
    ),
    table(
      ['read latency (10 connections, random group)', 'requests/s', 'p50 ms', 'p99 ms', 'errors'],
      f.latency.map((r) => [`${r.operation}, ${r.groups} group(s)`, fixed(r.requestsPerSecond, 0), fixed(r.p50Ms, 0), fixed(r.p99Ms, 0), r.errors]),
    ),
  ];
  const { halves, full, generator } = f.growth;
  const meanHalf = halves.reduce((sum, r) => sum + r.wallSeconds, 0) / halves.length;
  lines.push(
    table(
      ['suite run (rate limits on)', 'operations', 'checks run', 'wall s', 'floor s'],
      [
        ...halves.map((r, i) => [r.label, f.growth.halfOperations[i]!.length, ran(r), fixed(r.wallSeconds, 1), fixed(r.floor.seconds, 2)]),
        [full.label === 'all operations' ? full.label : 'all operations (the run of figure 3)', operations().length, ran(full), fixed(full.wallSeconds, 1), fixed(full.floor.seconds, 2)],
      ],
    ),
    ...f.growth.halfOperations.map((ops, i) => `half ${i === 0 ? 'A' : 'B'}: ${ops.join(', ')}`),
    `doubling the operations (${f.growth.halfOperations[0]!.length} → ${operations().length}): wall time × ${fixed(full.wallSeconds / meanHalf, 2)}, checks × ${fixed((2 * ran(full)) / halves.reduce((s, r) => s + ran(r), 0), 2)}`,
    `generator on the spec vs a doubled copy with renamed operations: ${generator[0]!.operations} → ${generator[1]!.operations} operations, ` +
      `${generator[0]!.cases} → ${generator[1]!.cases} cases, ${fixed(generator[0]!.millis, 1)} → ${fixed(generator[1]!.millis, 1)} ms (fastest of 5)`,
    'the doubled spec itself cannot be run: the spec path is fixed (test-utils/contract/paths.ts SPEC_PATH) and the mock and suites/generated/requests.ts know only the original operationIds (docs/bench.md, "Seams")',
  );
  return lines.join('\n');
}
