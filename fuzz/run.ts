/**
 * `npm run fuzz`: the mock fuzzer for longer than the test does. Seed and duration from
 * `--seed N --seconds S` or FUZZ_SEED / FUZZ_SECONDS (flags win); without a seed a fresh one is
 * drawn and printed, so every run explores new cases and any finding can be replayed.
 * Exit 0 when there were no crashes and no invariant violations, 1 otherwise, 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import { formatFigures, fuzzMock } from './mock-fuzz.ts';

const DEFAULT_SECONDS = 60;

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`fuzz: ${name} must be a positive number, got '${value}'\n`);
    process.exit(2);
  }
  return n;
}

const { values } = parseArgs({
  options: { seed: { type: 'string' }, seconds: { type: 'string' }, 'max-cases': { type: 'string' } },
  strict: true,
});
const seed = Math.floor(
  positiveNumber(values.seed ?? process.env.FUZZ_SEED, '--seed / FUZZ_SEED') ?? Math.floor(Math.random() * 2 ** 31) + 1,
);
const seconds =
  positiveNumber(values.seconds ?? process.env.FUZZ_SECONDS, '--seconds / FUZZ_SECONDS') ?? DEFAULT_SECONDS;
const maxCases = positiveNumber(values['max-cases'], '--max-cases');

process.stdout.write(`fuzz: seed ${seed}, up to ${seconds} s\n`);
const figures = await fuzzMock({
  seed,
  durationMs: seconds * 1000,
  ...(maxCases === undefined ? {} : { maxCases: Math.floor(maxCases) }),
});
process.stdout.write(`${formatFigures(figures)}\n`);
process.exitCode = figures.crashes + figures.invariantViolations === 0 ? 0 : 1;
