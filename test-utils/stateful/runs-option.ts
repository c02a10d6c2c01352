/**
 * How deep the stateful suite goes: `--stateful-runs N` (copied into TIM_STATEFUL_RUNS by the
 * run command, so the suite workers read it like any other variable) or TIM_STATEFUL_RUNS.
 * Kept apart from the CLI's option table so that table can absorb it without touching the suite.
 */
/** Default depth: fast-check runs per kind (about 100 steps per kind, 300 in all, against the mock). */
export const DEFAULT_STATEFUL_RUNS = 30;

export const STATEFUL_RUNS_OPTION = { 'stateful-runs': { type: 'string' } } as const;

export class StatefulRunsError extends Error {
  constructor(source: string) {
    super(`${source} must be an integer from 1 to 100000 (fast-check runs per stateful check)`);
    this.name = 'StatefulRunsError';
  }
}

export function parseStatefulRuns(text: string, source: string): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new StatefulRunsError(source);
  return n;
}

/** The runs of TIM_STATEFUL_RUNS, or the default. A bad value was refused by the run command already. */
export function statefulRunsFromEnv(env: Record<string, string | undefined>): number {
  const text = env['TIM_STATEFUL_RUNS'];
  if (text === undefined || text.trim() === '') return DEFAULT_STATEFUL_RUNS;
  return parseStatefulRuns(text, 'TIM_STATEFUL_RUNS');
}
