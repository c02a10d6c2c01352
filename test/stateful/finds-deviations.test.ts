// The stateful check alone finds every state-class deviation of the catalogue (its 'state' and
// 'isolation' rows, whatever their listed killers) within its default budget, and fast-check
// shrinks the counterexample to at most 6 requests that fail again when run alone. The mock is
// driven in-process (test/stateful/in-process-port.ts), so this costs a few CPU-seconds.
import { describe, expect, test } from 'vitest';
import { MUTANT_CATALOGUE } from '../../test-utils/mutants/catalogue.ts';
import { runStatefulProperty } from '../../test-utils/stateful/run-property.ts';
import type { StatefulKind } from '../../test-utils/stateful/steps.ts';
import { inProcessMock } from './in-process-port.ts';

const MAX_SHRUNK_REQUESTS = 6;
const SEED = 1;
const KINDS: readonly StatefulKind[] = ['attributes', 'counters', 'isolation'];
const STATE_AREAS: ReadonlySet<string> = new Set(['state', 'isolation']);

/** The catalogue's state-class rows, with the stateful kinds to try: the ones it lists as killers first. */
const stateClass = MUTANT_CATALOGUE.filter((m) => STATE_AREAS.has(m.area)).map((m) => {
  const listed = m.killers
    .filter((id) => id.startsWith('stateful/'))
    .map((id) => id.slice('stateful/'.length) as StatefulKind);
  return { name: m.name as string, kinds: [...new Set([...listed, ...KINDS])] };
});

describe('the stateful check finds each state-class deviation of the catalogue', () => {
  test('the catalogue has state-class rows', () => {
    expect(stateClass.length).toBeGreaterThanOrEqual(20);
  });

  for (const { name, kinds } of stateClass) {
    test(name, async () => {
      const tried: string[] = [];
      for (const kind of kinds) {
        const mock = inProcessMock({ deviations: [name] });
        const result = await runStatefulProperty({ kind, seed: SEED, port: mock.port, apps: mock.apps });
        if (!result.failure) {
          tried.push(`stateful/${kind}: not found in ${result.steps} steps`);
          continue;
        }
        expect(result.failure.reproduced, `stateful/${kind}: the shrunk sequence did not fail again alone`).toBe(true);
        expect(result.failure.steps.length, `stateful/${kind}: ${result.failure.message}`).toBeLessThanOrEqual(
          MAX_SHRUNK_REQUESTS,
        );
        return;
      }
      expect.fail(`no stateful check found ${name}: ${tried.join('; ')}`);
    });
  }
});

describe('the unmodified mock passes the stateful suite', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`seed ${seed}`, async () => {
      for (const kind of KINDS) {
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
