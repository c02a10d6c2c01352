/**
 * Preflight: before any check or fixture, prove that the target can be tested at all, so that
 * a set-up mistake reads as one, not as a non-conformant server. One signed read per app
 * (get_appid_group_list, Limit 1: no group is created, nothing is written) answers three
 * questions in order, each named when it fails:
 *   1. reachable: the cause when not (refused, DNS, TLS with the --ca-cert hint, timeout, reset);
 *   2. the API's envelope: HTTP 200 and a JSON body with a numeric ErrorCode (a string of digits
 *      passes too: a broken envelope is the checks' to name, not a set-up mistake);
 *   3. the credentials: ErrorCode 0, or which of wrong key, unknown SDKAppID, identifier not an
 *      App admin, expired sig, read from the codes of the signing rows of the behaviour profile.
 *      A rate refusal (someone else used the probe's 1 call/s) is tried again within the budget
 *      and, if it persists, let through: it is no set-up mistake.
 * The whole preflight is bounded by PREFLIGHT_BUDGET_MS (the apps are asked in parallel). Used by
 * `run` and `janitor`; any command that talks to a target can call it.
 */
import { createTimClient, type CallResult } from '../client/index.ts';
import { profileCase } from '../contract/index.ts';
import type { AppCredentials, ResolvedTarget } from '../contract/types.ts';

/**
 * Everything the preflight does fits in this. The bound is 5 s for the whole command, measured
 * through `npx` from a clone (TypeScript loaded by tsx): Node's and npx's start and the modules
 * the probe needs take 0.9–1.3 s on a quiet 2-core machine, so a silent target at 3.8 s took
 * 4.7–5.1 s in all. 3.3 s still leaves a real server more than the API's documented 3 s server
 * timeout to answer one small read.
 */
export const PREFLIGHT_BUDGET_MS = 3300;

export type PreflightResult = { ok: true } | { ok: false; problem: string };

/** The operation of the signed read: a read every app may call, touching no group. */
const PROBE_OPERATION = 'get_appid_group_list';

const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TIM_ATTEMPT_DEADLINE',
  'ETIMEDOUT',
]);

function codesOf(caseId: string): number[] {
  const expected = profileCase(caseId).expected;
  return [...new Set([expected.code, ...(expected.acceptable ?? [])])];
}

interface AppRole {
  app: AppCredentials;
  choice: 'main' | 'basic';
  /** '--sdkappid or TIM_SDKAPPID' etc. */
  sdkappidInput: string;
  keyInput: string;
}

function roles(target: ResolvedTarget): AppRole[] {
  const out: AppRole[] = [
    {
      app: target.app,
      choice: 'main',
      sdkappidInput: '--sdkappid or TIM_SDKAPPID',
      keyInput: '--secret-key or TIM_SECRET_KEY',
    },
  ];
  if (target.basicApp) {
    out.push({
      app: target.basicApp,
      choice: 'basic',
      sdkappidInput: '--basic-sdkappid or TIM_BASIC_SDKAPPID',
      keyInput: '--basic-secret-key or TIM_BASIC_SECRET_KEY',
    });
  }
  return out;
}

/** Why no answer arrived, and what to do. */
export function describeUnreachable(
  origin: string,
  result: Pick<CallResult, 'networkError' | 'networkErrorCode'>,
  budgetMs: number,
): string {
  const code = result.networkErrorCode ?? '';
  const host = new URL(origin).host;
  if (code === 'ECONNREFUSED')
    return `nothing accepts connections at ${host} (connection refused); start the server, or correct --target / TIM_TARGET`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return `the host name ${new URL(origin).hostname} does not resolve (DNS: ${code}); correct --target, or map it with --resolve host=ip`;
  }
  if (TLS_TRUST_CODES.has(code)) {
    return `the TLS certificate of ${host} is not trusted (${code}: self-signed or from an unknown CA); give the certificate of its CA with --ca-cert FILE or TIM_CA_CERT`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `the TLS certificate of ${host} does not name that host (${code}); use the host name the certificate was made for`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return `the TLS certificate of ${host} is not valid now (${code})`;
  if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return `${host} did not speak TLS (${code}); if it serves plain HTTP, use an http:// target`;
  if (TIMEOUT_CODES.has(code))
    return `${host} did not answer within ${(budgetMs / 1000).toFixed(1)} s (${code}); check that the server is up and answers HTTP`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return `${host} closed the connection without answering (${code}); check that --target is this API's server`;
  return `could not reach ${host}: ${result.networkError ?? 'no answer'}; check --target / TIM_TARGET`;
}

/**
 * The ErrorCode of an answer: a number, or a string of digits. The latter breaks the envelope
 * (the envelope checks name it) but is still this API speaking: refusing it here would turn a
 * conformance defect into a set-up mistake and hide it behind exit 2.
 */
function errorCodeOf(body: { ErrorCode?: unknown } | undefined): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const raw = body.ErrorCode;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^-?\d{1,10}$/.test(raw)) return Number(raw);
  return undefined;
}

