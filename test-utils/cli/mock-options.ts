/**
 * The options of `tim-conformance mock`, which sdk-gate takes too (it starts the same mock), in
 * the CLI's option table. Kept apart from the commands so the mock's own parser
 * (test-utils/mock/cli.ts) reads the same definitions without loading the rest of the CLI.
 */
import { appOptions } from './app-options.ts';
import { integerCheck, type OptionSpec } from './option-table.ts';

const SERVER = 'Server';
const COMMANDS = ['mock', 'sdk-gate'];

/** A server option of the mock (and sdk-gate's mock). */
function server(option: Omit<OptionSpec, 'section' | 'commands'>): OptionSpec {
  return { ...option, section: SERVER, commands: COMMANDS };
}

export const MOCK_OPTION_SPECS: readonly OptionSpec[] = [
  server({
    name: 'port',
    type: 'string',
    value: 'N',
    default: '0 (a free port)',
    help: 'the port to listen on',
    check: integerCheck('port', 0, 65535),
  }),
  server({ name: 'host', type: 'string', value: 'H', default: '127.0.0.1', help: 'the address to listen on' }),
  server({ name: 'no-rate-limits', type: 'boolean', help: 'do not enforce the documented per-API rate limits' }),
  server({
    name: 'latency-ms',
    type: 'string',
    value: 'N',
    default: '0',
    help: 'add this delay before every answer',
    check: integerCheck('latency-ms', 0, 600_000),
  }),
  server({
    name: 'tls',
    type: 'boolean',
    help: 'serve https with a self-signed certificate made at start (trust it with run --ca-cert); sdk-gate serves http and https (TIM_MOCK_HTTPS_URL, TIM_CA_CERT)',
  }),
  server({ name: 'cert', type: 'string', value: 'FILE', help: 'serve https with this certificate (PEM; with --key)' }),
  server({ name: 'key', type: 'string', value: 'FILE', help: 'the private key of --cert (PEM)' }),
  server({
    name: 'cert-out',
    type: 'string',
    value: 'FILE',
    help: 'with --tls: write the certificate made at start to FILE (PEM), for run --ca-cert FILE or curl --cacert FILE',
  }),
  server({
    name: 'deviation',
    type: 'string',
    value: 'NAME',
    multiple: true,
    help: 'behave wrongly in this named way (names from tim-conformance mutants --list), to see what a run reports against a deviating server',
  }),
  ...appOptions({
    section: 'Apps (default: the two built-in apps, printed at start)',
    variables: false,
    commands: COMMANDS,
    keyPrefix: 'mock:',
    help: {
      sdkappid: "the SDKAppID of the app with the counters' edition (with --secret-key)",
      'secret-key': 'its secret key (never printed)',
      admin: 'its admin account',
      'basic-sdkappid': "the SDKAppID of the app without the counters' edition (with --basic-secret-key)",
      'basic-secret-key': 'its secret key (never printed)',
    },
  }),
];
