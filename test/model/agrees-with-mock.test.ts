// The model and the reference mock are two implementations of the behaviour profile that never
// import each other: over thousands of random steps (both apps, every attribute and counter
// operation, destroy and re-create, keys and values around every limit) and a clock that fills
// the write-rate and call-rate windows, they must give the same answers and the same state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandStepsArbitrary } from '../../test-utils/stateful/arbitraries.ts';
import { StatefulSession } from '../../test-utils/stateful/session.ts';
import { SLOT_LAYOUTS } from '../../test-utils/stateful/steps.ts';
import { inProcessMock } from '../stateful/in-process-port.ts';

const STEPS = 2_000;

function burstyClock(seed: number): { tick: () => number; now: () => number } {
  // mulberry32: bursts of calls a few ms apart (filling the 5/s and 200/s windows), then pauses.
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let now = 1_700_000_000_000;
  // Mostly 0–1 ms apart, with a pause of up to 2 s about every thousand requests: the 5 writes/s of
  // a group fill within a few steps, the 200 calls/s of an API now and then.
  return {
    tick: () => (now += random() < 0.999 ? Math.floor(random() * 2) : Math.floor(random() * 2000)),
    now: () => now,
  };
}

describe('the model agrees with the reference mock', () => {
  for (const seed of [1, 2]) {
    it(`over ${STEPS} random steps with read-backs (seed ${seed})`, async () => {
      const clock = burstyClock(seed);
      const mock = inProcessMock({ now: clock.now });
      const session = new StatefulSession({
        port: mock.port,
        slots: SLOT_LAYOUTS.isolation,
        apps: mock.apps,
        clock: clock.tick,
        strict: true,
      });
      await session.setup();
      // The stateful check's commands: single steps and the fill / remove / write-again scenarios.
      const mixed = fc.oneof(
        commandStepsArbitrary('attributes'),
        commandStepsArbitrary('counters'),
        commandStepsArbitrary('isolation'),
      );
      const steps = fc.sample(mixed, { seed, numRuns: STEPS }).flat().slice(0, STEPS);
      for (const step of steps) await session.execute(step);
      expect(session.tentative).toEqual([]);
      expect(session.steps).toBe(STEPS);
      // Both rates were reached, so the windows were compared too, not only the state.
      const codes = session.transcript.map((entry) => entry.observed);
      for (const code of [10049, 60007, 10047, 10048, 10004])
        expect(
          codes.some((text) => text.startsWith(`ErrorCode ${code}`)),
          `some answer was ${code}`,
        ).toBe(true);
      console.log(`model vs mock (seed ${seed}): ${session.steps} steps, ${session.requests} requests compared`);
    });
  }
});