function describeAnswer(origin: string, role: AppRole, result: CallResult, admin: string): string | undefined {
  const path = new URL(result.request.url).pathname;
  if (result.answerProblem !== undefined)
    return `${origin} is not this API's server: a POST to ${path} was answered, but ${result.answerProblem}; check --target`;
  const body = result.body as { ErrorCode?: unknown; ErrorInfo?: unknown } | undefined;
  const code = errorCodeOf(body);
  if (result.httpStatus !== 200 || typeof body !== 'object' || body === null || code === undefined) {
    const what = result.httpStatus !== 200 ? `HTTP ${result.httpStatus}` : 'HTTP 200';
    const shape =
      typeof body === 'object' && body !== null ? 'JSON without a numeric ErrorCode' : 'a body that is not JSON';
    return `${origin} does not speak the Tencent IM REST API: a POST to ${path} answered ${what} with ${shape}; check --target / TIM_TARGET`;
  }
  if (code === 0) return undefined;
  const info = typeof body.ErrorInfo === 'string' && body.ErrorInfo !== '' ? ` "${body.ErrorInfo.slice(0, 120)}"` : '';
  const answered = `(ErrorCode ${code}${info})`;
  const sdkappid = role.app.sdkappid;
  if (codesOf('signing.sdkappid-unknown').includes(code)) {
    return `SDKAppID ${sdkappid} is not known to ${origin} ${answered}; correct ${role.sdkappidInput}, or target the app's region`;
  }
  if (codesOf('signing.hmac-mismatch').includes(code) || codesOf('signing.usersig-malformed').includes(code)) {
    return `the secret key does not match SDKAppID ${sdkappid} ${answered}; set ${role.keyInput} to that app's key from the Chat console`;
  }
  if (codesOf('signing.not-admin').includes(code)) {
    return `'${admin}' is not an App admin of SDKAppID ${sdkappid} ${answered}; set --admin or TIM_ADMIN to an App admin account`;
  }
  if (codesOf('signing.expired').includes(code))
    return `a fresh usersig was refused as expired ${answered}; check this machine's clock`;
  return `a signed ${PROBE_OPERATION} for SDKAppID ${sdkappid} was refused ${answered}; the credentials or the target cannot be used for a run`;
}

/** After a rate refusal (another client used the probe's 1 call/s), the next try waits a window. */
const RATE_RETRY_MS = 1100;

async function probeApp(
  target: ResolvedTarget,
  role: AppRole,
  client: ReturnType<typeof createTimClient>,
  budgetMs: number,
): Promise<string | undefined> {
  const origin = new URL(target.baseUrl).origin;
  const end = Date.now() + budgetMs;
  let result = await client.call(PROBE_OPERATION, { Limit: 1 }, { app: role.choice, retry: false });
  // A rate refusal is no set-up mistake: try again while the budget lasts, then let the run go on.
  while (result.errorCode !== undefined && codesOf('rates.api-calls-per-second').includes(result.errorCode)) {
    if (Date.now() + RATE_RETRY_MS + 500 > end) return undefined;
    await new Promise((resolve) => setTimeout(resolve, RATE_RETRY_MS));
    result = await client.call(PROBE_OPERATION, { Limit: 1 }, { app: role.choice, retry: false });
  }
  if (result.networkError !== undefined) return describeUnreachable(origin, result, budgetMs);
  const problem = describeAnswer(origin, role, result, role.app.admin);
  return problem === undefined ? undefined : role.choice === 'basic' ? `basic app: ${problem}` : problem;
}

/** The first problem found (the main app's before the basic app's), or ok. */
export async function preflight(target: ResolvedTarget, opts: { budgetMs?: number } = {}): Promise<PreflightResult> {
  const budgetMs = opts.budgetMs ?? PREFLIGHT_BUDGET_MS;
  // Each wait of the client is bounded by most of the budget; the race below bounds the whole.
  const client = createTimClient(target, {
    timeoutMs: Math.max(100, budgetMs - 500),
    validateResponses: false,
    retryPolicy: { maxAttempts: 1 },
  });
  let timer: NodeJS.Timeout | undefined;
  const overBudget = new Promise<string>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          `${new URL(target.baseUrl).host} did not answer within ${(budgetMs / 1000).toFixed(1)} s; check that the server is up and answers HTTP`,
        ),
      budgetMs,
    );
  });
  try {
    const problems = Promise.all(roles(target).map((role) => probeApp(target, role, client, budgetMs)));
    const first = await Promise.race([problems.then((all) => all.find((p) => p !== undefined)), overBudget]);
    return first === undefined ? { ok: true } : { ok: false, problem: `preflight: ${first}` };
  } finally {
    clearTimeout(timer);
    // close() would wait for requests in flight; a silent server must not hold the preflight.
    await client.destroy().catch(() => {});
  }
}
