/**
 * The options several commands share, each defined once (see option-table.ts for the shape).
 * A command takes one by naming it in its `reuse` list, or the option lists the command here.
 * Values given as flags win over the TIM_* variables; test-utils/config resolves the two and
 * reports a bad value of either with the flag and the variable named.
 */
import type { RunFlags } from '../config/index.ts';
import { appOptions } from './app-options.ts';
import { MOCK_OPTION_SPECS } from './mock-options.ts';
import {
  nonEmptyCheck,
  OptionTable,
  stringOf,
  type CommandSpec,
  type OptionSpec,
  type OptionValues,
} from './option-table.ts';

const TARGET = 'Target (flags override the TIM_* environment variables)';
/** The commands that reach a target as run does (test-utils/config resolves their flags and variables). */
const TARGET_COMMANDS = ['run', 'janitor', 'replay'];

export const TARGET_OPTION_SPECS: readonly OptionSpec[] = [
  {
    name: 'target',
    type: 'string',
    value: 'mock|URL|region:NAME',
    env: 'TIM_TARGET',
    default: 'mock',
    section: TARGET,
    help: "'mock' starts the embedded reference mock on a free port; a base URL is any server; region:NAME is the real API over https (region:sgp, kr, jpn, ger, ind, usa, idn, ksa, china)",
    readme:
      "`mock` (default) starts the embedded reference mock on a free port; a base URL is any server (e.g. a third-party mock); `region:sgp` (or `singapore`, `kr`, `jpn`, `ger`, `ind`, `usa`, `idn`, `ksa`, `china`) is the real API over https, host from the spec's servers",
    commands: TARGET_COMMANDS,
  },
  ...appOptions({
    section: TARGET,
    variables: true,
    commands: TARGET_COMMANDS,
    help: {
      sdkappid: 'the SDKAppID of the app to test; required for a URL or a region',
      'secret-key':
        "the app's secret key; required for a URL or a region; never printed or written (prefer the variable: a flag shows in the process list)",
      admin: 'an App admin account the requests are signed for',
      'basic-sdkappid':
        "optional second app without the counters' edition (with --basic-secret-key); without it the 10059 checks and the app-isolation checks (it plays the other app) are reported as not run",
      'basic-secret-key': 'the secret key of that second app; never printed or written',
    },
  }),
  {
    name: 'report-dir',
    type: 'string',
    value: 'DIR',
    env: 'TIM_REPORT_DIR',
    default: 'reports',
    section: TARGET,
    help: 'where reports, results.json and the group ledgers are written',
    commands: [...TARGET_COMMANDS, 'mutants'],
  },
  {
    name: 'ca-cert',
    type: 'string',
    value: 'FILE',
    env: 'TIM_CA_CERT',
    section: TARGET,
    help: 'an extra CA certificate (PEM) to trust, for an https mock with its own certificate',
    commands: TARGET_COMMANDS,
  },
  {
    name: 'resolve',
    type: 'string',
    value: 'HOST=IP[:PORT],...',
    env: 'TIM_RESOLVE',
    section: TARGET,
    help: 'reach regional host names at other addresses',
    commands: TARGET_COMMANDS,
  },
];

/** Which RunFlags field (test-utils/config) each target option fills. */
export const RUN_FLAG_OF: Readonly<Record<string, string>> = {
  target: 'target',
  sdkappid: 'sdkappid',
  'secret-key': 'secretKey',
  admin: 'admin',
  'basic-sdkappid': 'basicSdkappid',
  'basic-secret-key': 'basicSecretKey',
  'report-dir': 'reportDir',
  'ca-cert': 'caCert',
  resolve: 'resolve',
  seed: 'seed',
  'max-groups': 'maxGroups',
};

const SDK = 'Reports';

/** The SDK commands' options: their reports (no TIM_REPORT_DIR: reports/sdk unless told) and the recording. */
export const SDK_OPTION_SPECS: readonly OptionSpec[] = [
  {
    name: 'report-dir',
    key: 'sdk:report-dir',
    type: 'string',
    value: 'DIR',
    default: 'reports/sdk',
    section: SDK,
    help: 'where sdk-results.json, sdk-junit.xml, sdk-report.html and sdk-report.md are written',
    commands: ['sdk-gate', 'proxy', 'judge'],
    check: nonEmptyCheck('--report-dir needs a directory'),
  },
  {
    name: 'record',
    type: 'string',
    value: 'FILE',
    section: SDK,
    help: 'also write the recording (JSON lines, usersig redacted) to FILE, for tim-conformance judge FILE and diff',
    commands: ['sdk-gate', 'proxy'],
  },
];

export const SHARED_OPTIONS: readonly OptionSpec[] = [
  ...TARGET_OPTION_SPECS,
  ...MOCK_OPTION_SPECS,
  ...SDK_OPTION_SPECS,
];

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

/**
 * A table of the shared options and one command, parsing as `tim-conformance <command>` does:
 * for calling a command in-process (tests, the proxy stopped by an AbortSignal) without the
 * CLI's list of commands, which imports every command file.
 */
export function commandAlone(spec: CommandSpec): OptionTable {
  return new OptionTable().defineShared(SHARED_OPTIONS).addCommand(spec);
}
