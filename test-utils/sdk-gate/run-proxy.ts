/**
 * The proxy command's run: listen, forward, report each request live, and on SIGINT/SIGTERM
 * judge the whole recording and write the reports.
 */
import type { JudgeApp, JudgeContext, RecordedExchange } from './exchange.ts';
import { judgeExchanges } from './judge.ts';
import { writeSdkReports } from './report/index.ts';
import { serverFindingsForReport } from './server-findings.ts';
import { operationByPath } from '../contract/index.ts';
import { startProxy } from './proxy-server.ts';
import { untilStopped } from '../process/until-stopped.ts';
import type { ServerFinding } from './server-answer.ts';
import type { LiveRequestFinding } from './proxy-judging.ts';

export interface RunProxyOptions {
  upstream: string;
  port: number;
  host: string;
  reportDir: string;
  recordFile?: string;
  caCert?: string;
  app?: JudgeApp;
}

export interface RunProxyIo {
  out: (line: string) => void;
  err: (line: string) => void;
  signal?: AbortSignal;
}

/** The judge's view of a server it does not fully know: only the app the user named, no key. */
export function proxyJudgeContext(app: JudgeApp | undefined): JudgeContext {
  return { apps: app === undefined ? [] : [app], appsComplete: false };
}

function liveLine(
  exchange: RecordedExchange,
  server: ServerFinding[],
  requestFindings: readonly LiveRequestFinding[] | undefined,
): string {
  const operation = operationByPath(exchange.path)?.operationId ?? exchange.path.split('?')[0];
  let answer = 'no answer';
  if (exchange.response !== undefined) {
    let code = '';
    try {
      const parsed = JSON.parse(exchange.response.body) as { ErrorCode?: unknown };
      if (parsed.ErrorCode !== undefined) code = ` ErrorCode ${String(parsed.ErrorCode)}`;
    } catch {
      /* not JSON */
    }
    answer = `HTTP ${exchange.response.status}${code}`;
  }
  const rules = [
    ...(requestFindings ?? []).map((f) => `${f.rule} (${f.status})`),
    ...server.map((f) => `${f.rule} (server)`),
  ];
  return `#${exchange.seq} ${exchange.method} ${operation} → ${answer}${rules.length > 0 ? `; ${rules.join(', ')}` : ''}`;
}

export async function runProxy(options: RunProxyOptions, io: RunProxyIo): Promise<number> {
  const context = proxyJudgeContext(options.app);
  let proxy;
  try {
    proxy = await startProxy({
      upstream: options.upstream,
      host: options.host,
      port: options.port,
      ...(options.caCert !== undefined ? { caCert: options.caCert } : {}),
      ...(options.app !== undefined ? { apps: [options.app] } : {}),
      ...(options.recordFile !== undefined ? { recordFile: options.recordFile } : {}),
      // Each request is judged alone in the judging thread, not on the forwarding loop.
      judgeEach: context,
      onExchange: (exchange, server, requestFindings) => io.err(liveLine(exchange, server, requestFindings)),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    // Not the user's doing (the judging thread did not start): a bug, with its stack.
    if (e.code === undefined) throw error;
    if (e.syscall === 'open' || e.syscall === 'mkdir')
      io.err(`tim-conformance proxy: cannot write the recording '${options.recordFile ?? ''}' (${e.code ?? 'error'})`);
    else io.err(`tim-conformance proxy: cannot listen on ${options.host}:${options.port} (${e.code ?? 'error'})`);
    return 2;
  }
  const stopped = untilStopped(['SIGINT', 'SIGTERM'], io.signal);
  io.out(`listening on ${proxy.url} → ${options.upstream}`);
  await stopped;
  await proxy.close();

  const exchanges = proxy.exchanges;
  if (exchanges.length === 0) {
    io.err('proxy: no request came through; nothing to judge');
    return 1;
  }
  const judgement = judgeExchanges(exchanges, context);
  const serverFindings = serverFindingsForReport(proxy.serverFindings, exchanges);
  const gatingFindings = judgement.summary.gatingFindings;
  const exitCode = gatingFindings > 0 ? 1 : 0;
  writeSdkReports(
    options.reportDir,
    {
      ...judgement,
      findings: [...judgement.findings, ...serverFindings],
      summary: {
        ...judgement.summary,
        findings: judgement.findings.length + serverFindings.length,
        notes: judgement.summary.notes + serverFindings.length,
      },
    },
    {
      command: `proxy --upstream ${options.upstream}`,
      exitCode,
      ...(options.recordFile !== undefined ? { recording: options.recordFile } : {}),
    },
  );
  io.err(
    `proxy: ${exchanges.length} request(s), ${judgement.findings.length} SDK finding(s) (${gatingFindings} gating), ${serverFindings.length} server finding(s)` +
      `${options.recordFile !== undefined ? `; recorded to ${options.recordFile}` : ''}; reports in ${options.reportDir}`,
  );
  return exitCode;
}
