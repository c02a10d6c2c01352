/**
 * `run --stateful-runs N`: how many fast-check runs each stateful check makes. The flag is
 * copied into TIM_STATEFUL_RUNS (flags override variables), which the suite workers inherit; a
 * bad value, from the flag or the variable, is a usage error (exit 2) before anything starts.
 */
import { parseStatefulRuns, STATEFUL_RUNS_OPTION, StatefulRunsError } from '../stateful/runs-option.ts';
import { UsageError } from './option-table.ts';

export { STATEFUL_RUNS_OPTION };

export function applyStatefulRuns(flag: string | undefined, env: NodeJS.ProcessEnv): void {
  try {
    if (flag !== undefined) env['TIM_STATEFUL_RUNS'] = String(parseStatefulRuns(flag, '--stateful-runs'));
    else if (env['TIM_STATEFUL_RUNS'] !== undefined && env['TIM_STATEFUL_RUNS'].trim() !== '')
      parseStatefulRuns(env['TIM_STATEFUL_RUNS'], 'TIM_STATEFUL_RUNS');
  } catch (error) {
    if (error instanceof StatefulRunsError) throw new UsageError(error.message);
    throw error;
  }
}
