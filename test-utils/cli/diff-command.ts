/**
 * `tim-conformance diff A B [--json]`: compares the answers of two recordings (cassettes of the
 * proxy, or captured traffic) by operation and request shape; prints the differing answers as a
 * Markdown table (or JSON). Exit 0 when no answer differs, 1 when some do, 2 on a usage error.
 */
import { UsageError, type CommandIO, type CommandSpec, type ParsedArgs } from './option-table.ts';
import { commandAlone } from './options.ts';

export const diffSpec: CommandSpec = {
  name: 'diff',
  summary: 'compare the answers of two recordings',
  synopsis: 'tim-conformance diff A B [--json]',
  positionals: 'A B: two recordings (cassettes of sdk-gate or proxy, or captured traffic)',
  description: `Pairs the requests of two recordings by operation and request shape (the body's structure,
values reduced to their types, array lengths and Mode/Type values kept) and prints every shape
whose answers differ (ErrorCode, HTTP status, or no answer) as a Markdown table, or as JSON with
--json. Exit 0 when no answer differs, 1 when some do, 2 on a usage error.`,
  options: [{ name: 'json', type: 'boolean', section: 'Diff', help: 'print the differences as JSON, not Markdown' }],
  run: runDiff,
};

async function runDiff({ values, positionals }: ParsedArgs, io: CommandIO): Promise<number> {
  if (positionals.length !== 2) throw new UsageError('diff needs two recordings: tim-conformance diff A B [--json]');
  const [fileA, fileB] = positionals as [string, string];
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
  if (values['json'] === true)
    io.out(JSON.stringify({ a: fileA, b: fileB, requests: { a: a.length, b: b.length }, differences: rows }, null, 2));
  else io.out(diffMarkdown(rows, fileA, fileB));
  return rows.length === 0 ? 0 : 1;
}

/** `tim-conformance diff ARGV` in-process (tests); usage errors are thrown as UsageErrors. */
export async function diffCommand(argv: string[], io: CommandIO): Promise<number> {
  return commandAlone(diffSpec).run('diff', argv, io);
}
