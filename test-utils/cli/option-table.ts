/**
 * The CLI's one option table (after vitest's cli-config.ts): every option is defined once with
 * its type, value placeholder, default, TIM_* variable, help text and the commands that take it.
 * Parsing (node:util parseArgs), validation, `help <command>` and README's flag table are all
 * produced from it, so a flag cannot be parsed by one file and documented by another.
 *
 * How a command joins the table (see test-utils/cli/commands.ts for the built-in ones):
 *   export const fooCommand: CommandSpec = {
 *     name: 'foo', summary: '…', synopsis: 'tim-conformance foo [options]', description: '…',
 *     options: [{ name: 'bar', type: 'string', value: 'N', help: '…' }],  // its own options
 *     reuse: ['target', 'sdkappid', 'report-dir'],                          // shared ones, by name
 *     run: async (args, io) => (await import('./foo-impl.ts')).runFoo(args, io),
 *   };
 * and one entry in COMMANDS (test-utils/cli/commands.ts). Its own options take `commands` from
 * the command; a shared option lists, besides its declared `commands`, every command reusing it.
 * Two shared options may have the same flag name when they mean different things (run's
 * --sdkappid reads TIM_SDKAPPID, the mock's does not): the table then knows them by `key`.
 * A command whose arguments end with another command (sdk-gate's `-- <command> [args...]`)
 * names it in `passthrough`: what follows the first `--` is handed over untouched.
 *
 * This module imports nothing of the project: the mock's CLI and every command file may use it.
 */
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  /** The long name without dashes: 'max-groups'. */
  name: string;
  /** The shared table's name for it when another shared option has the same flag name; default `name`. */
  key?: string;
  type: 'string' | 'boolean';
  /** The value's placeholder in help ('N', 'FILE', 'mock|URL|region:NAME'); string options only. */
  value?: string;
  /** May be given more than once (the value is then a string[]). */
  multiple?: boolean;
  short?: string;
  /** The TIM_* variable that stands in for the flag (flags win). */
  env?: string;
  /** The default, as help shows it ('reports', 'no cap'). Documentation only: resolution applies it. */
  default?: string;
  /** One or a few sentences for `help <command>`. */
  help: string;
  /** README's wording when it says more than the help (links, examples); default `help`. */
  readme?: string;
  /** The commands that take it (a command's own options get it from the command). */
  commands?: readonly string[];
  /** The heading it is listed under in `help <command>` ('Target', 'Run', …); default 'Options'. */
  section?: string;
  /** Validates a flag's value; returns the problem as a sentence naming the flag, or undefined. */
  check?: (value: string) => string | undefined;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedArgs {
  values: OptionValues;
  positionals: string[];
  /** With CommandSpec.passthrough: everything after the first `--`, untouched ([] without `--`). */
  passthrough?: string[];
}

export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandSpec {
  name: string;
  /** One line for `tim-conformance --help`. */
  summary: string;
  /** 'tim-conformance run [options] [file filters...]' */
  synopsis: string;
  /** What it does, its outputs and exit codes (wrapped text, before the options). */
  description: string;
  /** Text after the options (examples, notes). */
  epilogue?: string;
  /** What positional arguments mean; absent = none accepted. */
  positionals?: string;
  /** What follows `--` (another command and its arguments, passed on untouched); absent = nothing special. */
  passthrough?: string;
  /** Options only this command takes. */
  options?: readonly OptionSpec[];
  /** Keys of shared options (defined in the table with their own `commands`) it takes too. */
  reuse?: readonly string[];
  /** The command itself; heavy modules should be imported inside it, not by the command file. */
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
  /** Parses argv itself (the mock keeps its own parser and messages); help still comes from the table. */
  rawArgs?: boolean;
}

/** Every help line is laid out as `  --flag VALUE   help`, help starting at this column. */
const HELP_COLUMN = 34;
const WIDTH = 100;

export class OptionTable {
  private readonly shared = new Map<string, OptionSpec>();
  private readonly commands = new Map<string, CommandSpec>();

  /** Options several commands take (each lists its `commands`). */
  defineShared(options: readonly OptionSpec[]): this {
    for (const option of options) {
      const key = keyOf(option);
      if (this.shared.has(key)) throw new Error(`option --${key} is defined twice in the option table`);
      this.shared.set(key, option);
    }
    return this;
  }

