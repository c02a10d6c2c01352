/**
 * The options several commands share, each defined once (see option-table.ts for the shape).
 * A command takes one by naming it in its `reuse` list, or the option lists the command here.
 * Values given as flags win over the TIM_* variables; test-utils/config resolves the two and
 * reports a bad value of either with the flag and the variable named.
 */
import type { RunFlags } from '../config/index.ts';
import { stringOf, type OptionSpec, type OptionValues } from './option-table.ts';

const TARGET = 'Target (flags override the TIM_* environment variables)';

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
    commands: ['run', 'janitor'],
  },
  {
    name: 'sdkappid',
    type: 'string',
    value: 'N',
    env: 'TIM_SDKAPPID',
    section: TARGET,
    help: 'the SDKAppID of the app to test; required for a URL or a region',
    commands: ['run', 'janitor'],
  },
  {
    name: 'secret-key',
    type: 'string',
    value: 'KEY',
    env: 'TIM_SECRET_KEY',
    section: TARGET,
    help: "the app's secret key; required for a URL or a region; never printed or written (prefer the variable: a flag shows in the process list)",
    commands: ['run', 'janitor'],
  },
  {
    name: 'admin',
    type: 'string',
    value: 'NAME',
    env: 'TIM_ADMIN',
    default: 'administrator',
    section: TARGET,
    help: 'an App admin account the requests are signed for',
    commands: ['run', 'janitor'],
  },
  {
    name: 'basic-sdkappid',
    type: 'string',
    value: 'N',
    env: 'TIM_BASIC_SDKAPPID',
    section: TARGET,
    help: "optional second app without the counters' edition (with --basic-secret-key); without it the 10059 checks and the app-isolation checks (it plays the other app) are reported as not run",
    commands: ['run', 'janitor'],
  },
  {
    name: 'basic-secret-key',
    type: 'string',
    value: 'KEY',
    env: 'TIM_BASIC_SECRET_KEY',
    section: TARGET,
    help: 'the secret key of that second app; never printed or written',
    commands: ['run', 'janitor'],
  },
  {
    name: 'report-dir',
    type: 'string',
    value: 'DIR',
    env: 'TIM_REPORT_DIR',
    default: 'reports',
    section: TARGET,
    help: 'where reports, results.json and the group ledgers are written',
    commands: ['run', 'janitor', 'mutants'],
  },
  {
    name: 'ca-cert',
    type: 'string',
    value: 'FILE',
    env: 'TIM_CA_CERT',
    section: TARGET,
    help: 'an extra CA certificate (PEM) to trust, for an https mock with its own certificate',
    commands: ['run', 'janitor'],
  },
  {
    name: 'resolve',
    type: 'string',
    value: 'HOST=IP[:PORT],...',
    env: 'TIM_RESOLVE',
    section: TARGET,
    help: 'reach regional host names at other addresses',
    commands: ['run', 'janitor'],
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

export const SHARED_OPTIONS: readonly OptionSpec[] = [...TARGET_OPTION_SPECS];

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
