/**
 * node:util parseArgs with one-line errors, for a command that parses its own options (new
 * commands define theirs in the option table instead: option-table.ts). Error messages name the
 * option, never echo a value (a mistyped command line may hold a secret key).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export { UsageError } from './option-table.ts';
import { UsageError } from './option-table.ts';
import { TARGET_OPTION_SPECS } from './options.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The target options of the option table, as parseArgs options (for commands with their own parser). */
export const TARGET_OPTIONS: Options = {
  ...Object.fromEntries(TARGET_OPTION_SPECS.map((o) => [o.name, { type: o.type }])),
  help: { type: 'boolean', short: 'h' },
};

export function parseCommandArgs<T extends Options>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals: boolean,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const option = /'(-{1,2}[A-Za-z0-9-]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown option ${option ?? ''} for '${command}' (see tim-conformance ${command} --help)`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && message.includes('does not take an argument')) {
      throw new UsageError(
        `option ${option ?? ''} of '${command}' takes no value (see tim-conformance ${command} --help)`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(
        `option ${option ?? ''} of '${command}' needs a value (see tim-conformance ${command} --help)`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(`'${command}' takes no positional arguments (see tim-conformance ${command} --help)`);
    }
    throw new UsageError(`invalid arguments for '${command}' (see tim-conformance ${command} --help)`);
  }
}

export function stringValue(values: Record<string, string | boolean | undefined>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
