/**
 * `tim-conformance judge FILE`: judges a recording (a cassette written by sdk-gate or proxy, or
 * captured traffic in the shared format) offline with the SDK gate's request rules, writes
 * sdk-results.json, sdk-junit.xml, sdk-report.html and sdk-report.md, and exits 1 on a gating
 * finding, 0 otherwise, 2 on a usage or set-up error (one line). The heavy modules load lazily
 * so that `--help` and usage.ts stay cheap.
 */
import { parseCommandArgs, stringValue, UsageError } from './args.ts';
import { checkReportDir } from '../config/report-dir.ts';
import type { RunnerIO } from '../runner/run-conformance.ts';
import type { JudgeApp } from '../sdk-gate/exchange.ts';

export const JUDGE_USAGE = `tim-conformance judge FILE [options]

Judges the requests in a recording (JSON lines: a cassette of sdk-gate or proxy, or captured
traffic { t, method, path, req_headers, req_body, status, resp_body }) against the contract's
request rules, offline. Writes DIR/sdk-results.json, sdk-junit.xml, sdk-report.html and
sdk-report.md. Exits 1 when a gating finding, 0 otherwise, 2 on a usage or set-up error.
Expiry is judged at each request's recorded time. See docs/sdk-gate.md for the rules.

  --report-dir DIR          default reports/sdk
  --sdkappid N              TIM_SDKAPPID    the app the recording talked to; without it (and
  --secret-key KEY          TIM_SECRET_KEY  without TIM_SDKAPPID) the reference mock's two
  --admin NAME              TIM_ADMIN       default apps are assumed, keys included, and a
  --basic-sdkappid N        TIM_BASIC_SDKAPPID    request naming any other app is a finding.
  --basic-secret-key KEY    TIM_BASIC_SECRET_KEY  The basic app has no counters' edition.
                            Without a key the HMAC of a raw usersig is not judged; keys are
                            never printed or written, and files hold no usersig.`;

const JUDGE_OPTIONS = {
  'report-dir': { type: 'string' },
  sdkappid: { type: 'string' },
  'secret-key': { type: 'string' },
  admin: { type: 'string' },
  'basic-sdkappid': { type: 'string' },
  'basic-secret-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DECIMAL = /^\d+$/;

/** The apps the judge knows: the flags' (or TIM_* variables'), else the mock's defaults. */
export async function judgeApps(
  values: Record<string, string | boolean | undefined>,
  env: NodeJS.ProcessEnv,
): Promise<{ apps: JudgeApp[]; appsComplete: boolean }> {
  const pick = (flag: string, variable: string) => stringValue(values, flag) ?? (env[variable] || undefined);
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

export async function runJudgeCommand(
  argv: string[],
  io: RunnerIO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values, positionals } = parseCommandArgs('judge', argv, JUDGE_OPTIONS, true);
  if (values.help) {
    io.out(JUDGE_USAGE);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('judge needs exactly one recording file (tim-conformance judge FILE)');
  const file = positionals[0] as string;
  const reportDir = stringValue(values, 'report-dir');
  if (reportDir !== undefined && reportDir.trim() === '') throw new UsageError('--report-dir needs a directory');
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
