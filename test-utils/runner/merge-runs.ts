/**
 * `tim-conformance merge DIR...`: the regional matrix of runs made apart (one CI job per region,
 * each with its own secrets), written as `run --regions` writes it: regions.json, regions.html and
 * regions.md (regions-report.ts, test-utils/report/regional.ts). Runs are comparable only when
 * they used one seed and one contract, so different seeds or spec versions are refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { exitCodeFor, type ResultsFile } from './results.ts';
import { writeRegionsReport, type RegionRun } from './regions-report.ts';

export class MergeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeRefused';
  }
}

export interface LoadedRun {
  dir: string;
  /** The column name: the directory's name (the matrix links to <name>/report.html beside it). */
  region: string;
  results: ResultsFile;
}

export function loadRun(dir: string): LoadedRun {
  let results: ResultsFile;
  try {
    results = JSON.parse(readFileSync(resolve(dir, 'results.json'), 'utf8')) as ResultsFile;
  } catch {
    throw new MergeRefused(`${dir} holds no readable results.json (give the report directory of each run)`);
  }
  return { dir, region: basename(resolve(dir)), results };
}

function specText(run: LoadedRun): string {
  return run.results.spec
    ? `spec ${run.results.spec.version} (digest ${run.results.spec.digest})`
    : 'no recorded spec version';
}

/** The one line that says why these runs cannot be one matrix, or undefined. */
export function mergeProblem(runs: readonly LoadedRun[]): string | undefined {
  const [first, ...rest] = runs;
  if (!first) return 'merge needs at least one report directory';
  for (const run of rest) {
    if (run.results.seed !== first.results.seed) {
      return `${first.dir} ran with seed ${first.results.seed} but ${run.dir} with seed ${run.results.seed}; run every region with one --seed`;
    }
    if (specText(run) !== specText(first)) {
      return `${first.dir} was judged against ${specText(first)} but ${run.dir} against ${specText(run)}; run every region on one version of the suite`;
    }
  }
  const seen = new Map<string, string>();
  for (const run of runs) {
    const other = seen.get(run.region);
    if (other !== undefined) return `${other} and ${run.dir} are both region ${run.region}; give each region once`;
    seen.set(run.region, run.dir);
  }
  return undefined;
}

export interface MergeOutcome {
  code: 0 | 1;
  files: string[];
  verdicts: { region: string; verdict: string }[];
}

/** Writes the combined reports into outDir; exit 1 when any region has a gating failure (as --regions). */
export function mergeRuns(dirs: readonly string[], outDir: string): MergeOutcome {
  const runs = dirs.map(loadRun);
  const problem = mergeProblem(runs);
  if (problem) throw new MergeRefused(problem);
  const regionRuns: RegionRun[] = runs.map((run) => {
    const href = relative(resolve(outDir), resolve(run.dir, 'report.html')).split(sep).join('/');
    return existsSync(resolve(run.dir, 'report.html'))
      ? { region: run.region, results: run.results, reportHref: href }
      : { region: run.region, results: run.results };
  });
  const files = writeRegionsReport(regionRuns, outDir);
  const verdicts = runs.map((run) => ({
    region: run.region,
    verdict: run.results.runEnd === 'interrupted' ? 'INTERRUPTED' : exitCodeFor(run.results) === 0 ? 'PASS' : 'FAIL',
  }));
  return { code: verdicts.every((v) => v.verdict === 'PASS') ? 0 : 1, files, verdicts };
}
