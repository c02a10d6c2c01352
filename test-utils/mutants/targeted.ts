/**
 * The cheap proof that every deviation is killed, for the project's tests: each deviation runs
 * only the checks the catalogue names as its killers, and the unmodified mock runs all of them,
 * in one batch (one process, one vitest run). The full `mutants` command remains the
 * authoritative measurement.
 */
import { BASELINE_LABEL, runBatchInChild } from './run-mutants.ts';
import type { MutantEntry } from './catalogue.ts';
import type { BatchVariant, MutantRunEntry } from './run-batch.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A name pattern for '[label] <id>' or '[label] <id> — <title>' tests, for each label and its ids. */
export function targetedPattern(wanted: ReadonlyMap<string, readonly string[]>): string {
  return [...wanted]
    .map(([label, ids]) => `^\\[${escapeRegExp(label)}\\] (?:${[...new Set(ids)].map(escapeRegExp).join('|')})(?: |$)`)
    .join('|');
}

export interface TargetedOutcome {
  /** Verdicts of the killer checks against the unmodified mock, by id ('failed' or 'failed (tentative)', 'passed', 'skipped'). */
  baseline: Map<string, string>;
  /** Per deviation: verdicts of its own killer checks, by id (or the error of a broken run). */
  mutants: Map<string, Map<string, string> | { error: string }>;
}

export async function runTargetedKills(mutants: readonly MutantEntry[], seed = '1'): Promise<TargetedOutcome> {
  const wanted = new Map<string, readonly string[]>([
    [BASELINE_LABEL, mutants.flatMap((m) => m.killers)],
    ...mutants.map((m) => [m.name, m.killers] as const),
  ]);
  const variants: BatchVariant[] = [
    { label: BASELINE_LABEL, deviations: [] },
    ...mutants.map((m) => ({ label: m.name, deviations: [m.name] })),
  ];
  const result = await runBatchInChild({ variants, seed, grep: targetedPattern(wanted) });
  const statuses = (run: MutantRunEntry[] | { error: string } | undefined) =>
    Array.isArray(run)
      ? new Map(run.map((e) => [e.id, e.status === 'failed' && !e.gating ? 'failed (tentative)' : e.status]))
      : { error: run?.error ?? 'missing from the batch result' };
  const baseline = statuses(result[BASELINE_LABEL]);
  return {
    baseline: baseline instanceof Map ? baseline : new Map(),
    mutants: new Map(mutants.map((m) => [m.name, statuses(result[m.name])])),
  };
}
