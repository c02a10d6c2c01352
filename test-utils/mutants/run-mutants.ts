/**
 * `tim-conformance mutants`: runs the suites against the unmodified mock and against each
 * deviation of the catalogue, and builds the kill matrix. A deviation is killed when at least
 * one gating check fails against it; the unmodified mock must have no failure at all (no false
 * alarms). The variants run in batches (run-batch.ts): one child process and one vitest run per
 * batch, each variant with its own mock and apps.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CODE_EXT, CODE_ROOT, REPO_ROOT } from '../contract/index.ts';
import { MUTANT_CATALOGUE, survivorGates, type MutantEntry } from './catalogue.ts';
import type { BatchVariant, MutantRunEntry, RunBatchOptions } from './run-batch.ts';

export type { MutantRunEntry } from './run-batch.ts';

export interface MutantVerdict {
  name: string;
  area: string;
  /** The behaviour reference of the catalogue row ('signing.expired', 'clear_group_attr#clears-every-key'). */
  profile: string;
  /** The row's behaviour in words, from the spec. */
  profileRow: string;
  /** The row's evidence status ('unresolved' when the reference names nothing in the spec). */
  status: string;
  killed: boolean;
  /** Ids of the gating checks that failed against the deviation. */
  killedBy: string[];
  /** Ids of tentative checks that failed (reported, never counted as a kill). */
  tentativeFailures: string[];
  /** Set when the run itself broke (no entries): counts as not killed. */
  error?: string;
  /**
   * For a survivor: whether it makes `mutants` exit 1 (a documented or documented-set row, or
   * any row with --strict); false = expected to survive (an inferred row without --strict).
   */
  gates?: boolean;
  /** For a survivor: why it survived, in words. */
  reason?: string;
}

export interface KillMatrix {
  seed: string;
  /** Tentative checks gated (`--strict`): a deviation of an inferred row must be killed too. */
  strict?: boolean;
  baseline: { failures: string[]; checks: number; error?: string };
  mutants: MutantVerdict[];
  killed: number;
  total: number;
  /** Survivors that gate (make the exit code 1). */
  gatingSurvivors?: number;
  /** Survivors of inferred rows without --strict: reported, expected, not gating. */
  expectedSurvivors?: number;
  /** Wall-clock seconds of the whole measurement. */
  seconds?: number;
}

export interface RunMutantsOptions {
  mutants?: readonly MutantEntry[];
  seed?: string;
  /** Deviations checked at once, in one process (the unmodified mock joins the first batch). */
  parallel?: number;
  onProgress?: (line: string) => void;
  /** Suite file filters (path fragments) for every run, as for `run`; default all suites. */
  filters?: readonly string[];
  /** Only tests whose name matches ('[variant] <id> — <title>'). */
  grep?: string;
  /** Tentative checks gate, so a deviation of an inferred row must be killed too. */
  strict?: boolean;
}

/** Deviations per batch by default: the whole catalogue takes three batches. */
export const DEFAULT_BATCH_SIZE = 15;
/** Beyond this a batch holds too many tests and mocks for one process on a small machine. */
export const MAX_BATCH_SIZE = 16;
/** The label of the unmodified mock in a batch (not a deviation name: those contain a dot). */
export const BASELINE_LABEL = 'unmodified';

const RUN_ONE = resolve(CODE_ROOT, `test-utils/mutants/run-one${CODE_EXT}`);
/** The child runs the built JavaScript as it is; the TypeScript sources (a clone) through tsx, a development dependency. */
const CHILD_ARGS = CODE_EXT === '.ts' ? [resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), RUN_ONE] : [RUN_ONE];

