/**
 * The report directory must be a directory the run can write, checked before anything is
 * started: a file in its place, or a directory without write permission, would otherwise end
 * the run in a stack trace after every check has run. Nothing is created here (a run refused
 * by its preflight leaves nothing behind); the nearest existing ancestor is what is checked.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError } from './config-error.ts';

/** `named` is how the message names the setting (sdk-gate, proxy and judge read no TIM_REPORT_DIR). */
export function checkReportDir(path: string, named = '--report-dir / TIM_REPORT_DIR'): void {
  let current = resolve(path);
  for (;;) {
    let stats;
    try {
      stats = statSync(current);
    } catch {
      const parent = dirname(current);
      if (parent === current) return;
      current = parent;
      continue;
    }
    const where = current === resolve(path) ? `'${path}'` : `'${path}' (under '${current}')`;
    if (!stats.isDirectory()) {
      throw new ConfigError(
        `${named} ${where} is a file, not a directory; give a directory for the reports.`,
        'TIM_REPORT_DIR',
      );
    }
    try {
      accessSync(current, constants.W_OK | constants.X_OK);
    } catch {
      throw new ConfigError(
        `${named} ${where} is not writable; give a directory this user can write.`,
        'TIM_REPORT_DIR',
      );
    }
    return;
  }
}
