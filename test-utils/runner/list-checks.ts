/**
 * `run --list`: the ids of the checks a run would execute (after file filters, --id and --grep),
 * found by collecting the suites without running them: no request is sent and no mock started.
 */
import { relative } from 'node:path';
import { Writable } from 'node:stream';
import { createVitest } from 'vitest/node';
import { REPO_ROOT } from '../contract/index.ts';
import type { ResolvedTarget, TimTaskMeta } from '../contract/types.ts';
import { selectionProvide, suiteFilesConfig, type SuiteSelection } from './suite-selection.ts';

export interface ListChecksOptions extends SuiteSelection {
  /** The target the suites are collected for (a suite may declare checks per target kind); never contacted. */
  target: ResolvedTarget;
}

export interface ListedChecks {
  ids: string[];
  /** Suite files that failed to load, with the first line of the error. */
  errors: string[];
}

export async function listChecks(options: ListChecksOptions): Promise<ListedChecks> {
  const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const vitest = await createVitest(
    'test',
    {
      ...suiteFilesConfig(options, REPO_ROOT),
      reporters: [],
      provide: {
        timTarget: options.target,
        timWorkers: 1,
        ...selectionProvide(options),
      },
    },
    {},
    { stdout: quiet, stderr: quiet },
  );
  try {
    const { testModules } = await vitest.collect(options.filters ?? []);
    const ids: string[] = [];
    const errors: string[] = [];
    for (const module of testModules) {
      for (const error of module.errors())
        errors.push(`${relative(REPO_ROOT, module.moduleId)}: ${(error.message ?? '').split('\n')[0]}`);
      for (const test of module.children.allTests()) {
        const tim = (test.meta() as TimTaskMeta).tim;
        if (test.options.mode !== 'run' && test.options.mode !== undefined) continue;
        ids.push(tim?.id ?? test.name);
      }
    }
    return { ids, errors };
  } catch (error) {
    const name = (error as { code?: string }).code ?? (error as Error).name;
    if (name === 'VITEST_FILES_NOT_FOUND' || name === 'FilesNotFoundError') return { ids: [], errors: [] };
    throw error;
  } finally {
    await vitest.close();
  }
}
