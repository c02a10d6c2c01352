// The CLI and the runner in-process: an io that keeps what they print, line by line per stream.
import { main } from '../../test-utils/cli/main.ts';
import type { RunnerIO } from '../../test-utils/runner/run-target.ts';

export interface CapturedIO {
  out: string[];
  err: string[];
  io: RunnerIO;
}

export function captureIO(): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t) } };
}

/** `tim-conformance ARGV…` in-process: the exit code and the lines of each stream. */
export async function mainLines(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const { out, err, io } = captureIO();
  const code = await main(argv, io);
  return { code, out, err };
}
