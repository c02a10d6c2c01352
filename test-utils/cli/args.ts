/**
 * node:util parseArgs with one-line errors. Error messages name the option, never echo a
 * value (a mistyped command line may hold a secret key).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export const TARGET_OPTIONS = {
  target: { type: 'string' },
  sdkappid: { type: 'string' },
  'secret-key': { type: 'string' },
  admin: { type: 'string' },
  'basic-sdkappid': { type: 'string' },
  'basic-secret-key': { type: 'string' },
  'report-dir': { type: 'string' },
  'ca-cert': { type: 'string' },
  resolve: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/**
 * The safety-rail option of `run`, kept apart from TARGET_OPTIONS because the janitor creates no
 * groups. The run command spreads it into its options and copies 'max-groups' into
 * RunFlags.maxGroups (resolveTargetConfig validates it).
 */
export const MAX_GROUPS_OPTION = {
  'max-groups': { type: 'string' },
} as const satisfies Options;

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
      throw new UsageError(`option ${option ?? ''} of '${command}' takes no value (see tim-conformance ${command} --help)`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(`option ${option ?? ''} of '${command}' needs a value (see tim-conformance ${command} --help)`);
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
