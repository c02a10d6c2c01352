/**
 * `tim-conformance diff A B [--json]`: compares the answers of two recordings (cassettes of the
 * proxy, or captured traffic) by operation and request shape; prints the differing answers as a
 * Markdown table (or JSON). Exit 0 when no answer differs, 1 when some do, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import type { RunnerIO } from '../runner/run-conformance.ts';
import { UsageError } from './args.ts';

export const DIFF_USAGE = `tim-conformance diff A B [--json]

Pairs the requests of two recordings by operation and request shape (the body's structure,
values reduced to their types, array lengths and Mode/Type values kept) and prints every shape
whose answers differ (ErrorCode, HTTP status, or no answer) as a Markdown table, or as JSON with
--json. Exit 0 when no answer differs, 1 when some do, 2 on a usage error.`;

export async function diffCommand(argv: string[], io: RunnerIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`diff: ${((error as Error).message.split('. ')[0] ?? 'invalid arguments').split('\n')[0]}`);
  }
  if (parsed.values.help === true) {
    io.out(DIFF_USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 2)
    throw new UsageError('diff needs two recordings: tim-conformance diff A B [--json]');
  const [fileA, fileB] = parsed.positionals as [string, string];
  const { readCassette, CassetteError } = await import('../sdk-gate/cassette.ts');
  const { diffMarkdown, diffRecordings } = await import('../sdk-gate/diff-recordings.ts');
  let a, b;
  try {
    a = readCassette(fileA);
    b = readCassette(fileB);
  } catch (error) {
    if (error instanceof CassetteError) throw new UsageError(`diff: ${error.message}`);
    throw error;
  }
  const rows = diffRecordings(a, b);
  if (parsed.values.json === true)
    io.out(JSON.stringify({ a: fileA, b: fileB, requests: { a: a.length, b: b.length }, differences: rows }, null, 2));
  else io.out(diffMarkdown(rows, fileA, fileB));
  return rows.length === 0 ? 0 : 1;
}
