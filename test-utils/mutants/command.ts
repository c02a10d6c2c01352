/** The CLI side of `tim-conformance mutants`: option checks, progress on stderr, matrix on stdout. */
import { UsageError } from '../cli/args.ts';
import { checkReportDir, DEFAULT_REPORT_DIR } from '../config/index.ts';
import type { RunnerIO } from '../runner/run-conformance.ts';
import { findMutant, MUTANT_CATALOGUE, type MutantEntry } from './catalogue.ts';
import {
  DEFAULT_BATCH_SIZE,
  formatKillMatrix,
  MAX_BATCH_SIZE,
  mutantsExitCode,
  runMutants,
  writeKillMatrix,
} from './run-mutants.ts';

type Values = Record<string, string | string[] | boolean | undefined>;

function single(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function pickMutants(only: string[]): readonly MutantEntry[] {
  if (only.length === 0) return MUTANT_CATALOGUE;
  return only.map((name) => {
    const entry = findMutant(name);
    if (entry === undefined) throw new UsageError(`unknown deviation '${name}' (see tim-conformance mutants --list)`);
    return entry;
  });
}

export async function runMutantsCommand(
  values: Values,
  io: RunnerIO,
  filters: readonly string[] = [],
): Promise<number> {
  if (values['list'] === true) {
    for (const entry of MUTANT_CATALOGUE)
      io.out(`${entry.name}\t${entry.area}\t${entry.description}\t${entry.profile}\t${entry.status}`);
    return 0;
  }
  const only = Array.isArray(values['only'])
    ? values['only']
    : typeof values['only'] === 'string'
      ? [values['only']]
      : [];
  const mutants = pickMutants(only);
  const seed = single(values, 'seed') ?? '1';
  if (!/^\d{1,10}$/.test(seed)) throw new UsageError('--seed must be a non-negative integer');
  const parallelText = single(values, 'parallel') ?? String(DEFAULT_BATCH_SIZE);
  const parallel = /^\d+$/.test(parallelText) ? Number(parallelText) : Number.NaN;
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > MAX_BATCH_SIZE)
    throw new UsageError(`--parallel must be an integer from 1 to ${MAX_BATCH_SIZE}`);
  const reportDir = single(values, 'report-dir') ?? process.env['TIM_REPORT_DIR'] ?? DEFAULT_REPORT_DIR;
  // Before the mutants run, not when their matrix is written: a file in its place is one line, exit 2.
  checkReportDir(reportDir);
  const strictEnv = (process.env['TIM_STRICT'] ?? '').trim().toLowerCase();
  const strict = values['strict'] === true || ['1', 'true', 'yes'].includes(strictEnv);

  io.err(
    `tim-conformance mutants: ${mutants.length} deviation(s) and the unmodified mock, seed ${seed}${strict ? ', --strict' : ''}, up to ${parallel} deviations per batch`,
  );
  const matrix = await runMutants({
    mutants,
    seed,
    parallel,
    filters,
    strict,
    onProgress: (line) => io.err(`  ${line}`),
  });
  io.out(formatKillMatrix(matrix));
  const paths = writeKillMatrix(matrix, reportDir);
  io.out(`Reports: ${paths.join(', ')}`);
  return mutantsExitCode(matrix);
}
