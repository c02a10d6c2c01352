/**
 * `tim-conformance proxy --upstream URL|region:NAME --port N [--record FILE]`: a recording,
 * judging pass-through between an SDK and a server (test-utils/sdk-gate/proxy-server.ts). Runs
 * until SIGINT/SIGTERM, then judges the whole recording and writes the reports.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RunnerIO } from '../runner/run-conformance.ts';
import { UsageError } from './args.ts';
import { checkReportDir } from '../config/report-dir.ts';

export const PROXY_USAGE = `tim-conformance proxy --upstream URL|region:NAME --port N [options]

Listens on http://HOST:N and forwards every request unchanged to the upstream (the real API of a
region, or any server), hands the answer back unchanged, and meanwhile:
  - applies the SDK request rules to each request (live, one line per request on stderr; the
    secret key is never seen, so the UserSig HMAC is not checked: 'unknown');
  - checks each answer against the response schemas and the envelope rules (server findings,
    reported apart; they never gate the SDK);
  - appends each exchange to the recording (JSON lines, usersig redacted), with --record.
On SIGINT/SIGTERM it judges the whole recording (rules across requests too), writes the reports
to DIR and exits 1 when a gating finding was seen, else 0; 2 on a usage error.

  --upstream URL|region:NAME   e.g. region:singapore, https://adminapisgp.im.qcloud.com, http://127.0.0.1:8080
  --port N                     port to listen on (0: a free one, printed)
  --host H                     default 127.0.0.1
  --record FILE                the recording (judge it later with tim-conformance judge FILE)
  --report-dir DIR             default reports/sdk
  --ca-cert FILE               extra CA (PEM) for an https upstream
  --sdkappid N --admin NAME    the app and admin the SDK signs as (lets the admin rule apply)

The first line printed is \`listening on http://HOST:PORT\`.`;

const OPTIONS = {
  upstream: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  record: { type: 'string' },
  'report-dir': { type: 'string' },
  'ca-cert': { type: 'string' },
  sdkappid: { type: 'string' },
  admin: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ProxyCommandIo extends RunnerIO {
  /** Stops the proxy like a signal would (in-process tests). */
  signal?: AbortSignal;
}

export async function proxyCommand(argv: string[], io: ProxyCommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`proxy: ${((error as Error).message.split('. ')[0] ?? 'invalid arguments').split('\n')[0]}`);
  }
  if (values.help === true) {
    io.out(PROXY_USAGE);
    return 0;
  }
  if (values.upstream === undefined || values.upstream === '')
    throw new UsageError('proxy needs --upstream URL|region:NAME');
  if (values.port === undefined || !/^\d+$/.test(values.port) || Number(values.port) > 65535)
    throw new UsageError('proxy needs --port N (0 to 65535)');
  const { resolveRegion, regions } = await import('../contract/index.ts');
  let upstream: string;
  if (values.upstream.startsWith('region:')) {
    const region = resolveRegion(values.upstream.slice('region:'.length));
    if (region === undefined)
      throw new UsageError(
        `proxy: unknown region '${values.upstream.slice(7)}' (one of ${regions()
          .map((r) => r.name)
          .join(', ')})`,
      );
    upstream = `https://${region.host}`;
  } else {
    let url: URL;
    try {
      url = new URL(values.upstream);
    } catch {
      throw new UsageError('proxy: --upstream must be a URL (http or https) or region:NAME');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UsageError('proxy: --upstream must use http or https');
    upstream = url.origin;
  }
  if (values.sdkappid !== undefined && !/^\d{1,10}$/.test(values.sdkappid))
    throw new UsageError('proxy: --sdkappid must be a decimal number');
  let caCert: string | undefined;
  if (values['ca-cert'] !== undefined) {
    try {
      caCert = readFileSync(values['ca-cert'], 'utf8');
    } catch (error) {
      throw new UsageError(
        `proxy: cannot read --ca-cert ${values['ca-cert']} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  checkReportDir(values['report-dir'] ?? 'reports/sdk', 'proxy: --report-dir');
  const { runProxy } = await import('../sdk-gate/run-proxy.ts');
  return runProxy(
    {
      upstream,
      port: Number(values.port),
      host: values.host ?? '127.0.0.1',
      reportDir: values['report-dir'] ?? 'reports/sdk',
      ...(values.record !== undefined ? { recordFile: values.record } : {}),
      ...(caCert !== undefined ? { caCert } : {}),
      ...(values.sdkappid !== undefined ? { app: { sdkappid: values.sdkappid, admins: values.admin ?? [] } } : {}),
    },
    io,
  );
}
