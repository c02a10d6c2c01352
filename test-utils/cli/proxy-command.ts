/**
 * `tim-conformance proxy --upstream URL|region:NAME --port N [--record FILE]`: a recording,
 * judging pass-through between an SDK and a server (test-utils/sdk-gate/proxy-server.ts). Runs
 * until SIGINT/SIGTERM, then judges the whole recording and writes the reports. Its options are
 * in the table; the proxy itself loads only when it runs.
 */
import { readFileSync } from 'node:fs';
import { checkReportDir } from '../config/report-dir.ts';
import type { RunnerIO } from '../runner/run-conformance.ts';
import { listOf, stringOf, UsageError, type CommandSpec, type ParsedArgs } from './option-table.ts';
import { commandAlone } from './options.ts';

const PROXY = 'Proxy';

export const proxySpec: CommandSpec = {
  name: 'proxy',
  summary: "forward an SDK's traffic to a server, judging requests and answers, recording them",
  synopsis: 'tim-conformance proxy --upstream URL|region:NAME --port N [options]',
  description: `Listens on http://HOST:N and forwards every request unchanged to the upstream (the real API of a
region, or any server), hands the answer back unchanged, and meanwhile:
  - applies the SDK request rules to each request (live, one line per request on stderr; the
    secret key is never seen, so the UserSig HMAC is not checked: 'unknown');
  - checks each answer against the response schemas and the envelope rules (server findings,
    reported apart; they never gate the SDK);
  - appends each exchange to the recording (JSON lines, usersig redacted), with --record.
On SIGINT/SIGTERM it judges the whole recording (rules across requests too), writes the reports
to DIR and exits 1 when a gating finding was seen, else 0; 2 on a usage error.`,
  epilogue: 'The first line printed is `listening on http://HOST:PORT`.',
  reuse: ['host'],
  options: [
    {
      name: 'upstream',
      type: 'string',
      value: 'URL|region:NAME',
      section: PROXY,
      help: 'required: the server to forward to, e.g. region:singapore, https://adminapisgp.im.qcloud.com, http://127.0.0.1:8080',
    },
    {
      name: 'port',
      type: 'string',
      value: 'N',
      section: PROXY,
      help: 'required: the port to listen on (0: a free one, printed)',
      check: (value) => (/^\d+$/.test(value) && Number(value) <= 65535 ? undefined : PORT_NEEDED),
    },
    {
      name: 'ca-cert',
      type: 'string',
      value: 'FILE',
      section: PROXY,
      help: 'an extra CA certificate (PEM) to trust, for an https upstream',
    },
    {
      name: 'sdkappid',
      type: 'string',
      value: 'N',
      section: PROXY,
      help: 'the app the SDK signs as (with --admin: lets the admin rule apply)',
      check: (value) => (/^\d{1,10}$/.test(value) ? undefined : 'proxy: --sdkappid must be a decimal number'),
    },
    {
      name: 'admin',
      type: 'string',
      value: 'NAME',
      multiple: true,
      section: PROXY,
      help: 'an admin account of that app',
    },
  ],
  run: (args, io) => runProxyCommand(args, io),
};

const PORT_NEEDED = 'proxy needs --port N (0 to 65535)';

export interface ProxyCommandIo extends RunnerIO {
  /** Stops the proxy like a signal would (in-process tests). */
  signal?: AbortSignal;
}

async function runProxyCommand({ values }: ParsedArgs, io: ProxyCommandIo): Promise<number> {
  const upstreamFlag = stringOf(values, 'upstream');
  if (upstreamFlag === undefined || upstreamFlag === '') throw new UsageError('proxy needs --upstream URL|region:NAME');
  const port = stringOf(values, 'port');
  if (port === undefined) throw new UsageError(PORT_NEEDED);
  const { resolveRegion, regions } = await import('../contract/index.ts');
  let upstream: string;
  if (upstreamFlag.startsWith('region:')) {
    const region = resolveRegion(upstreamFlag.slice('region:'.length));
    if (region === undefined)
      throw new UsageError(
        `proxy: unknown region '${upstreamFlag.slice(7)}' (one of ${regions()
          .map((r) => r.name)
          .join(', ')})`,
      );
    upstream = `https://${region.host}`;
  } else {
    let url: URL;
    try {
      url = new URL(upstreamFlag);
    } catch {
      throw new UsageError('proxy: --upstream must be a URL (http or https) or region:NAME');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UsageError('proxy: --upstream must use http or https');
    upstream = url.origin;
  }
  const caCertFile = stringOf(values, 'ca-cert');
  let caCert: string | undefined;
  if (caCertFile !== undefined) {
    try {
      caCert = readFileSync(caCertFile, 'utf8');
    } catch (error) {
      throw new UsageError(
        `proxy: cannot read --ca-cert ${caCertFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  }
  const reportDir = stringOf(values, 'report-dir') ?? 'reports/sdk';
  const record = stringOf(values, 'record');
  const sdkappid = stringOf(values, 'sdkappid');
  checkReportDir(reportDir, 'proxy: --report-dir');
  const { runProxy } = await import('../sdk-gate/run-proxy.ts');
  return runProxy(
    {
      upstream,
      port: Number(port),
      host: stringOf(values, 'host') ?? '127.0.0.1',
      reportDir,
      ...(record !== undefined ? { recordFile: record } : {}),
      ...(caCert !== undefined ? { caCert } : {}),
      ...(sdkappid !== undefined ? { app: { sdkappid, admins: listOf(values, 'admin') } } : {}),
    },
    io,
  );
}

/** `tim-conformance proxy ARGV` in-process (tests stop it with io.signal); usage errors are thrown. */
export async function proxyCommand(argv: string[], io: ProxyCommandIo): Promise<number> {
  return commandAlone(proxySpec).run('proxy', argv, io);
}
