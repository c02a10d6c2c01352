// Issue 10, faults: `tim-conformance run` (spawned, as CI runs it) against the reference mock
// behind a fault-injecting proxy that counts every request.
//  - A fault-free run and a run where a seeded share of the calls the client may repeat get a
//    fault (10002, HTTP 502, a dropped connection before or after the mock applied the call, an
//    answer held back near the server's 3 s timeout): same exit code, same outcome per check, and
//    exactly one extra request per failing fault, each a repeat of the faulted one.
//  - Increase/Decrease: none is faulted in that run, and the count is the fault-free count; and a
//    probe check whose every Increase/Decrease gets a fault sees each of them reach the server once.
// The three runs go in parallel to keep the wall time down.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getOperation } from '../../test-utils/contract/index.ts';
import { isRetrySafe } from '../../test-utils/client/retry.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP, startMockServer } from '../../test-utils/mock/index.ts';
import {
  FAILING_FAULTS,
  type FaultPolicy,
  type FaultProxy,
  PROXY_FAULTS,
  type SeenRequest,
  startFaultProxy,
} from './fault-proxy.ts';
import { PROBE_KEY, PROBE_SET_KEY, PROBE_STEPS } from './probe-keys.ts';
import { runCliToEnd, targetFlags } from '../helpers/cli.ts';

/**
 * Counters (Set, Increase, Decrease, reads, request shapes) and attributes (every write
 * operation). Not int64-bounds: its calls opt out of retries (retry: false), so a fault there
 * would be a finding by design.
 */
const SUBSET = [
  ...[
    'missing-key-starts-at-zero',
    'set-increase-decrease',
    'all-when-no-keys',
    'mode-omitted',
    'non-integer-value',
  ].map((check) => `suites/group-counter/${check}`),
  'suites/group-attr',
];
const SEED = '4242';

type Mock = Awaited<ReturnType<typeof startMockServer>>;

interface RunOutcome {
  code: number | null;
  output: string;
  outcomes: Record<string, string>;
}

async function runCli(targetUrl: string, extra: string[]): Promise<RunOutcome> {
  const reportDir = mkdtempSync(join(tmpdir(), 'timc-faults-'));
  const { code, output } = await runCliToEnd([
    'run',
    ...targetFlags(targetUrl, DEFAULT_FULL_APP),
    '--basic-sdkappid',
    String(DEFAULT_BASIC_APP.sdkappid),
    '--basic-secret-key',
    DEFAULT_BASIC_APP.secretKey,
    '--seed',
    SEED,
    '--workers',
    '2',
    '--report-dir',
    reportDir,
    ...extra,
  ]);
  let outcomes: Record<string, string> = {};
  try {
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as {
      tests: Array<{ id: string; status: string }>;
    };
    outcomes = Object.fromEntries(results.tests.map((t) => [t.id, t.status]));
  } catch {
    // No results file: the assertions on the exit code and output say why.
  }
  return { code, output, outcomes };
}

const isIncreaseOrDecrease = (r: SeenRequest) =>
  r.operationId === 'update_group_counter' && (r.mode === 'Increase' || r.mode === 'Decrease');
const retrySafe = (r: SeenRequest) =>
  r.operationId !== undefined && isRetrySafe(getOperation(r.operationId), undefined, r.body);

/** Faults only where the contract says a repeat is harmless. */
const idempotentOnly: FaultPolicy = (r, pick) => (retrySafe(r) ? pick() : null);

/** Every probe Increase/Decrease gets a fault (cycling through all kinds); the probe's Set and read get a failing one. */
function probePolicy(): FaultPolicy {
  let n = 0;
  return (r) => {
    if (r.operationId === 'update_group_counter' && r.body.includes(`"${PROBE_KEY}"`) && isIncreaseOrDecrease(r))
      return PROXY_FAULTS[n++ % PROXY_FAULTS.length]!;
    if (r.body.includes(`"${PROBE_SET_KEY}"`)) return r.operationId === 'get_group_counter' ? 'drop' : 'drop-after';
    return null;
  };
}

