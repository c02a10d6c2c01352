// The CLI as users run it (node bin/tim-conformance.mjs), from the repository root, in
// production mode and with none of the caller's TIM_* or vitest variables: what a test sets is
// all the CLI sees. One place for spawning it, so each test says only its arguments and checks.
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { MockApp } from '../../test-utils/mock/default-apps.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join('bin', 'tim-conformance.mjs');

/** This process's environment without TIM_* and VITEST* variables. */
export function cleanEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('TIM_') && !e[0].startsWith('VITEST'),
    ),
  );
}

function cliEnv(env: Record<string, string>): Record<string, string> {
  return { ...cleanEnv(), NODE_ENV: 'production', ...env };
}

/** `--target URL --sdkappid N --secret-key KEY` for an app of a mock (or any target). */
export function targetFlags(url: string, app: Pick<MockApp, 'sdkappid' | 'secretKey'>): string[] {
  return ['--target', url, '--sdkappid', String(app.sdkappid), '--secret-key', app.secretKey];
}

export interface CliResult {
  /** null when the process was ended by a signal or the timeout. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end (at most `timeoutMs`), stdout and stderr apart. */
export function execCli(args: string[], env: Record<string, string> = {}, timeoutMs = 180_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: cliEnv(env), timeout: timeoutMs },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

export interface CliProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** stdout and stderr so far, in the order they came. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI as a child process, for a test that signals it or watches it while it runs. */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

/** Runs the CLI to its end: its exit code and everything it printed. */
export async function runCliToEnd(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const cli = spawnCli(args, env);
  const { code } = await cli.exited;
  return { code, output: cli.output() };
}
