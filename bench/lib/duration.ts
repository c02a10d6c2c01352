/** How long each measured load of a figure runs, and the shape of a figure measured that way. */

/** BENCH_DURATION_S seconds (default 10); anything but a positive number is an error. */
export function benchDurationSeconds(): number {
  const text = process.env.BENCH_DURATION_S;
  const n = text === undefined ? 10 : Number(text);
  if (!(n > 0)) throw new Error(`BENCH_DURATION_S must be a positive number of seconds, got '${text}'`);
  return n;
}

/** A figure's rows, each measured under a load of `durationSeconds`. */
export interface TimedFigures<Row> {
  rows: Row[];
  durationSeconds: number;
}
