/** The help text of every command (`tim-conformance --help`, `tim-conformance help <command>`). */
import { REPLAY_USAGE } from './replay-usage.ts';

const TARGET_FLAGS = `Target (flags override the TIM_* environment variables):
  --target mock|URL|region:NAME   TIM_TARGET     default mock (the embedded reference mock)
  --sdkappid N                    TIM_SDKAPPID   required for a URL or a region
  --secret-key KEY                TIM_SECRET_KEY required for a URL or a region; never printed
  --admin NAME                    TIM_ADMIN      default administrator
  --basic-sdkappid N              TIM_BASIC_SDKAPPID    an app without the counters' edition
  --basic-secret-key KEY          TIM_BASIC_SECRET_KEY  (without it the 10059 checks are not run)
  --report-dir DIR                TIM_REPORT_DIR default reports
  --ca-cert FILE                  TIM_CA_CERT    extra CA (PEM) for an https mock
  --resolve HOST=IP[:PORT],...    TIM_RESOLVE    reach regional host names at these addresses`;

export const USAGE: Record<string, string> = {
  run: `tim-conformance run [options] [file filters...]

Runs the conformance suites (suites/**/*.check.ts) against the target, writes DIR/junit.xml and
DIR/results.json, and exits 0 when no gating check failed, 1 when one did (or none ran, or an
expected failure passed), 2 on a configuration error, a failed preflight (the target cannot
be reached, does not speak the API, or refuses the credentials: checked before any check) or
a target that stopped answering mid-run, 130/143/129 when interrupted by SIGINT/SIGTERM/SIGHUP
(after destroying the run's groups). Progress goes to stderr: a live line per suite file on a
terminal, one line per finished suite file otherwise (CI set, or not a terminal).

${TARGET_FLAGS}

Run:
  --seed N          TIM_SEED    the seed for generated data (printed by every run)
  --strict          TIM_STRICT  tentative (inferred) checks gate too
  --grep REGEX      only checks whose id matches, e.g. --grep 'clear_group_attr/'
  --suites DIR      run the *.check.ts files of DIR instead of suites/
  --workers N       suite workers (each paces to 1/N of the per-API rate)
  --max-groups N    TIM_MAX_GROUPS  stop creating groups after N in this run (default: no cap)
  --stateful-runs N TIM_STATEFUL_RUNS  fast-check runs per stateful check (default 30; deeper = more)

Expectations (known deviations of a target, see docs/expectations.md):
  --expectations FILE     TIM_EXPECTATIONS  listed failures are reported as expected, not gating;
                          a new failure gates; a listed check that passes is an unexpected pass
                          and gates too. With --regions, {region} in FILE is the region's name.
  --update-expectations   rewrite FILE from this run (keeps reasons, adds new failures with a
                          TODO reason, drops entries that pass); the exit code is the run's

Regional matrix:
  --regions LIST|all      TIM_REGIONS  run once per region (e.g. sgp,kr or all), reports in
                          DIR/<region>/ and the combined DIR/regions.json and regions.md; exit 1
                          if any region has a gating failure. Each region needs its own app:
                          TIM_SDKAPPID_<REGION> and TIM_SECRET_KEY_<REGION> (REGION = the
                          canonical name: SINGAPORE, SEOUL, SILICON_VALLEY ...), optionally
                          TIM_BASIC_SDKAPPID_<REGION>, TIM_BASIC_SECRET_KEY_<REGION>,
                          TIM_ADMIN_<REGION>. Not with --target/--sdkappid/--secret-key.`,

  janitor: `tim-conformance janitor [options]

Destroys groups left by earlier runs against this target: those listed in the ledgers under
DIR/ledger/ written for this target and SDKAppID (others are kept and counted), and those whose
id contains the prefix (listed with get_appid_group_list). Never touches other groups. Groups
already gone are counted apart. Starts with the same preflight as run (exit 2).

${TARGET_FLAGS}

Janitor:
  --prefix TEXT     default timc-
  --dry-run         list what would be destroyed, destroy nothing`,

  mock: `tim-conformance mock [options]

Starts the reference mock server. See \`tim-conformance mock --help\` for its options.`,

  mutants: `tim-conformance mutants [--only NAME]... [options] [file filters...]

Runs the suites against the unmodified mock and against each named deviation of it
(test-utils/mutants/catalogue.ts), prints the kill matrix and writes DIR/mutants.json and
DIR/mutants.md; survivors are listed with their profile row, its status and a reason. Exits
0 when the unmodified mock had no failure and every deviation of a documented (or
documented-set) row made a gating check fail, 1 otherwise, 2 on a usage error. A deviation of
an inferred row is expected to survive (its checks are tentative) unless --strict.

  --only NAME       only this deviation (repeatable)
  --list            list the catalogue (name, area, description, profile row, status) and exit
  --strict          TIM_STRICT: tentative checks gate, so inferred rows' deviations must be killed too
  --seed N          seed of every run (default 1)
  --parallel N      deviations checked at once, in one process (default 15, at most 16)
  --report-dir DIR  default reports
File filters (path fragments, as for run) limit every run to those suites.`,
  replay: REPLAY_USAGE,
};

export const MAIN_USAGE = `Usage: tim-conformance <command> [options]

Commands:
  run        run the conformance suites against a target (default: the embedded mock)
  mock       start the reference mock server
  janitor    destroy groups left behind by earlier runs
  mutants    check that the suites catch deliberate deviations of the mock
  replay     run a stateful check's replay file again, each answer beside the model's
  help [command]

\`tim-conformance <command> --help\` shows the options of a command; \`tim-conformance --version\` the version.`;
