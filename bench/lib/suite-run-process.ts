/**
 * One suite run (bench/suite-speed.ts measureSuiteRun) in a process of its own, started by
 * runSuiteInProcess. The spec path is read once when the contract modules load (TIM_SPEC,
 * test-utils/contract/paths.ts), so a run on another spec needs a fresh process: the runner,
 * the embedded mock and the vitest workers of that process all read the spec TIM_SPEC names.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../test-utils/contract/index.ts';
import { measureSuiteRun, type SuiteRunFigures } from '../suite-speed.ts';

interface Job {
  label: string;
  latencyMs: number;
}

/** The figures of one run in a child process; `specPath` undefined runs the project's spec. */
export function runSuiteInProcess(
  label: string,
  specPath: string | undefined,
  latencyMs = 0,
): Promise<SuiteRunFigures> {
  const env = { ...process.env };
  if (specPath === undefined) delete env.TIM_SPEC;
  else env.TIM_SPEC = specPath;
  const job: Job = { label, latencyMs };
  const child = fork(fileURLToPath(import.meta.url), [JSON.stringify(job)], {
    cwd: REPO_ROOT,
    env,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let figures: SuiteRunFigures | undefined;
    child.on('message', (message: { type: string; figures?: SuiteRunFigures }) => {
      if (message.type === 'figures') figures = message.figures;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (figures !== undefined) resolve(figures);
      else reject(new Error(`the suite run '${label}' exited with ${code} without figures`));
    });
  });
}

// Started by runSuiteInProcess: run once, send the figures, exit.
if (process.send !== undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  const job = JSON.parse(process.argv[2] ?? '{}') as Job;
  const figures = await measureSuiteRun(job.label, job.latencyMs);
  process.send({ type: 'figures', figures }, () => process.exit(0));
}
