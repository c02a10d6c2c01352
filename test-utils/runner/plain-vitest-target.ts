/**
 * The suites' globalSetup for plain vitest (`npx vitest --config suites/vitest.config.ts`, watch
 * mode while writing a check). `tim-conformance run` and `mutants` provide the target
 * themselves, and then nothing happens here. Otherwise the target comes from the TIM_* variables
 * exactly as for `run` (the embedded mock when TIM_TARGET is unset): it is started here, handed to
 * the workers with the run's pacing coordinator, and stopped when vitest ends. Groups a failed
 * check leaves on a real target stay in the ledger under TIM_REPORT_DIR: `tim-conformance janitor`
 * destroys them.
 */
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPacingCoordinator } from '../client/pacing-coordinator.ts';
import { describeTarget, resolveTargetConfig } from '../config/index.ts';
import { startTarget } from './start-target.ts';
import { SUITE_WORKERS } from './pool.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const provided = project.getProvidedContext();
  if (provided.timTarget !== undefined || (provided.timTargets?.length ?? 0) > 0) return undefined;
  const config = resolveTargetConfig({}, process.env);
  const started = await startTarget({ ...config, reportDir: resolve(config.reportDir) });
  const coordinator = await startPacingCoordinator();
  const workers = typeof project.config.maxWorkers === 'number' ? project.config.maxWorkers : SUITE_WORKERS;
  project.provide('timTarget', started.target);
  project.provide('timWorkers', workers);
  project.provide('timPacingUrl', coordinator.url);
  process.stderr.write(
    `tim-conformance: target ${JSON.stringify(describeTarget(started.target))}; seed ${config.seed} (TIM_SEED=${config.seed} repeats it)\n`,
  );
  return async () => {
    await coordinator.close();
    await started.close();
  };
}
