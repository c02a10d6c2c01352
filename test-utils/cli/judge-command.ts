/**
 * `tim-conformance judge FILE`: judges a recording (a cassette written by sdk-gate or proxy, or
 * captured traffic in the shared format) offline with the SDK gate's request rules, writes
 * sdk-results.json, sdk-junit.xml, sdk-report.html and sdk-report.md, and exits 1 on a gating
 * finding, 0 otherwise, 2 on a usage or set-up error (one line). The heavy modules load lazily
 * so that `--help` and usage.ts stay cheap.
 */
import { appOptions } from './app-options.ts';
import { checkReportDir } from '../config/report-dir.ts';
import { stringOf, UsageError, type CommandIO, type CommandSpec, type OptionValues } from './option-table.ts';
import { commandAlone } from './options.ts';
import type { JudgeApp } from '../sdk-gate/exchange.ts';

export const judgeSpec: CommandSpec = {
  name: 'judge',
  summary: "judge an SDK's recorded requests against the contract (offline)",
  synopsis: 'tim-conformance judge FILE [options]',
  positionals: 'FILE: the recording to judge',
  description: `Judges the requests in a recording (JSON lines: a cassette of sdk-gate or proxy, or captured
traffic { t, method, path, req_headers, req_body, status, resp_body }) against the contract's
request rules, offline. Writes DIR/sdk-results.json, sdk-junit.xml, sdk-report.html and
sdk-report.md. Exits 1 when a gating finding, 0 otherwise, 2 on a usage or set-up error.
Expiry is judged at each request's recorded time. See docs/sdk-gate.md for the rules.`,
  options: appOptions({
    section: 'Apps (flags override the TIM_* variables)',
    variables: true,
    help: {
      sdkappid:
        "the app the recording talked to; without it (and without TIM_SDKAPPID) the reference mock's two default apps are assumed, keys included, and a request naming any other app is a finding",
      'secret-key':
        'its secret key; without a key the HMAC of a raw usersig is not judged; never printed or written (files hold no usersig)',
      admin: 'its admin account',
      'basic-sdkappid': "a second app the recording talked to, without the counters' edition",
      'basic-secret-key': 'its secret key; never printed or written',
    },
  }),
  run: ({ values, positionals }, io) => runJudge(values, positionals, io, process.env),
};

const DECIMAL = /^\d+$/;

/** The apps the judge knows: the flags' (or TIM_* variables'), else the mock's defaults. */
export async function judgeApps(
  values: OptionValues,
  env: NodeJS.ProcessEnv,
): Promise<{ apps: JudgeApp[]; appsComplete: boolean }> {
  const pick = (flag: string, variable: string) => stringOf(values, flag) ?? (env[variable] || undefined);
  const sdkappid = pick('sdkappid', 'TIM_SDKAPPID');
  const secretKey = pick('secret-key', 'TIM_SECRET_KEY');
  const admin = pick('admin', 'TIM_ADMIN') ?? 'administrator';
  const basicSdkappid = pick('basic-sdkappid', 'TIM_BASIC_SDKAPPID');
  const basicSecretKey = pick('basic-secret-key', 'TIM_BASIC_SECRET_KEY');
  if (sdkappid === undefined) {
    if (secretKey !== undefined || basicSdkappid !== undefined)
      throw new UsageError('--secret-key and --basic-sdkappid need --sdkappid');
    const { mockJudgeContext } = await import('../sdk-gate/mock-context.ts');
    const context = mockJudgeContext();
    return { apps: context.apps, appsComplete: true };
  }
  if (!DECIMAL.test(sdkappid)) throw new UsageError('--sdkappid must be a decimal app id');
  if (basicSdkappid !== undefined && !DECIMAL.test(basicSdkappid))
    throw new UsageError('--basic-sdkappid must be a decimal app id');
  if (basicSecretKey !== undefined && basicSdkappid === undefined)
    throw new UsageError('--basic-secret-key needs --basic-sdkappid');
  const apps: JudgeApp[] = [{ sdkappid, admins: [admin], countersEdition: true, ...(secretKey ? { secretKey } : {}) }];
  if (basicSdkappid !== undefined) {
    apps.push({
      sdkappid: basicSdkappid,
      admins: [admin],
      countersEdition: false,
      ...(basicSecretKey ? { secretKey: basicSecretKey } : {}),
    });
  }
  // A real server knows apps the judge was not told about.
  return { apps, appsComplete: false };
}

/** `tim-conformance judge ARGV` in-process (tests, with their own variables); usage errors are thrown. */
export async function runJudgeCommand(
  argv: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return commandAlone({ ...judgeSpec, run: ({ values, positionals }) => runJudge(values, positionals, io, env) }).run(
    'judge',
    argv,
    io,
  );
}

async function runJudge(
  values: OptionValues,
  positionals: string[],
  io: CommandIO,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (positionals.length !== 1)
    throw new UsageError('judge needs exactly one recording file (tim-conformance judge FILE)');
  const file = positionals[0] as string;
  const reportDir = stringOf(values, 'report-dir');
  if (reportDir !== undefined) checkReportDir(reportDir, 'judge: --report-dir');
  const { apps, appsComplete } = await judgeApps(values, env);

  const { registerSecretKey } = await import('../client/redact.ts');
  for (const app of apps) if (app.secretKey) registerSecretKey(app.secretKey);
  const { readCassette, CassetteError } = await import('../sdk-gate/cassette.ts');
  const { judgeExchanges, judgementExitCode } = await import('../sdk-gate/judge.ts');
  const { writeSdkReports, DEFAULT_SDK_REPORT_DIR } = await import('../sdk-gate/report/index.ts');

  let exchanges;
  try {
    exchanges = readCassette(file, { apps, source: file });
  } catch (error) {
    if (error instanceof CassetteError) throw new UsageError(error.message);
    throw error;
  }
  const judgement = judgeExchanges(exchanges, { apps, appsComplete });
  const exitCode = judgementExitCode(judgement);
  const dir = reportDir ?? DEFAULT_SDK_REPORT_DIR;
  try {
    writeSdkReports(dir, judgement, { command: `judge ${file}`, exitCode, recording: file });
  } catch (error) {
    throw new UsageError(`cannot write the reports to '${dir}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const s = judgement.summary;
  io.out(
    `judged ${s.requests} request(s) of ${file}: ${s.gatingFindings} gating finding(s), ${s.tentativeFindings} tentative, ${s.notes} note(s); reports in ${dir}`,
  );
  for (const f of judgement.findings.filter((x) => x.status === 'gating')) {
    io.out(`  FAIL ${f.rule} × ${f.operation} (${f.count}×): ${f.message}`);
  }
  if (s.requests === 0) io.out('  no request in the recording: nothing was judged');
  return exitCode;
}
