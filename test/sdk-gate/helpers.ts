// Runs `tim-conformance sdk-gate` in-process (its argument parsing and all), with a client of
// test/fixtures/sdk-clients/ as the command, and reads back what it wrote.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sdkGateCommand } from '../../test-utils/cli/sdk-gate-command.ts';
import { UsageError } from '../../test-utils/cli/args.ts';

export const CLIENTS = join(import.meta.dirname, '..', 'fixtures', 'sdk-clients');

export interface GateFinding {
  rule: string;
  status: 'gating' | 'tentative' | 'note';
  operation: string;
  message: string;
  docUrl: string;
  count: number;
  seqs: number[];
  request: {
    seq: number;
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: string;
    bodyBase64?: string;
  };
}

export interface GateOutcome {
  code: number;
  stderr: string[];
  reportDir: string;
  /** sdk-results.json, when written. */
  results?: {
    exitCode: number;
    findings: GateFinding[];
    scenarios: Array<{
      id: string;
      fired: number;
      episodes: Array<{ retries: number; pausesMs: number[]; outcome: string }>;
    }>;
    summary: { requests: number };
  };
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