  addCommand(spec: CommandSpec): this {
    if (this.commands.has(spec.name)) throw new Error(`command '${spec.name}' is defined twice`);
    for (const key of spec.reuse ?? []) {
      if (!this.shared.has(key))
        throw new Error(`command '${spec.name}' reuses --${key}, which the table does not define`);
    }
    const taken = [...this.shared.values()].filter(
      (o) => o.commands?.includes(spec.name) || spec.reuse?.includes(keyOf(o)),
    );
    for (const option of spec.options ?? []) {
      if (taken.some((o) => o.name === option.name)) {
        throw new Error(`command '${spec.name}' defines --${option.name}, which it also takes from the shared table`);
      }
    }
    const names = [...taken, ...(spec.options ?? [])].map((o) => o.name);
    const twice = names.find((name, i) => names.indexOf(name) !== i);
    if (twice !== undefined) throw new Error(`command '${spec.name}' takes two options named --${twice}`);
    this.commands.set(spec.name, spec);
    return this;
  }

  command(name: string): CommandSpec | undefined {
    return this.commands.get(name);
  }

  commandNames(): string[] {
    return [...this.commands.keys()];
  }

  /** The commands that take a shared option: its declared ones and those that reuse it. */
  private commandsOf(option: OptionSpec): string[] {
    const names = new Set(option.commands ?? []);
    for (const spec of this.commands.values()) if (spec.reuse?.includes(keyOf(option))) names.add(spec.name);
    return [...names];
  }

  /** A command's options in table order: shared ones first, then its own, then --help. */
  optionsFor(command: string): OptionSpec[] {
    const spec = this.commands.get(command);
    const list = [...this.shared.values()].filter((o) => this.commandsOf(o).includes(command));
    list.push(...(spec?.options ?? []), HELP_OPTION);
    return list;
  }

