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
import type { ServerFinding } from './server-answer.ts';

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

function liveLine(exchange: RecordedExchange, context: JudgeContext, server: ServerFinding[]): string {
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
    ...judgeExchanges([exchange], context).findings.map((f) => `${f.rule} (${f.status})`),
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
      onExchange: (exchange, server) => io.err(liveLine(exchange, context, server)),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.syscall === 'open' || e.syscall === 'mkdir')
      io.err(`tim-conformance proxy: cannot write the recording '${options.recordFile ?? ''}' (${e.code ?? 'error'})`);
    else io.err(`tim-conformance proxy: cannot listen on ${options.host}:${options.port} (${e.code ?? 'error'})`);
    return 2;
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop);
    io.out(`listening on ${proxy.url} → ${options.upstream}`);
  });
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
