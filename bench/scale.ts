/**
 * Figure 4: scale. (a) The reference mock's memory (RSS and V8 heap after a full GC, read inside
 * its own process) and get_group_attr / get_group_counter latency with 10,000 groups, each holding
 * a full attribute set (the most keys, the longest keys, the most value bytes the limits allow)
 * and the most counters, against the same mock holding one such group. (b) How the suite's wall
 * time grows with the number of operations: the whole suite on the spec and on a copy of it with
 * every operation doubled (renamed `<command>_copy`, `x-tim-copy-of` naming the original, written
 * to a temp dir), each run in a process of its own with TIM_SPEC naming its spec; and the
 * generator on both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLimit, loadSpecFrom, operations, SPEC_PATH } from '../test-utils/contract/index.ts';
import { generateSuite } from '../test-utils/generator/index.ts';
import { DEFAULT_FULL_APP } from '../test-utils/mock/index.ts';
import { signUserSig } from '../test-utils/signing/index.ts';
import { loadAutocannon, type LoadRequest } from './lib/bench-deps.ts';
import { startMockProcess, type MockMemory, type MockProcess } from './lib/processes.ts';
import { benchDurationSeconds } from './lib/duration.ts';
import { fixed, mib, table } from './lib/report.ts';
import { type SuiteRunFigures } from './suite-speed.ts';
import { runSuiteInProcess } from './lib/suite-run-process.ts';
import { doubledSpecText } from './lib/doubled-spec.ts';
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
  /** The whole suite on the project's spec and on the doubled copy (each in its own process). */
  original: SuiteRunFigures;
  doubled: SuiteRunFigures;
  operations: { original: number; doubled: number };
  /** Figure 3's in-process run of the project's spec, when it ran in the same bench. */
  inProcess: SuiteRunFigures | undefined;
  generator: { operations: number; cases: number; millis: number }[];
}

/** A full attribute set and a full counter set, distinct per group (no shared strings). */
function groupContents(index: number) {
  const keyCount = getLimit('attr.keys.maxCount').max as number;
  const keyBytes = getLimit('attr.key.maxBytes').max as number;
  const valueBytes = Math.min(
    getLimit('attr.value.maxBytes').max as number,
    Math.floor((getLimit('attr.values.totalMaxBytes').max as number) / keyCount),
  );
  const counterCount = getLimit('counter.keys.maxCount').max as number;
  const counterKeyBytes = getLimit('counter.key.maxBytes').max as number;
  const tag = index.toString(36);
  const attrs = Array.from({ length: keyCount }, (_, k) => ({
    key: `${k}-${tag}-`.padEnd(keyBytes, 'k'),
    value: `${k}-${tag}-`.padEnd(valueBytes, 'v'),
  }));
  const counters = Array.from({ length: counterCount }, (_, k) => ({
    Key: `${k}-${tag}-`.padEnd(counterKeyBytes, 'c'),
    Value: index * 100 + k,
  }));
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
    if (answer.ErrorCode !== 0)
      throw new Error(`filling the mock: ${String(answer.ErrorCode)} ${String(answer.ErrorInfo)}`);
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
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({ GroupId: groupIds[Math.floor(Math.random() * groupIds.length)] }),
      }),
    };
    await autocannon({ url: mock.url, connections: LOAD_CONNECTIONS, duration: 1, requests: [request] });
    const result = await autocannon({
      url: mock.url,
      connections: LOAD_CONNECTIONS,
      duration: benchDurationSeconds(),
      requests: [request],
    });
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
    if (
      (attrs.GroupAttrAry as unknown[]).length !== expectedAttrs.length ||
      (counters.GroupCounter as unknown[]).length !== expectedCounters.length
    ) {
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

async function measureGrowth(log: (line: string) => void, inProcess?: SuiteRunFigures): Promise<GrowthFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tim-bench-spec-'));
  try {
    const doubledPath = join(dir, 'tim-chat.doubled.openapi.yaml');
    writeFileSync(doubledPath, doubledSpecText());
    const generator = [timeGenerator(SPEC_PATH), timeGenerator(doubledPath)];
    log(`running the suite on the spec (${generator[0]!.operations} operations) ...`);
    const original = await runSuiteInProcess('spec', undefined);
    log(`running the suite on the doubled spec (${generator[1]!.operations} operations, TIM_SPEC=${doubledPath}) ...`);
    const doubled = await runSuiteInProcess('doubled spec', doubledPath);
    return {
      original,
      doubled,
      operations: { original: generator[0]!.operations, doubled: generator[1]!.operations },
      inProcess,
      generator,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
      f.latency.map((r) => [
        `${r.operation}, ${r.groups} group(s)`,
        fixed(r.requestsPerSecond, 0),
        fixed(r.p50Ms, 0),
        fixed(r.p99Ms, 0),
        r.errors,
      ]),
    ),
  ];
  const { original, doubled, generator, inProcess } = f.growth;
  const passedOf = (r: SuiteRunFigures) => `${r.passed}/${r.failed + r.tentativeFailed}/${r.skipped}`;
  lines.push(
    table(
      [
        'suite run (rate limits on, own process)',
        'operations',
        'checks',
        'passed/failed/skipped',
        'wall s',
        'checks/s',
        'floor s',
      ],
      [original, doubled].map((r, i) => [
        r.label,
        i === 0 ? f.growth.operations.original : f.growth.operations.doubled,
        r.checks,
        passedOf(r),
        fixed(r.wallSeconds, 1),
        fixed(r.checks / r.wallSeconds, 1),
        fixed(r.floor.seconds, 2),
      ]),
    ),
    `doubling the operations (${f.growth.operations.original} → ${f.growth.operations.doubled}): wall time ${fixed(original.wallSeconds, 1)} → ${fixed(doubled.wallSeconds, 1)} s (× ${fixed(doubled.wallSeconds / original.wallSeconds, 2)}), ` +
      `checks ${ran(original)} → ${ran(doubled)} (× ${fixed(ran(doubled) / ran(original), 2)})`,
    ...(doubled.failedIds.length > 0 ? [`failed on the doubled spec: ${doubled.failedIds.join(', ')}`] : []),
    ...(inProcess
      ? [
          `(figure 3's run of the spec, in the bench process: ${fixed(inProcess.wallSeconds, 1)} s, ${ran(inProcess)} checks)`,
        ]
      : []),
    `generator on the spec vs the doubled copy: ${generator[0]!.operations} → ${generator[1]!.operations} operations, ` +
      `${generator[0]!.cases} → ${generator[1]!.cases} cases, ${fixed(generator[0]!.millis, 1)} → ${fixed(generator[1]!.millis, 1)} ms (fastest of 5)`,
  );
  return lines.join('\n');
}