  /** The parseArgs configuration of a command. */
  parseArgsOptions(
    command: string,
  ): Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> {
    const out: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
    for (const o of this.optionsFor(command)) {
      out[o.name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
    }
    return out;
  }

  /**
   * Parses and validates a command line. Errors are UsageErrors of one line that name the option
   * and never echo a value (a mistyped command line may hold a secret key).
   */
  parse(command: string, argv: string[]): ParsedArgs {
    const spec = this.commands.get(command);
    const allowPositionals = spec?.positionals !== undefined;
    const dashes = spec?.passthrough === undefined ? -1 : argv.indexOf('--');
    const own = dashes === -1 ? argv : argv.slice(0, dashes);
    let parsed: ParsedArgs;
    try {
      const result = parseArgs({ args: own, options: this.parseArgsOptions(command), allowPositionals, strict: true });
      parsed = { values: result.values as OptionValues, positionals: result.positionals };
    } catch (error) {
      throw parseError(command, error);
    }
    if (spec?.passthrough !== undefined) parsed.passthrough = dashes === -1 ? [] : argv.slice(dashes + 1);
    if (parsed.values['help'] === true) return parsed;
    for (const option of this.optionsFor(command)) {
      const value = parsed.values[option.name];
      if (option.check === undefined || value === undefined || typeof value === 'boolean') continue;
      for (const one of Array.isArray(value) ? value : [value]) {
        const problem = option.check(one);
        if (problem !== undefined) throw new UsageError(problem);
      }
    }
    return parsed;
  }

  /**
   * `tim-conformance <command> ARGV`: parses and validates ARGV and runs the command, or prints
   * its usage for --help. A rawArgs command gets ARGV as it is (its --help still prints the
   * table's usage). Usage errors are thrown as UsageErrors.
   */
  async run(command: string, argv: string[], io: CommandIO): Promise<number> {
    const spec = this.commands.get(command);
    if (!spec) throw new UsageError(`unknown command '${command}' (commands: ${this.commandNames().join(', ')})`);
    const args = spec.rawArgs
      ? { values: { help: argv.includes('--help') || argv.includes('-h') }, positionals: argv }
      : this.parse(command, argv);
    if (args.values['help'] === true) {
      io.out(this.usage(command));
      return 0;
    }
    return spec.run(args, io);
  }

  /** `tim-conformance help <command>`: synopsis, description, every option with its help. */
  usage(command: string): string {
    const spec = this.commands.get(command);
    if (!spec) throw new UsageError(`unknown command '${command}' (commands: ${this.commandNames().join(', ')})`);
    const sections = new Map<string, OptionSpec[]>();
    for (const option of this.optionsFor(command)) {
      const section = option.section ?? 'Options';
      sections.set(section, [...(sections.get(section) ?? []), option]);
    }
    const parts = [spec.synopsis, '', spec.description];
    if (spec.positionals) parts.push('', `Arguments: ${spec.positionals}`);
    if (spec.passthrough) parts.push('', `After --: ${spec.passthrough}`);
    for (const [section, options] of sections) {
      parts.push('', `${section}:`, ...options.map(helpLine));
    }
    if (spec.epilogue) parts.push('', spec.epilogue);
    return parts.join('\n');
  }

  /** `tim-conformance --help`. */
  mainUsage(): string {
    const width = Math.max(...this.commandNames().map((n) => n.length)) + 2;
    const lines = [...this.commands.values()].map((c) => `  ${c.name.padEnd(width)} ${c.summary}`);
    return [
      'Usage: tim-conformance <command> [options]',
      '',
      'Commands:',
      ...lines,
      `  ${'help'.padEnd(width)} help <command> describes every option of a command`,
      '',
      'Options: --version prints the version; `tim-conformance <command> --help` shows the options of a command.',
    ].join('\n');
  }

  /** README's flag table (Markdown): one row per option, in command order, with the commands that take it. */
  markdownTable(): string {
    const rows = ['| flag | variable | default | commands | meaning |', '|---|---|---|---|---|'];
    const seen = new Set<OptionSpec>();
    for (const command of this.commandNames()) {
      for (const option of this.optionsFor(command)) {
        if (option === HELP_OPTION || seen.has(option)) continue;
        seen.add(option);
        const takes = this.commandNames().filter((c) => this.optionsFor(c).includes(option));
        const flag = flagText(option).replace(/\|/g, '\\|');
        rows.push(
          `| \`${flag}\` | ${option.env ? `\`${option.env}\`` : ''} | ${mdCell(option.default ?? '')} | ${takes.join(', ')} | ${mdCell(option.readme ?? option.help)} |`,
        );
      }
    }
    return rows.join('\n');
  }
}

const HELP_OPTION: OptionSpec = { name: 'help', type: 'boolean', short: 'h', help: 'show this help and exit' };

function keyOf(option: OptionSpec): string {
  return option.key ?? option.name;
}

function flagText(option: OptionSpec): string {
  const short = option.short ? `-${option.short}, ` : '';
  return `${short}--${option.name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;
}

/** One table cell: no line breaks, pipes escaped, and `<REGION>` outside code spans not read as HTML. */
function mdCell(text: string): string {
  return text
    .replace(/\n/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function helpLine(option: OptionSpec): string {
  const extras = [
    option.env ? option.env : undefined,
    option.default !== undefined ? `default ${option.default}` : undefined,
    option.multiple ? 'repeatable' : undefined,
  ].filter((x): x is string => x !== undefined);
  const text = extras.length > 0 ? `${option.help} [${extras.join('; ')}]` : option.help;
  const flag = `  ${flagText(option)}`;
  const body = wrap(text, WIDTH - HELP_COLUMN);
  const first =
    flag.length < HELP_COLUMN
      ? `${flag.padEnd(HELP_COLUMN)}${body[0] ?? ''}`
      : `${flag}\n${' '.repeat(HELP_COLUMN)}${body[0] ?? ''}`;
  return [first, ...body.slice(1).map((l) => ' '.repeat(HELP_COLUMN) + l)].join('\n');
}

function parseError(command: string, error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  const option = /'(-{1,2}[A-Za-z0-9-]+)/.exec(message)?.[1];
  const see = `(see tim-conformance ${command} --help)`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return new UsageError(`unknown option ${option ?? ''} for '${command}' ${see}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && message.includes('does not take an argument')) {
    return new UsageError(`option ${option ?? ''} of '${command}' takes no value ${see}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return new UsageError(`option ${option ?? ''} of '${command}' needs a value ${see}`);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
    return new UsageError(`'${command}' takes no positional arguments ${see}`);
  return new UsageError(`invalid arguments for '${command}' ${see}`);
}

/** The value of a string option (the last one when repeated). */
export function stringOf(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (Array.isArray(value)) return value[value.length - 1];
  return typeof value === 'string' ? value : undefined;
}

/** Every value of a repeatable option. */
export function listOf(values: OptionValues, name: string): string[] {
  const value = values[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** Validators shared by the table's options. */
export function integerCheck(flag: string, min: number, max: number): (value: string) => string | undefined {
  return (value) => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max
      ? undefined
      : `--${flag} must be an integer from ${min} to ${max}`;
  };
}

export function nonEmptyCheck(problem: string): (value: string) => string | undefined {
  return (value) => (value.trim() === '' ? problem : undefined);
}
