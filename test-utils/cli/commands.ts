/**
 * The CLI's commands and the option table built from them. A command file exports a CommandSpec
 * (its options, the shared ones it reuses, its help text and its handler); this list is the one
 * place that names them all. Heavy modules are imported inside the handlers, so `--help` and a
 * usage error load nothing but this table.
 */
import { diffSpec } from './diff-command.ts';
import { judgeSpec } from './judge-command.ts';
import { listOf, nonEmptyCheck, OptionTable, stringOf, UsageError, type CommandSpec } from './option-table.ts';
import { SHARED_OPTIONS, targetFlags } from './options.ts';
import { mergeCommand } from './merge-command.ts';
import { proxySpec } from './proxy-command.ts';
import { reproduceCommand } from './reproduce-command.ts';
import { runCommand } from './run-command.ts';
import { sdkGateSpec } from './sdk-gate-command.ts';
import { usersigCommand } from './usersig-command.ts';

export const janitorCommand: CommandSpec = {
  name: 'janitor',
  summary: 'destroy groups left behind by earlier runs',
  synopsis: 'tim-conformance janitor [options]',
  description: `Destroys groups left by earlier runs against this target: those listed in the ledgers under
DIR/ledger/ written for this target and SDKAppID (others are kept and counted), and those whose
id contains the prefix (listed with get_appid_group_list). Never touches other groups. Groups
already gone are counted apart. Starts with the same preflight as run (exit 2).`,
  options: [
    {
      name: 'prefix',
      type: 'string',
      value: 'TEXT',
      default: 'timc-',
      section: 'Janitor',
      help: 'destroy groups whose id contains TEXT',
      check: nonEmptyCheck('--prefix must not be empty'),
    },
    { name: 'dry-run', type: 'boolean', section: 'Janitor', help: 'list what would be destroyed, destroy nothing' },
  ],
  async run({ values }, io) {
    const { runJanitorCommand } = await import('./janitor-command.ts');
    return runJanitorCommand(targetFlags(values), process.env, io, {
      prefix: stringOf(values, 'prefix'),
      dryRun: values['dry-run'] === true,
    });
  },
};

export const mockCommand: CommandSpec = {
  name: 'mock',
  summary: 'start the reference mock server',
  synopsis: 'tim-conformance mock [options]',
  description: `Starts the reference mock server and runs it until SIGINT or SIGTERM. The first line printed is
\`listening on http(s)://HOST:PORT\` (scripts wait for it), then one line per app. Secret keys
are never printed. A bad flag is one line on stderr and exit code 2.`,
  // Its options are shared with sdk-gate (mock-options.ts); the mock's own parser reads them.
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
DIR/mutants.md; survivors are listed with their profile row, its status and a reason. Exits
0 when the unmodified mock had no failure and every deviation of a documented (or
documented-set) row made a gating check fail, 1 otherwise, 2 on a usage error. A deviation of
an inferred row is expected to survive (its checks are tentative) unless --strict.`,
  options: [
    {
      name: 'only',
      type: 'string',
      value: 'NAME',
      multiple: true,
      section: 'Mutants',
      help: 'only this deviation (names from --list)',
    },
    {
      name: 'list',
      type: 'boolean',
      section: 'Mutants',
      help: 'list the catalogue (name, area, description, profile row, status) and exit',
    },
    {
      name: 'strict',
      type: 'boolean',
      env: 'TIM_STRICT',
      section: 'Mutants',
      help: "tentative checks gate, so inferred rows' deviations must be killed too",
    },
    { name: 'seed', type: 'string', value: 'N', default: '1', section: 'Mutants', help: 'the seed of every run' },
    {
      name: 'parallel',
      type: 'string',
      value: 'N',
      default: '15',
      section: 'Mutants',
      help: 'deviations checked at once, in one process (at most 16)',
    },
  ],
  async run({ values, positionals }, io) {
    const { runMutantsCommand } = await import('../mutants/command.ts');
    return runMutantsCommand(values as Record<string, string | string[] | boolean | undefined>, io, positionals);
  },
};

export const replayCommand: CommandSpec = {
  name: 'replay',
  summary: "run a stateful check's replay file again, each answer beside the model's",
  synopsis: 'tim-conformance replay FILE [options]',
  positionals: 'FILE: a replay file',
  description: `Runs a stateful check's replay file (written to DIR/stateful/ when stateful/* fails) again
against the target: new groups, fresh UserSigs, the same requests in the same order. Prints
each answer beside the model's and exits 1 when an answer or a read-back disagrees with a
documented row (with --strict, an inferred one too), 0 when all agree, 2 on a bad file or bad
options. The file format is described in docs/stateful.md (schema:
test-utils/stateful/replay.schema.json). The target flags and TIM_* variables are those of run.`,
  options: [{ name: 'strict', type: 'boolean', section: 'Replay', help: 'inferred-row mismatches fail too' }],
  async run(args, io) {
    const { replayCommand: replay } = await import('./replay-command.ts');
    return replay(args, io);
  },
};

/** Every command, in the order `--help` lists them. Add a command here (one line) and in its own file. */
export const COMMANDS: readonly CommandSpec[] = [
  runCommand,
  mockCommand,
  janitorCommand,
  mutantsCommand,
  reproduceCommand,
  usersigCommand,
  mergeCommand,
  replayCommand,
  sdkGateSpec,
  proxySpec,
  judgeSpec,
  diffSpec,
];

export const OPTION_TABLE = new OptionTable().defineShared(SHARED_OPTIONS);
for (const command of COMMANDS) OPTION_TABLE.addCommand(command);

/** Kept for callers of the old helper (the values of a repeatable option are a list). */
export { listOf, stringOf, targetFlags, UsageError };
