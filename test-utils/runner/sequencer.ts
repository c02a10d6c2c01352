/**
 * The order in which suite files start. A file bound by an API's low call rate (the generated
 * `paced.check.ts`: get_appid_group_list at 1 call/s) takes about as long as its calls allow,
 * however it is scheduled; starting it first lets every other file run beside its waits instead
 * of after them, so the run's wall time comes close to the rate floor.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const RATE_BOUND_FILE = /(^|[\\/])paced\.check\.ts$/;

export function rateBoundFirst<T extends { moduleId: string }>(files: readonly T[]): T[] {
  const bound = files.filter((f) => RATE_BOUND_FILE.test(f.moduleId));
  return [...bound, ...files.filter((f) => !RATE_BOUND_FILE.test(f.moduleId))];
}

export class RateBoundFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return rateBoundFirst(await super.sort(files));
  }
}
