/**
 * A command that parses its own arguments and prints its own help (sdk-gate, proxy, diff, judge,
 * replay): registered with the option table by name, summary and handler only, so `--help` and
 * `help <command>` reach the command's own text. Its module is loaded only when it runs.
 */
import type { CommandSpec } from './option-table.ts';

export function ownParser(
  name: string,
  summary: string,
  synopsis: string,
  load: () => Promise<CommandSpec['run']>,
): CommandSpec {
  return {
    name,
    summary,
    synopsis,
    description: `See \`tim-conformance ${name} --help\` for its options.`,
    rawArgs: true,
    ownHelp: true,
    async run(args, io) {
      return (await load())(args, io);
    },
  };
}
