/**
 * The target configuration: flags over TIM_* variables, validated into a TargetConfig
 * (resolve-target-config.ts), one parser per input (parse-inputs.ts), the one error a user's
 * configuration can cause (config-error.ts) and the printable description (describe-target.ts).
 * Starting the target (the embedded mock) is the runner's job: runner/start-target.ts.
 */
export { ConfigError, type Env } from './config-error.ts';
export type { RunFlags, TargetConfig } from './target-config.ts';
export { parseResolve } from './parse-inputs.ts';
export { DEFAULT_ADMIN, DEFAULT_REPORT_DIR, resolveTargetConfig } from './resolve-target-config.ts';
export { describeTarget, type TargetDescription } from './describe-target.ts';
export { GROUP_ID_PREFIX_BASE, GROUP_ID_PREFIX_PATTERN, makeGroupIdPrefix } from '../fixtures/group-ids.ts';
export { checkReportDir } from './report-dir.ts';
