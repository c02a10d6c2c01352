/**
 * `tim-conformance mutants`: runs the suites against the unmodified mock and against each
 * deviation of the catalogue (each run in its own process, `parallel` at a time), and builds
 * the kill matrix. A deviation is killed when at least one gating check fails against it; the
 * unmodified mock must have no failure at all (no false alarms).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../contract/index.ts';
import { MUTANT_CATALOGUE, type MutantEntry } from './catalogue.ts';

export interface MutantRunEntry {
  id: string;
  status: 'passed' | 'failed' | 'skipped';
  gating: boolean;
}

export interface MutantVerdict {
  name: string;
  area: string;
  profileRow: string;
  killed: boolean;
  /** Ids of the gating checks that failed against the deviation. */
  killedBy: string[];
  /** Ids of tentative checks that failed (reported, never counted as a kill). */
  tentativeFailures: string[];
  /** Set when the run itself broke (no entries): counts as not killed. */
  error?: string;
}

export interface KillMatrix {
  seed: string;
  baseline: { failures: string[]; checks: number; error?: string };
  mutants: MutantVerdict[];
  killed: number;
  total: number;
}

export interface RunMutantsOptions {
  mutants?: readonly MutantEntry[];
  seed?: string;
  parallel?: number;
  onProgress?: (line: string) => void;
  /** Suite file filters (path fragments) for every run, as for `run`; default all suites. */
  filters?: readonly string[];
}

const RUN_ONE = resolve(REPO_ROOT, 'test-utils/mutants/run-one.ts');
const TSX_CLI = resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');

/** One suite run in a child process; resolves with its entries, or an error text. */
export function runInChild(seed: string, deviations: string[], filters: readonly string[] = []): Promise<MutantRunEntry[] | { error: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'timc-mutant-out-'));
  const outFile = join(dir, 'entries.json');
  return new Promise((done) => {
    const child = spawn(process.execPath, [TSX_CLI, RUN_ONE, outFile, seed, ...deviations], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TIMC_MUTANT_FILTERS: filters.join('\n') },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + String(chunk)).slice(-2000);
    });
    child.on('close', (code) => {
      try {
        done(JSON.parse(readFileSync(outFile, 'utf8')) as MutantRunEntry[]);
      } catch {
        done({ error: `run exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

export function verdictFor(entry: MutantEntry, run: MutantRunEntry[] | { error: string }): MutantVerdict {
  const base = { name: entry.name, area: entry.area, profileRow: entry.profileRow };
  if (!Array.isArray(run)) return { ...base, killed: false, killedBy: [], tentativeFailures: [], error: run.error };
  const failed = run.filter((e) => e.status === 'failed');
  const killedBy = failed.filter((e) => e.gating).map((e) => e.id).sort();
  const tentativeFailures = failed.filter((e) => !e.gating).map((e) => e.id).sort();
  return { ...base, killed: killedBy.length > 0, killedBy, tentativeFailures };
}

async function pooled<T, R>(items: readonly T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

export async function runMutants(options: RunMutantsOptions = {}): Promise<KillMatrix> {
  const mutants = options.mutants ?? MUTANT_CATALOGUE;
  const seed = options.seed ?? '1';
  const parallel = options.parallel ?? 2;
  const log = options.onProgress ?? (() => {});
  type Job = { entry: MutantEntry | null };
  const jobs: Job[] = [{ entry: null }, ...mutants.map((entry) => ({ entry }))];
  const runs = await pooled(jobs, parallel, async (job) => {
    const run = await runInChild(seed, job.entry === null ? [] : [job.entry.name], options.filters ?? []);
    log(`${job.entry?.name ?? '(unmodified mock)'}: ${Array.isArray(run) ? `${run.filter((e) => e.status === 'failed').length} failed` : run.error}`);
    return run;
  });
  const baselineRun = runs[0]!;
  const baseline = Array.isArray(baselineRun)
    ? { failures: baselineRun.filter((e) => e.status === 'failed').map((e) => e.id).sort(), checks: baselineRun.length }
    : { failures: [], checks: 0, error: baselineRun.error };
  const verdicts = mutants.map((entry, index) => verdictFor(entry, runs[index + 1]!));
  return { seed, baseline, mutants: verdicts, killed: verdicts.filter((v) => v.killed).length, total: verdicts.length };
}

/** 0 when every deviation is killed by a gating check and the unmodified mock passes; 1 otherwise. */
export function mutantsExitCode(matrix: KillMatrix): 0 | 1 {
  const baselineClean = matrix.baseline.error === undefined && matrix.baseline.checks > 0 && matrix.baseline.failures.length === 0;
  return baselineClean && matrix.killed === matrix.total ? 0 : 1;
}

export function formatKillMatrix(matrix: KillMatrix): string {
  const lines = [
    `| deviation | area | killed | gating checks that failed |`,
    `|---|---|---|---|`,
    ...matrix.mutants.map((v) => {
      const ids = v.error ?? (v.killedBy.length > 6 ? `${v.killedBy.slice(0, 6).join(', ')} (+${v.killedBy.length - 6} more)` : v.killedBy.join(', '));
      return `| ${v.name} | ${v.area} | ${v.killed ? 'yes' : 'NO'} | ${ids} |`;
    }),
  ];
  const base = matrix.baseline.error ?? (matrix.baseline.failures.length === 0 ? `no failure in ${matrix.baseline.checks} checks` : `FAILED: ${matrix.baseline.failures.join(', ')}`);
  return [`Unmodified mock (seed ${matrix.seed}): ${base}`, `Killed ${matrix.killed} of ${matrix.total} deviations.`, '', ...lines].join('\n');
}

export function writeKillMatrix(matrix: KillMatrix, reportDir: string): string[] {
  mkdirSync(reportDir, { recursive: true });
  const jsonPath = join(reportDir, 'mutants.json');
  const mdPath = join(reportDir, 'mutants.md');
  writeFileSync(jsonPath, `${JSON.stringify(matrix, null, 2)}\n`);
  writeFileSync(mdPath, `# Mutation self-check\n\n${formatKillMatrix(matrix)}\n`);
  return [jsonPath, mdPath];
}
