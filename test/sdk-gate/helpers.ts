// Runs `tim-conformance sdk-gate` in-process (its argument parsing and all), with a client of
// test/fixtures/sdk-clients/ as the command, and reads back what it wrote.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sdkGateCommand } from '../../test-utils/cli/sdk-gate-command.ts';
import { UsageError } from '../../test-utils/cli/args.ts';
import type { SdkFinding } from '../../test-utils/sdk-gate/judge.ts';
import type { SdkResultsFile } from '../../test-utils/sdk-gate/report/results.ts';
import type { ScenarioReport } from '../../test-utils/sdk-gate/scenario.ts';

export const CLIENTS = join(import.meta.dirname, '..', 'fixtures', 'sdk-clients');

/** A finding as sdk-results.json holds it: the judge's own type, not a copy of it. */
export type GateFinding = SdkFinding;

export interface GateOutcome {
  code: number;
  stderr: string[];
  reportDir: string;
  /** sdk-results.json, when written; sdk-gate's scenarios are the scenario engine's reports. */
  results?: Omit<SdkResultsFile, 'scenarios'> & { scenarios: ScenarioReport[] };
}

export async function runGate(args: string[]): Promise<GateOutcome> {
  const reportDir = mkdtempSync(join(tmpdir(), 'timc-sdk-gate-'));
  const stderr: string[] = [];
  const io = { out: (l: string) => stderr.push(l), err: (l: string) => stderr.push(l) };
  let code: number;
  try {
    code = await sdkGateCommand(['--report-dir', reportDir, ...args], io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.push(error.message);
    code = 2;
  }
  const file = join(reportDir, 'sdk-results.json');
  return { code, stderr, reportDir, ...(existsSync(file) ? { results: JSON.parse(readFileSync(file, 'utf8')) } : {}) };
}

export function nodeClient(script: string, ...args: string[]): string[] {
  return ['--', process.execPath, join(CLIENTS, script), ...args];
}
