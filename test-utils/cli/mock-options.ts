/**
 * The options of `tim-conformance mock`, in the CLI's option table. Kept apart from the command
 * so the mock's own parser (test-utils/mock/cli.ts) reads the same definitions without loading
 * the rest of the CLI.
 */
import type { OptionSpec } from './option-table.ts';

const SERVER = 'Server';
const APPS = 'Apps (default: the two built-in apps, printed at start)';

export const MOCK_OPTION_SPECS: readonly OptionSpec[] = [
  {
    name: 'port',
    type: 'string',
    value: 'N',
    default: '0 (a free port)',
    section: SERVER,
    help: 'the port to listen on',
  },
  { name: 'host', type: 'string', value: 'H', default: '127.0.0.1', section: SERVER, help: 'the address to listen on' },
  {
    name: 'no-rate-limits',
    type: 'boolean',
    section: SERVER,
    help: 'do not enforce the documented per-API rate limits',
  },
  {
    name: 'latency-ms',
    type: 'string',
    value: 'N',
    default: '0',
    section: SERVER,
    help: 'add this delay before every answer',
  },
  {
    name: 'tls',
    type: 'boolean',
    section: SERVER,
    help: 'serve https with a self-signed certificate made at start (trust it with run --ca-cert)',
  },
  {
    name: 'cert',
    type: 'string',
    value: 'FILE',
    section: SERVER,
    help: 'serve https with this certificate (PEM; with --key)',
  },
  { name: 'key', type: 'string', value: 'FILE', section: SERVER, help: 'the private key of --cert (PEM)' },
  {
    name: 'cert-out',
    type: 'string',
    value: 'FILE',
    section: SERVER,
    help: 'with --tls: write the certificate made at start to FILE (PEM), for run --ca-cert FILE or curl --cacert FILE',
  },
  {
    name: 'deviation',
    type: 'string',
    value: 'NAME',
    multiple: true,
    section: SERVER,
    help: 'behave wrongly in this named way (names from tim-conformance mutants --list), to see what a run reports against a deviating server',
  },
  {
    name: 'sdkappid',
    type: 'string',
    value: 'N',
    section: APPS,
    help: "the SDKAppID of the app with the counters' edition (with --secret-key)",
  },
  { name: 'secret-key', type: 'string', value: 'KEY', section: APPS, help: 'its secret key (never printed)' },
  { name: 'admin', type: 'string', value: 'NAME', default: 'administrator', section: APPS, help: 'its admin account' },
  {
    name: 'basic-sdkappid',
    type: 'string',
    value: 'N',
    section: APPS,
    help: "the SDKAppID of the app without the counters' edition (with --basic-secret-key)",
  },
  { name: 'basic-secret-key', type: 'string', value: 'KEY', section: APPS, help: 'its secret key (never printed)' },
];
