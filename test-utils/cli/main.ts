/**
 * The `tim-conformance` command: looks the command up in the option table (commands.ts), parses
 * and validates its options there, and runs it. Every error a user can cause is one line on
 * stderr and exit code 2; no secret is ever printed.
 */
import { COMMANDS, OPTION_TABLE } from './commands.ts';
import { UsageError, type CommandIO } from './option-table.ts';
import { packageVersion } from './version.ts';
import type { RunnerIO } from '../runner/run-conformance.ts';

// The bin installs these before any command runs (EPIPE, a dead parent); loaded with main so the
// bin finds them in the sources and in dist/ alike.
export { installProcessGuards } from './process-guards.ts';

const defaultIO: RunnerIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export { targetFlags } from './commands.ts';

function commandList(): string {
  return COMMANDS.map((c) => c.name).join(', ');
}

async function runCommand(name: string, argv: string[], io: CommandIO): Promise<number> {
  if (!OPTION_TABLE.command(name))
    throw new UsageError(`unknown command '${name}' (commands: ${commandList()}; try tim-conformance --help)`);
  return OPTION_TABLE.run(name, argv, io);
}

export async function main(argv: string[], io: RunnerIO = defaultIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
        io.out(OPTION_TABLE.mainUsage());
        return command === undefined ? 2 : 0;
      case '--version':
      case '-V':
        io.out(packageVersion());
        return 0;
      case 'help': {
        const topic = rest[0];
        // `help help` (the main usage lists `help` among the commands) is the main usage too.
        if (topic === undefined || topic === 'help') io.out(OPTION_TABLE.mainUsage());
        else if (OPTION_TABLE.command(topic)) io.out(OPTION_TABLE.usage(topic));
        else throw new UsageError(`unknown command '${topic}' (commands: ${commandList()})`);
        return 0;
      }
      default:
        if (command.startsWith('-'))
          throw new UsageError(`unknown option ${command.split('=')[0]} (try tim-conformance --help)`);
        return await runCommand(command, rest, io);
    }
  } catch (error) {
    // A TIM_SPEC naming no file surfaces when a command first loads the contract (the
    // contract module is not imported here, so it is recognised by name); so does a
    // configuration error that a command did not turn into its own line.
    if (
      error instanceof UsageError ||
      (error instanceof Error && (error.name === 'SpecPathError' || error.name === 'ConfigError'))
    ) {
      io.err(`tim-conformance: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
