// Issue 17.7, the whole runner: against a target that turns hostile right after the preflight
// (silent, drip-fed, huge, truncated, invalid, deeply nested, wrong content type, reset ...),
// a run always ends with a verdict and no crash: exit 1 with its reports when the answers are
// wrong, exit 2 with one line when the breaker finds the target no longer answering, and what
// the end-of-run sweep could not destroy stays in the ledger. A seeded handful of behaviours
// runs by default (TIM_HOSTILE_SEED picks them); TIM_HOSTILE_ALL=1 runs every one.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { captureIO } from '../helpers/io.ts';
import { DEFAULT_FULL_APP, startMockServer, type MockServerHandle } from '../../test-utils/mock/index.ts';
import { mulberry32 } from '../../test-utils/mock/faults.ts';
import { runConformance } from '../../test-utils/runner/run-conformance.ts';
import { notReachedAfterTrip } from '../../test-utils/runner/run-target.ts';
import { HOSTILE_BEHAVIOURS, startHostileServer, type HostileBehaviour } from './hostile-server.ts';

const SUITES = join(import.meta.dirname, 'hostile-suites');
const SEED = Number(process.env.TIM_HOSTILE_SEED ?? 17);
const HANDFUL = 3;

function pick(): HostileBehaviour[] {
  if (process.env.TIM_HOSTILE_ALL === '1') return [...HOSTILE_BEHAVIOURS];
  const random = mulberry32(SEED);
  const pool = [...HOSTILE_BEHAVIOURS];
  const chosen: HostileBehaviour[] = [];
  while (chosen.length < HANDFUL) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
}

/** The behaviours where no answer arrives at all: transport failures, which the breaker counts. */
const NO_ANSWER: ReadonlySet<HostileBehaviour> = new Set(['silent', 'drip', 'truncated', 'reset']);

/** The symptoms of the crashes the issue reported. */
const CRASH = /Maximum call stack|heap out of memory|JavaScript heap|\n\s+at .+:\d+:\d+/;

let mock: MockServerHandle;
beforeAll(async () => {
  mock = await startMockServer({ rateLimits: false });
});
afterAll(() => mock.close());

describe(`a run against a target that turns hostile after the preflight (seed ${SEED})`, { timeout: 120_000 }, () => {
  it.each(pick())('%s: ends with a verdict, no crash', async (behaviour) => {
    const server = await startHostileServer({ upstream: mock.url, behaviour, healthyRequests: 1 });
    onTestFinished(() => server.close());
    const reportDir = mkdtempSync(join(tmpdir(), `timc-hostile-${behaviour}-`));
    const { out, err, io } = captureIO();
    const code = await runConformance(
      {
        target: server.url,
        sdkappid: String(DEFAULT_FULL_APP.sdkappid),
        secretKey: DEFAULT_FULL_APP.secretKey,
        reportDir,
        seed: '7',
      },
      {},
      io,
      { suitesDir: SUITES, workers: 2, progress: false },
      { handleSignals: false },
    );
    const text = [...out, ...err].join('\n');
    expect(server.hostileCount()).toBeGreaterThan(0);
    expect(text).not.toMatch(CRASH);
    expect(existsSync(join(reportDir, 'results.json'))).toBe(true);
    if (NO_ANSWER.has(behaviour)) {
      // Six checks per worker, each failing its first call: the breaker trips, the run stops.
      expect(code).toBe(2);
      expect(err.filter((line) => /the target stopped answering/.test(line)).length).toBeGreaterThan(0);
      // The checks the trip left unreached say so, not vitest's "aborted by the user".
      expect(text).not.toMatch(/aborted by the user/i);
    } else {
      // Answers arrive, wrong ones: the checks fail and say why (a valid envelope under a wrong content type may pass).
      expect(code).toBe(behaviour === 'wrong-type' ? code : 1);
      expect(code).not.toBe(2);
    }
    // The cleanup's "could not destroy" lines are bounded; the rest waits in the ledger.
    expect(err.filter((line) => line.includes('could not destroy')).length).toBeLessThanOrEqual(10);
    const ledgers = existsSync(join(reportDir, 'ledger')) ? readdirSync(join(reportDir, 'ledger')) : [];
    if (/could not destroy|not destroyed|not tried/.test(text)) expect(ledgers.length).toBe(1);
  });
});

it('after a breaker trip, a check vitest marks "aborted by the user" reads as not reached because of the target', () => {
  const base = {
    id: 'get_group_attr/x',
    title: 'x',
    operation: 'get_group_attr',
    check: 'x',
    gating: true,
    evidence: 'documented',
    durationMs: 0,
  } as const;
  const [aborted, other] = notReachedAfterTrip([
    { ...base, status: 'skipped', reason: 'The test run was aborted by the user.' },
    { ...base, id: 'get_group_attr/y', status: 'skipped', reason: 'the target has no basic app' },
  ] as Parameters<typeof notReachedAfterTrip>[0]);
  expect(aborted).toMatchObject({
    reason: expect.stringMatching(/target stopped answering/),
    kind: { kind: 'not-run' },
  });
  expect(other!.reason).toBe('the target has no basic app');
});