describe.sequential('the runner under injected faults', { timeout: 240_000 }, () => {
  const mocks: Mock[] = [];
  const proxies: FaultProxy[] = [];
  let clean: { proxy: FaultProxy; run: RunOutcome };
  let faulted: { proxy: FaultProxy; run: RunOutcome };
  let probe: { proxy: FaultProxy; run: RunOutcome };

  async function runBehind(policy: FaultPolicy, share: number, extra: string[]) {
    const mock = await startMockServer();
    mocks.push(mock);
    const proxy = await startFaultProxy({ upstream: mock.url, policy, share, seed: 11, slowMs: 2500 });
    proxies.push(proxy);
    return { proxy, run: await runCli(proxy.url, extra) };
  }

  beforeAll(async () => {
    [clean, faulted, probe] = await Promise.all([
      runBehind(() => null, 0, SUBSET),
      runBehind(idempotentOnly, 0.4, SUBSET),
      runBehind(probePolicy(), 1, ['--suites', join('test', 'reliability', 'suites')]),
    ]);
  }, 240_000);
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    for (const mock of mocks) await mock.close();
  });

  test("the faulted run has the fault-free run's verdict, check by check", () => {
    expect(clean.run.code, clean.run.output).toBe(0);
    expect(Object.keys(clean.run.outcomes).length).toBeGreaterThan(10);
    expect(faulted.run.code, faulted.run.output).toBe(clean.run.code);
    expect(faulted.run.outcomes).toEqual(clean.run.outcomes);
  });

  test('every kind of fault was injected, on idempotent calls only', () => {
    const faults = faulted.proxy.seen.filter((r) => r.fault !== null);
    const tally = PROXY_FAULTS.map((kind) => `${kind} ${faults.filter((r) => r.fault === kind).length}`).join(', ');
    for (const kind of PROXY_FAULTS)
      expect(
        faults.filter((r) => r.fault === kind).length,
        `${tally} of ${faulted.proxy.seen.length} requests`,
      ).toBeGreaterThan(0);
    expect(faults.every(retrySafe)).toBe(true);
    expect(clean.proxy.seen.every((r) => r.fault === null)).toBe(true);
  });

  test('each failing fault cost exactly one repeat of the same request, and nothing else was repeated', () => {
    const failing = faulted.proxy.seen.filter((r) => r.fault !== null && FAILING_FAULTS.has(r.fault));
    expect(faulted.proxy.seen.length).toBe(clean.proxy.seen.length + failing.length);
    for (const fault of failing) {
      const at = faulted.proxy.seen.indexOf(fault);
      const repeat = faulted.proxy.seen.slice(at + 1).find((r) => r.path === fault.path && r.body === fault.body);
      expect(repeat, `a retry of ${fault.operationId} after ${fault.fault}`).toBeDefined();
      expect(repeat!.fault === null || !FAILING_FAULTS.has(repeat!.fault)).toBe(true);
    }
  });

  test('Increase/Decrease: never faulted in the verdict run, and sent exactly as often as without faults', () => {
    const incDec = (proxy: FaultProxy) => proxy.seen.filter(isIncreaseOrDecrease);
    expect(incDec(clean.proxy).length).toBeGreaterThan(0);
    expect(incDec(faulted.proxy).length).toBe(incDec(clean.proxy).length);
    expect(incDec(faulted.proxy).every((r) => r.fault === null)).toBe(true);
  });

  test('a probe whose every Increase/Decrease gets a fault: each one reached the server once, the idempotent Set was retried', () => {
    expect(probe.run.code, probe.run.output).toBe(0);
    const probes = probe.proxy.seen.filter((r) => isIncreaseOrDecrease(r) && r.body.includes(`"${PROBE_KEY}"`));
    expect(probes).toHaveLength(PROBE_STEPS * 2);
    expect(new Set(probes.map((r) => r.body)).size).toBe(PROBE_STEPS * 2);
    expect(probes.every((r) => r.fault !== null)).toBe(true);
    expect(new Set(probes.map((r) => r.fault))).toEqual(new Set(PROXY_FAULTS));
    const sets = probe.proxy.seen.filter(
      (r) => r.operationId === 'update_group_counter' && r.body.includes(`"${PROBE_SET_KEY}"`),
    );
    expect(sets.map((r) => r.fault)).toEqual(['drop-after', null]);
  });
});