/** One batch in a child process; resolves with the entries of each variant, or an error text for all. */
export function runBatchInChild(
  options: RunBatchOptions,
): Promise<Record<string, MutantRunEntry[] | { error: string }>> {
  const dir = mkdtempSync(join(tmpdir(), 'timc-mutant-out-'));
  const batchFile = join(dir, 'batch.json');
  const outFile = join(dir, 'entries.json');
  writeFileSync(batchFile, JSON.stringify(options));
  return new Promise((done) => {
    const child = spawn(process.execPath, [...CHILD_ARGS, batchFile, outFile], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + String(chunk)).slice(-2000);
    });
    child.on('close', (code) => {
      try {
        done(JSON.parse(readFileSync(outFile, 'utf8')) as Record<string, MutantRunEntry[] | { error: string }>);
      } catch {
        const error = `run exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
        done(Object.fromEntries(options.variants.map((v) => [v.label, { error }])));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

function survivorReason(
  entry: MutantEntry,
  tentativeFailures: string[],
  gates: boolean,
  error: string | undefined,
): string {
  if (error !== undefined) return `the run broke: ${error}`;
  const caught =
    tentativeFailures.length > 0
      ? `tentative checks caught it (${tentativeFailures.join(', ')})`
      : 'no tentative check caught it either';
  const why = entry.survivorReason ? `${entry.survivorReason}; ` : '';
  if (entry.status === 'unresolved') return `its profile reference does not resolve (${entry.profileRow})`;
  if (!gates)
    return `${why}inferred row: its checks are tentative and do not gate without --strict, so it is expected to survive; ${caught}`;
  if (entry.status === 'inferred') return `${why}inferred row with --strict: no check failed against it; ${caught}`;
  return `${why}no gating check failed against a ${entry.status} row: a gap in the suite`;
}

export function verdictFor(
  entry: MutantEntry,
  run: MutantRunEntry[] | { error: string },
  strict = false,
): MutantVerdict {
  const base = {
    name: entry.name,
    area: entry.area,
    profile: entry.profile,
    profileRow: entry.profileRow,
    status: entry.status,
  };
  const error = Array.isArray(run) ? undefined : run.error;
  const failed = Array.isArray(run) ? run.filter((e) => e.status === 'failed') : [];
  const killedBy = failed
    .filter((e) => e.gating)
    .map((e) => e.id)
    .sort();
  const tentativeFailures = failed
    .filter((e) => !e.gating)
    .map((e) => e.id)
    .sort();
  const killed = killedBy.length > 0;
  if (killed) return { ...base, killed, killedBy, tentativeFailures };
  // A broken run gates whatever the row: nothing was measured.
  const gates = error !== undefined || survivorGates(entry, strict);
  const notRun = Array.isArray(run)
    ? run.filter((e) => e.status === 'skipped' && entry.killers.includes(e.id)).map((e) => e.id)
    : [];
  const reason =
    survivorReason(entry, tentativeFailures, gates, error) +
    (notRun.length > 0 ? `; not run (inconclusive or unsupported here): ${notRun.join(', ')}` : '');
  return { ...base, killed, killedBy, tentativeFailures, ...(error !== undefined ? { error } : {}), gates, reason };
}

export async function runMutants(options: RunMutantsOptions = {}): Promise<KillMatrix> {
  const startedAt = performance.now();
  const mutants = options.mutants ?? MUTANT_CATALOGUE;
  const seed = options.seed ?? '1';
  const batchSize = Math.max(1, options.parallel ?? DEFAULT_BATCH_SIZE);
  const log = options.onProgress ?? (() => {});
  const variants: BatchVariant[] = [
    { label: BASELINE_LABEL, deviations: [] },
    ...mutants.map((m) => ({ label: m.name, deviations: [m.name] })),
  ];
  const runs: Record<string, MutantRunEntry[] | { error: string }> = {};
  // The first batch takes the unmodified mock besides its deviations.
  for (let from = 0; from < variants.length; from += from === 0 ? batchSize + 1 : batchSize) {
    const batch = variants.slice(from, from === 0 ? batchSize + 1 : from + batchSize);
    const batchStarted = performance.now();
    const result = await runBatchInChild({
      variants: batch,
      seed,
      ...(options.filters && options.filters.length > 0 ? { filters: [...options.filters] } : {}),
      ...(options.grep !== undefined ? { grep: options.grep } : {}),
      ...(options.strict === true ? { strict: true } : {}),
    });
    for (const variant of batch) {
      const run = result[variant.label] ?? { error: 'missing from the batch result' };
      runs[variant.label] = run;
      log(
        `${variant.label === BASELINE_LABEL ? '(unmodified mock)' : variant.label}: ${Array.isArray(run) ? `${run.filter((e) => e.status === 'failed').length} failed of ${run.length}` : run.error}`,
      );
    }
    log(`batch of ${batch.length} took ${Math.round((performance.now() - batchStarted) / 1000)} s`);
  }
  const baselineRun = runs[BASELINE_LABEL]!;
  const baseline = Array.isArray(baselineRun)
    ? {
        failures: baselineRun
          .filter((e) => e.status === 'failed')
          .map((e) => e.id)
          .sort(),
        checks: baselineRun.length,
      }
    : { failures: [], checks: 0, error: baselineRun.error };
  const verdicts = mutants.map((entry) => verdictFor(entry, runs[entry.name]!, options.strict === true));
  return {
    seed,
    strict: options.strict === true,
    baseline,
    mutants: verdicts,
    killed: verdicts.filter((v) => v.killed).length,
    total: verdicts.length,
    gatingSurvivors: verdicts.filter((v) => !v.killed && v.gates !== false).length,
    expectedSurvivors: verdicts.filter((v) => !v.killed && v.gates === false).length,
    seconds: Math.round((performance.now() - startedAt) / 1000),
  };
}

/**
 * 0 when the unmodified mock passes and no survivor gates: every deviation of a documented (or
 * documented-set) row is killed by a gating check, and with --strict every other one too. A
 * deviation of an inferred row may survive without --strict (its checks are tentative). 1 otherwise.
 */
export function mutantsExitCode(matrix: KillMatrix): 0 | 1 {
  const baselineClean =
    matrix.baseline.error === undefined && matrix.baseline.checks > 0 && matrix.baseline.failures.length === 0;
  const survivorsGate = matrix.mutants.some((v) => !v.killed && v.gates !== false);
  return baselineClean && !survivorsGate ? 0 : 1;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function outcomeOf(v: MutantVerdict): string {
  if (v.killed) return 'killed';
  return v.gates === false ? 'survived (expected: inferred)' : 'SURVIVED';
}

export function formatKillMatrix(matrix: KillMatrix): string {
  const lines = [
    `| deviation | area | profile row | status | outcome | gating checks that failed, or why it survived |`,
    `|---|---|---|---|---|---|`,
    ...matrix.mutants.map((v) => {
      const ids =
        v.killedBy.length > 6
          ? `${v.killedBy.slice(0, 6).join(', ')} (+${v.killedBy.length - 6} more)`
          : v.killedBy.join(', ');
      return `| ${v.name} | ${v.area} | ${cell(v.profile)} | ${v.status} | ${outcomeOf(v)} | ${cell(v.killed ? ids : (v.reason ?? v.error ?? ''))} |`;
    }),
  ];
  const base =
    matrix.baseline.error ??
    (matrix.baseline.failures.length === 0
      ? `no failure in ${matrix.baseline.checks} checks`
      : `FAILED: ${matrix.baseline.failures.join(', ')}`);
  const took = matrix.seconds === undefined ? '' : ` Took ${matrix.seconds} s.`;
  const survivors = matrix.mutants.filter((v) => !v.killed);
  const gating = survivors.filter((v) => v.gates !== false).length;
  const survivorLine =
    survivors.length === 0
      ? 'No survivor.'
      : `Survived ${survivors.length}: ${gating} gating (a documented row${matrix.strict ? ', or any row with --strict' : ''}), ${survivors.length - gating} expected (inferred rows, tentative checks do not gate without --strict).`;
  const survivorList = survivors.map(
    (v) =>
      `- ${v.name} (${v.profile}, ${v.status}: ${v.profileRow}) ${v.gates === false ? 'expected to survive' : 'GATES'}: ${v.reason ?? v.error ?? ''}`,
  );
  return [
    `Unmodified mock (seed ${matrix.seed}${matrix.strict ? ', --strict' : ''}): ${base}`,
    `Killed ${matrix.killed} of ${matrix.total} deviations.${took}`,
    survivorLine,
    ...(survivorList.length > 0 ? ['', 'Survivors:', ...survivorList] : []),
    '',
    ...lines,
  ].join('\n');
}

export function writeKillMatrix(matrix: KillMatrix, reportDir: string): string[] {
  mkdirSync(reportDir, { recursive: true });
  const jsonPath = join(reportDir, 'mutants.json');
  const mdPath = join(reportDir, 'mutants.md');
  writeFileSync(jsonPath, `${JSON.stringify(matrix, null, 2)}\n`);
  writeFileSync(mdPath, `# Mutation self-check\n\n${formatKillMatrix(matrix)}\n`);
  return [jsonPath, mdPath];
}
