/**
 * Which suite files and checks a run takes, shared by `run` (run-suites.ts, run-target.ts) and
 * `run --list` (list-checks.ts): the options, and the vitest settings that carry them (the file
 * pattern below the suites directory, and the `timSelect` every worker reads in selection.ts).
 */
import { relative, resolve } from 'node:path';
import { CODE_EXT, CODE_ROOT } from '../contract/index.ts';
import type { CheckSelection } from '../check/selection.ts';
import { SUITE_FILE_GLOB } from './pool.ts';

/** The suites: suites/*.check.ts from the sources, dist/suites/*.check.js in the built package. */
export const SUITES_DIR = resolve(CODE_ROOT, 'suites');
export const SUITES_CONFIG = resolve(SUITES_DIR, `vitest.config${CODE_EXT}`);

export interface SuiteSelection {
  /** A directory of `*.check.ts` files (project tests, third-party suites); default suites/. */
  suitesDir?: string;
  /** vitest file filters (path fragments), e.g. ['suites/signing']. */
  filters?: string[];
  /** Only checks whose id matches this regular expression (ids only, not titles; selection.ts). */
  grep?: string;
  /** --id: only these check ids (exact). */
  ids?: string[];
}

/** A selection that runs: how many failures stop it, how many workers. */
export interface SuiteRunSelection extends SuiteSelection {
  /** --max-failures: stop after this many failed checks (vitest's bail); the rest are reported as not run. */
  maxFailures?: number;
  workers?: number;
}

/** vitest's settings for the suite files of a selection, the include pattern relative to `root`. */
export function suiteFilesConfig(selection: SuiteSelection, root: string) {
  const suitesDir = resolve(selection.suitesDir ?? SUITES_DIR);
  return {
    config: SUITES_CONFIG,
    root,
    include: [`${relative(root, suitesDir).split('\\').join('/')}/${SUITE_FILE_GLOB}`],
    run: true,
    watch: false,
  };
}

/** The `timSelect` value to provide to the workers, when --grep or --id narrows the checks. */
export function selectionProvide(selection: SuiteSelection): { timSelect?: CheckSelection } {
  return selection.grep !== undefined || selection.ids?.length
    ? { timSelect: { grep: selection.grep, ids: selection.ids } }
    : {};
}
