// Issue 10: the mock fuzzed over real HTTP with a fixed seed and a time bound (the longer run is
// `npm run fuzz`). The figures are printed; the test fails on any crash or invariant violation.
// Rate limits are off in the fuzzed mock so requests reach the handlers; test/reliability covers
// the rates under concurrency.
import { describe, expect, test } from 'vitest';
import { prototypeViolations, snapshotPrototypes } from '../../fuzz/invariants.ts';
import { formatFigures, fuzzMock } from '../../fuzz/mock-fuzz.ts';

const SEED = 20261123;
const FUZZ_MS = 12_000;

describe('fuzzing the mock', { timeout: 60_000 }, () => {
  test(`seed ${SEED}, ${FUZZ_MS / 1000} s: no crash, every answer an envelope, state and prototypes intact`, async () => {
    const figures = await fuzzMock({ seed: SEED, durationMs: FUZZ_MS });
    console.log(formatFigures(figures));
    expect(figures.crashes, formatFigures(figures)).toBe(0);
    expect(figures.invariantViolations, formatFigures(figures)).toBe(0);
    // The run explored: every request kind, successes and refusals, well beyond a handful of cases.
    expect(figures.cases).toBeGreaterThan(100);
    for (const count of Object.values(figures.casesByKind)) expect(count).toBeGreaterThan(0);
    expect(figures.succeeded).toBeGreaterThan(0);
    expect(figures.errorCodes.length).toBeGreaterThan(5);
  });

  // The checks above can fail: a mock that counts UTF-16 units breaks the byte limits in its
  // state, one that sends ErrorCode as a string breaks the envelope, and a planted property on
  // Object.prototype is reported.
  test('a mock that stores values over the byte limits is caught by the state invariants', async () => {
    // Seed 2 fills a group past 16000 bytes within a few hundred cases.
    const figures = await fuzzMock({
      seed: 2,
      durationMs: 20_000,
      invariantEvery: 10,
      deviations: ['limits.count-utf16-units'],
      stopOnViolation: true,
    });
    expect(figures.invariantViolations).toBeGreaterThan(0);
    expect(figures.examples.join('\n')).toMatch(/bytes > /);
  });

  test('a mock whose answers are not envelopes is caught', async () => {
    const figures = await fuzzMock({
      seed: SEED,
      durationMs: 10_000,
      deviations: ['envelope.errorcode-as-string'],
      stopOnViolation: true,
    });
    expect(figures.invariantViolations).toBeGreaterThan(0);
    expect(figures.examples.join('\n')).toMatch(/not a valid envelope/);
  });

  test('a property planted on Object.prototype is reported', () => {
    const before = snapshotPrototypes();
    expect(prototypeViolations(before)).toEqual([]);
    (Object.prototype as Record<string, unknown>).polluted = 1;
    try {
      expect(prototypeViolations(before)).toEqual(
        expect.arrayContaining(['Object.prototype gained polluted', '{}.polluted is defined']),
      );
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(prototypeViolations(before)).toEqual([]);
  });
});
