// The stateful check alone finds every state-class deviation of the catalogue within its
// default budget, and fast-check shrinks the counterexample to at most 6 requests. The mock is
// driven in-process (test/stateful/in-process-port.ts), so this costs a few CPU-seconds.
import { describe, expect, test } from 'vitest';
import { MUTANT_CATALOGUE } from '../../test-utils/mutants/catalogue.ts';
import { runStatefulProperty } from '../../test-utils/stateful/run-property.ts';
import type { StatefulKind } from '../../test-utils/stateful/steps.ts';
import { inProcessMock } from './in-process-port.ts';

const MAX_SHRUNK_REQUESTS = 6;
const SEED = 1;

/**
 * checks-rows' state-class deviations (their catalogue killers are hand-written checks; the
 * stateful check finds these too, measured here rather than added to the killers batch). Not
 * found within the default budget, and so not listed: state.delete-attr-keeps-bytes and
 * state.deleted-counter-still-counted (they need a full group, a delete, then a write that only
 * fits because of the delete; the hand-written checks catch them).
 */
const ALSO_FOUND: ReadonlyArray<{ name: string; kind: StatefulKind }> = [
  { name: 'state.clear-keeps-key-slots', kind: 'attributes' },
  { name: 'state.set-keeps-removed-key-slots', kind: 'attributes' },
  { name: 'state.read-cache-after-clear', kind: 'attributes' },
  { name: 'state.refused-write-stored', kind: 'attributes' },
  { name: 'limits.attr-total-on-state-before-write', kind: 'attributes' },
  { name: 'state.deleted-counter-resumes', kind: 'counters' },
  { name: 'state.refused-counter-write-stored', kind: 'counters' },
  { name: 'limits.counter-count-unchecked', kind: 'counters' },
  { name: 'limits.counter-key-length-unchecked', kind: 'counters' },
  { name: 'limits.counter-count-on-request', kind: 'counters' },
  { name: 'counters.float-value-truncated', kind: 'counters' },
  { name: 'counters.string-value-parsed', kind: 'counters' },
  { name: 'counters.int64-overflow-wraps', kind: 'isolation' },
  { name: 'isolation.groups-shared-across-apps', kind: 'isolation' },
];

/** Every catalogue entry one of whose killers is a stateful check, and the ones above. */
const stateful = [
  ...MUTANT_CATALOGUE.flatMap((m) =>
    m.killers.filter((id) => id.startsWith('stateful/')).map((id) => ({ name: m.name as string, kind: id.slice('stateful/'.length) as StatefulKind })),
  ),
  ...ALSO_FOUND.filter((also) => MUTANT_CATALOGUE.some((m) => m.name === also.name)),
];

describe('the stateful check finds each state-class deviation', () => {
  test('the catalogue has at least 8 of them', () => {
    expect(new Set(stateful.map((s) => s.name)).size).toBeGreaterThanOrEqual(8);
  });

  for (const { name, kind } of stateful) {
    test(`${name} (stateful/${kind})`, async () => {
      const mock = inProcessMock({ deviations: [name] });
      const result = await runStatefulProperty({ kind, seed: SEED, port: mock.port, apps: mock.apps });
      expect(result.failure, `stateful/${kind} did not find ${name} in ${result.steps} steps`).toBeDefined();
      expect(result.failure!.reproduced).toBe(true);
      expect(result.failure!.steps.length).toBeLessThanOrEqual(MAX_SHRUNK_REQUESTS);
    });
  }
});

describe('the unmodified mock passes the stateful suite', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`seed ${seed}`, async () => {
      for (const kind of ['attributes', 'counters', 'isolation'] as const) {
        const mock = inProcessMock();
        const result = await runStatefulProperty({ kind, seed, port: mock.port, apps: mock.apps });
        expect(result.failure?.message).toBeUndefined();
        expect(result.tentative).toEqual([]);
        // The default budget: at least 100 steps per kind, 300 in all.
        expect(result.steps).toBeGreaterThanOrEqual(100);
      }
    });
  }
});
