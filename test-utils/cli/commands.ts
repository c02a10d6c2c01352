/**
 * The CLI's commands and the option table built from them. A command file exports a CommandSpec
 * (its options, the shared ones it reuses, its help text and its handler); this list is the one
 * place that names them all. Heavy modules are imported inside the handlers, so `--help` and a
 * usage error load nothing but this table.
 */
import type { RunFlags } from '../config/index.ts';
import { MOCK_OPTION_SPECS } from './mock-options.ts';
import {
  integerCheck,
  listOf,
  nonEmptyCheck,
  OptionTable,
  stringOf,
  UsageError,
  type CommandSpec,
  type OptionValues,
} from './option-table.ts';
import { RUN_FLAG_OF, SHARED_OPTIONS } from './options.ts';

/** RunFlags (test-utils/config) from the parsed target options. */
export function targetFlags(values: OptionValues): RunFlags {
  const flags: Record<string, unknown> = {};
  for (const [option, key] of Object.entries(RUN_FLAG_OF)) {
    const value = stringOf(values, option);
    if (value !== undefined) flags[key] = value;
  }
  if (values['strict'] === true) flags['strict'] = true;
  return flags as RunFlags;
}

function regexCheck(flag: string): (value: string) => string | undefined {
  return (value) => {
    try {
      new RegExp(value);
      return undefined;
    } catch {
      return `--${flag} is not a valid regular expression`;
    }
  };
}

const RUN = 'Run';
const EXPECTATIONS = 'Expectations (known deviations of a target, see docs/expectations.md)';
const REGIONS = 'Regional matrix';

export const runCommand: CommandSpec = {
  name: 'run',
  summary: 'run the conformance suites against a target (default: the embedded mock)',
  synopsis: 'tim-conformance run [options] [file filters...]',
  positionals: 'file filters: path fragments of suite files, e.g. suites/clear-group-attr',
  description: `Runs the conformance suites (suites/**/*.check.ts) against the target, writes DIR/junit.xml and
DIR/results.json, and exits 0 when no gating check failed, 1 when one did (or none ran, or an
expected failure passed), 2 on a configuration error, 130/143 when interrupted (after
destroying the run's groups). Progress goes to stderr: a live line per suite file on a
terminal, one line per finished suite file otherwise (CI set, or not a terminal).`,
  reuse: [],
  options: [
    { name: 'seed', type: 'string', value: 'N', env: 'TIM_SEED', section: RUN, help: 'the seed for generated data (every run prints it)' },
    { name: 'strict', type: 'boolean', env: 'TIM_STRICT', section: RUN, help: 'tentative (inferred) checks gate too' },
    {
      name: 'grep',
      type: 'string',
      value: 'REGEX',
      section: RUN,
      help: "only checks whose id matches, e.g. --grep 'clear_group_attr/'",
      check: regexCheck('grep'),
    },
    { name: 'suites', type: 'string', value: 'DIR', default: 'suites', section: RUN, help: 'run the *.check.ts files of DIR instead of suites/' },
    {
      name: 'workers',
      type: 'string',
      value: 'N',
      section: RUN,
      help: 'suite workers (each paces to 1/N of the per-API rate)',
      check: integerCheck('workers', 1, 64),
    },
    {
      name: 'max-groups',
      type: 'string',
      value: 'N',
      env: 'TIM_MAX_GROUPS',
      default: 'no cap',
      section: RUN,
      help: 'stop creating groups after N in this run (all workers together): a check that would create one more fails with "run reached --max-groups N" and nothing is sent',
    },
    {
      name: 'expectations',
      type: 'string',
      value: 'FILE',
      env: 'TIM_EXPECTATIONS',
      section: EXPECTATIONS,
      help: 'listed failures are reported as expected, not gating; a new failure gates; a listed check that passes is an unexpected pass and gates too. With --regions, {region} in FILE is the region\'s name.',
      readme:
        "the target's known deviations (JSON, see [docs/expectations.md](docs/expectations.md)): listed failures are reported as *expected failures* and do not gate; a failure not listed gates; a listed check that passes is an *unexpected pass* and gates (update the file)",
      check: nonEmptyCheck('--expectations needs a file path'),
    },
    {
      name: 'update-expectations',
      type: 'boolean',
      section: EXPECTATIONS,
      help: 'rewrite FILE from this run (keeps reasons, adds new failures with a TODO reason, drops entries that pass); the exit code is the run\'s against the file as it was read',
    },
    {
      name: 'regions',
      type: 'string',
      value: 'LIST|all',
      env: 'TIM_REGIONS',
      section: REGIONS,
      help:
        'run once per region (e.g. sgp,kr or all), reports in DIR/<region>/ and the combined DIR/regions.json, regions.html and regions.md; exit 1 if any region has a gating failure. Each region needs its own app: TIM_SDKAPPID_<REGION> and TIM_SECRET_KEY_<REGION> (REGION = the canonical name: SINGAPORE, SEOUL, SILICON_VALLEY ...), optionally TIM_BASIC_SDKAPPID_<REGION>, TIM_BASIC_SECRET_KEY_<REGION>, TIM_ADMIN_<REGION>. Not with --target/--sdkappid/--secret-key.',
      check: nonEmptyCheck("--regions needs 'all' or region names separated by commas"),
    },
  ],
  async run({ values, positionals }, io) {
    const expectations = stringOf(values, 'expectations');
    const regions = stringOf(values, 'regions');
    const workers = stringOf(values, 'workers');
    const { runConformance } = await import('../runner/run-conformance.ts');
    return runConformance(targetFlags(values), process.env, io, {
      suitesDir: stringOf(values, 'suites'),
      filters: positionals,
      grep: stringOf(values, 'grep'),
      workers: workers === undefined ? undefined : Number(workers),
      ...(expectations !== undefined ? { expectations } : {}),
      ...(values['update-expectations'] === true ? { updateExpectations: true } : {}),
      ...(regions !== undefined ? { regions } : {}),
    });
  },
};

