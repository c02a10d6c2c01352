/**
 * The help text of every command, generated from the option table (commands.ts). Kept as a
 * record for the tests and docs checks that read it.
 */
import { OPTION_TABLE } from './commands.ts';

export const USAGE: Record<string, string> = Object.fromEntries(
  OPTION_TABLE.commandNames().map((name) => [name, OPTION_TABLE.usage(name)]),
);

export const MAIN_USAGE = OPTION_TABLE.mainUsage();
