/**
 * `tim-conformance run`: its options in the table, and the handler. --list collects the suites
 * without a request; --json prints results.json (regions.json with --regions) on stdout and sends
 * everything else to stderr, so `run --json | jq` reads one document.
 */
import { applyStatefulRuns } from './stateful-runs-flag.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  integerCheck,
  nonEmptyCheck,
  stringOf,
  listOf,
  type CommandIO,
  type CommandSpec,
  type OptionValues,
} from './option-table.ts';
import { targetFlags } from './options.ts';

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
expected failure passed), 2 on a configuration error, a failed preflight (the target cannot
be reached, does not speak the API, or refuses the credentials: checked before any check) or
a target that stopped answering mid-run, 130/143/129 when interrupted by SIGINT/SIGTERM/SIGHUP
(after destroying the run's groups). Progress goes to stderr: a live line per suite file on a
terminal, one line per finished suite file otherwise (CI set, or not a terminal).`,
  reuse: [],
  options: [
    {
      name: 'seed',
      type: 'string',
      value: 'N',
      env: 'TIM_SEED',
      section: RUN,
      help: 'the seed for generated data (every run prints it)',
    },
    { name: 'strict', type: 'boolean', env: 'TIM_STRICT', section: RUN, help: 'tentative (inferred) checks gate too' },
    {
      name: 'stateful-runs',
      type: 'string',
      value: 'N',
      env: 'TIM_STATEFUL_RUNS',
      default: '30',
      section: RUN,
      help: 'fast-check runs per stateful check (docs/stateful.md); more goes deeper',
    },
    {
      name: 'id',
      type: 'string',
      value: 'ID',
      multiple: true,
      section: RUN,
      help: 'only the check with exactly this id (a failure prints the command with its --id)',
      check: nonEmptyCheck('--id needs a check id (see run --list)'),
    },
    {
      name: 'grep',
      type: 'string',
      value: 'REGEX',
      section: RUN,
      help: "only checks whose id matches (the id alone, not its title), e.g. --grep 'clear_group_attr/' or --grep '^transport/unknown-command$'",
      check: regexCheck('grep'),
    },
    {
      name: 'list',
      type: 'boolean',
      section: RUN,
      help: 'print the ids of the checks the run would execute (after filters, --id, --grep) and exit; sends no request',
    },
    {
      name: 'max-failures',
      type: 'string',
      value: 'N',
      default: 'no limit',
      section: RUN,
      help: 'stop after N failed checks; the checks not reached are reported as not run',
      check: integerCheck('max-failures', 1, 1_000_000),
    },
    {
      name: 'json',
      type: 'boolean',
      section: RUN,
      help: 'print results.json (regions.json with --regions) on stdout; progress and summary go to stderr',
    },
    {
      name: 'suites',
      type: 'string',
      value: 'DIR',
      default: 'suites',
      section: RUN,
      help: 'run the *.check.ts files of DIR instead of suites/',
    },
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
      help: "listed failures are reported as expected, not gating; a new failure gates; a listed check that passes is an unexpected pass and gates too. With --regions, {region} in FILE is the region's name.",
      readme:
        "the target's known deviations (JSON, see [docs/expectations.md](docs/expectations.md)): listed failures are reported as *expected failures* and do not gate; a failure not listed gates; a listed check that passes is an *unexpected pass* and gates (update the file)",
      check: nonEmptyCheck('--expectations needs a file path'),
    },
    {
      name: 'update-expectations',
      type: 'boolean',
      section: EXPECTATIONS,
      help: "rewrite FILE from this run (keeps reasons, adds new failures with a TODO reason, drops entries that pass); the exit code is the run's against the file as it was read",
    },
    {
      name: 'regions',
      type: 'string',
      value: 'LIST|all',
      env: 'TIM_REGIONS',
      section: REGIONS,
      help: 'run once per region (e.g. sgp,kr or all), reports in DIR/<region>/ and the combined DIR/regions.json, regions.html and regions.md; exit 1 if any region has a gating failure. Each region needs its own app: TIM_SDKAPPID_<REGION> and TIM_SECRET_KEY_<REGION> (REGION = the canonical name: SINGAPORE, SEOUL, SILICON_VALLEY ...), optionally TIM_BASIC_SDKAPPID_<REGION>, TIM_BASIC_SECRET_KEY_<REGION>, TIM_ADMIN_<REGION>. Not with --target/--sdkappid/--secret-key.',
      check: nonEmptyCheck("--regions needs 'all' or region names separated by commas"),
    },
  ],
  async run({ values, positionals }, io) {
    if (values['list'] === true) return listCommand(values, positionals, io);
    const expectations = stringOf(values, 'expectations');
    const regions = stringOf(values, 'regions');
    const workers = stringOf(values, 'workers');
    const maxFailures = stringOf(values, 'max-failures');
    const json = values['json'] === true;
    applyStatefulRuns(stringOf(values, 'stateful-runs'), process.env);
    const runIO: CommandIO = json ? { out: io.err, err: io.err } : io;
    const { runConformance } = await import('../runner/run-conformance.ts');
    const code = await runConformance(targetFlags(values), process.env, runIO, {
      suitesDir: stringOf(values, 'suites'),
      filters: positionals,
      grep: stringOf(values, 'grep'),
      ids: listOf(values, 'id'),
      workers: workers === undefined ? undefined : Number(workers),
      ...(maxFailures !== undefined ? { maxFailures: Number(maxFailures) } : {}),
      ...(expectations !== undefined ? { expectations } : {}),
      ...(values['update-expectations'] === true ? { updateExpectations: true } : {}),
      ...(regions !== undefined ? { regions } : {}),
    });
    if (json && code !== 2) printResults(values, regions ?? process.env['TIM_REGIONS'], io);
    return code;
  },
};

function reportDirOf(values: OptionValues): string {
  const dir = stringOf(values, 'report-dir') ?? process.env['TIM_REPORT_DIR'] ?? '';
  return dir.trim() === '' ? 'reports' : dir.trim();
}

/** --json: the document the run wrote, on stdout as it is on disk. */
function printResults(values: OptionValues, regions: string | undefined, io: CommandIO): void {
  const file = regions !== undefined && regions.trim() !== '' ? 'regions.json' : 'results.json';
  try {
    io.out(readFileSync(join(reportDirOf(values), file), 'utf8').trimEnd());
  } catch {
    io.err(`tim-conformance: --json: the run wrote no ${file}`);
  }
}

/** --list: collect the suites for the configured target without contacting it. */
async function listCommand(values: OptionValues, positionals: string[], io: CommandIO): Promise<number> {
  const { ConfigError, resolveTargetConfig } = await import('../config/index.ts');
  let config;
  try {
    config = resolveTargetConfig(targetFlags(values), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`tim-conformance: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const { listChecks } = await import('../runner/list-checks.ts');
  const target = {
    kind: config.kind,
    // Never contacted: the suites only read the target's kind and apps when they are collected.
    baseUrl: config.baseUrl ?? 'http://127.0.0.1:9',
    app: config.app,
    ...(config.basicApp ? { basicApp: config.basicApp } : {}),
    ...(config.region !== undefined ? { region: config.region } : {}),
    seed: config.seed,
    strict: config.strict,
    reportDir: config.reportDir,
    groupIdPrefix: 'timc-list0000-',
  };
  const listed = await listChecks({
    target,
    suitesDir: stringOf(values, 'suites'),
    filters: positionals,
    grep: stringOf(values, 'grep'),
    ids: listOf(values, 'id'),
  });
  for (const id of listed.ids) io.out(id);
  for (const error of listed.errors) io.err(`tim-conformance: a suite file did not load: ${error}`);
  return listed.errors.length > 0 ? 1 : 0;
}