export const janitorCommand: CommandSpec = {
  name: 'janitor',
  summary: 'destroy groups left behind by earlier runs',
  synopsis: 'tim-conformance janitor [options]',
  description: `Destroys groups left by earlier runs: those listed in DIR/ledger/*.jsonl, and those whose id
contains the prefix (listed with get_appid_group_list). Never touches other groups.`,
  options: [
    { name: 'prefix', type: 'string', value: 'TEXT', default: 'timc-', section: 'Janitor', help: 'destroy groups whose id contains TEXT', check: nonEmptyCheck('--prefix must not be empty') },
    { name: 'dry-run', type: 'boolean', section: 'Janitor', help: 'list what would be destroyed, destroy nothing' },
  ],
  async run({ values }, io) {
    const { runJanitorCommand } = await import('./janitor-command.ts');
    return runJanitorCommand(targetFlags(values), process.env, io, { prefix: stringOf(values, 'prefix'), dryRun: values['dry-run'] === true });
  },
};

export const mockCommand: CommandSpec = {
  name: 'mock',
  summary: 'start the reference mock server',
  synopsis: 'tim-conformance mock [options]',
  description: `Starts the reference mock server and runs it until SIGINT or SIGTERM. The first line printed is
\`listening on http(s)://HOST:PORT\` (scripts wait for it), then one line per app. Secret keys
are never printed. A bad flag is one line on stderr and exit code 2.`,
  options: MOCK_OPTION_SPECS,
  rawArgs: true,
  async run({ positionals }, io) {
    let runMockCommand: (argv: string[]) => Promise<number>;
    try {
      ({ runMockCommand } = await import('../mock/cli.ts'));
    } catch (error) {
      io.err(`tim-conformance: the mock command is not available (${(error as Error).message.split('\n')[0]})`);
      return 2;
    }
    return runMockCommand(positionals);
  },
};

export const mutantsCommand: CommandSpec = {
  name: 'mutants',
  summary: 'check that the suites catch deliberate deviations of the mock',
  synopsis: 'tim-conformance mutants [--only NAME]... [options] [file filters...]',
  positionals: 'file filters (path fragments, as for run) limit every run to those suites',
  description: `Runs the suites against the unmodified mock and against each named deviation of it
(test-utils/mutants/catalogue.ts), prints the kill matrix and writes DIR/mutants.json and
DIR/mutants.md. Exits 0 when every deviation made a gating check fail and the unmodified
mock had no failure, 1 otherwise, 2 on a usage error.`,
  options: [
    { name: 'only', type: 'string', value: 'NAME', multiple: true, section: 'Mutants', help: 'only this deviation (names from --list)' },
    { name: 'list', type: 'boolean', section: 'Mutants', help: 'list the catalogue (name, area, what the wrong server does) and exit' },
    { name: 'seed', type: 'string', value: 'N', default: '1', section: 'Mutants', help: 'the seed of every run' },
    { name: 'parallel', type: 'string', value: 'N', default: '15', section: 'Mutants', help: 'deviations checked at once, in one process (at most 16)' },
  ],
  async run({ values, positionals }, io) {
    const { runMutantsCommand } = await import('../mutants/command.ts');
    return runMutantsCommand(values as Record<string, string | string[] | boolean | undefined>, io, positionals);
  },
};

/** Every command, in the order `--help` lists them. Add a command here (one line) and in its own file. */
export const COMMANDS: readonly CommandSpec[] = [runCommand, mockCommand, janitorCommand, mutantsCommand];

export const OPTION_TABLE = new OptionTable().defineShared(SHARED_OPTIONS);
for (const command of COMMANDS) OPTION_TABLE.addCommand(command);

/** Kept for callers of the old helper (the values of a repeatable option are a list). */
export { listOf, stringOf, UsageError };
