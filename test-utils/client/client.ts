/**
 * The REST client every suite uses: signs with the admin's cached UserSig, builds the documented
 * query string (fresh uint32 `random` per call), paces under the server's rates, retries only
 * what is safe to retry, refuses writes to groups the run does not own and secret keys on the
 * wire, validates every response of a known operation against its schema, and returns what a
 * failure report needs (redacted URL and curl line) instead of throwing for API errors.
 */
import { randomInt } from 'node:crypto';
import { getLimit, getOperation, operationByPath, validateResponse } from '../contract/index.ts';
import type { ValidationError } from '../contract/index.ts';
import type { AppCredentials, OperationContract, ResolvedTarget } from '../contract/types.ts';
import { UserSigCache } from '../signing/cache.ts';
import { BREAKER_OPEN_CODE, type BreakerTrip, type TransportBreaker } from './breaker.ts';
import { buildCurl } from './curl.ts';
import {
  type PaceSlot,
  type PaceTicket,
  PACING_WINDOW_MS,
  type SlidingWindowPacer,
  rateSlot,
  sharedPacer,
} from './pacer.ts';
import { remotePacerFor } from './remote-slot.ts';
import { assertNoSecretKey, redact, redactError, registerSecretKey, registerUserSig } from './redact.ts';
import {
  DEFAULT_RETRY_POLICY,
  type Outcome,
  type RetryPolicy,
  isRetrySafe,
  isRetryableOutcome,
  retrying,
} from './retry.ts';
import { type AttemptOutcome, sendAttempt } from './attempt.ts';
import { Transport, defaultTimeoutMs } from './transport.ts';
import { assertGroupWritable, isWriteOperation, markGroupOwned } from './write-guard.ts';

export type QueryParam = 'sdkappid' | 'identifier' | 'usersig' | 'random' | 'contenttype';

export interface CallOptions {
  /** Which app signs the call: the target's main app (default), its basic app, or any app. */
  app?: 'main' | 'basic' | AppCredentials;
  /** The identifier in the query and the sig; default the app's admin. */
  identifier?: string;
  /** Send this usersig instead of a fresh one (crafted negative sigs). */
  usersig?: string;
  /** Replace query parameters; null leaves one out. */
  query?: Partial<Record<QueryParam, string | null>>;
  /** Another path than the operation's documented one (e.g. its alternative service). */
  path?: string;
  /** Send these bytes as the body, unchanged (invalid JSON, oversized bodies). */
  rawBody?: string | Buffer;
  /** Extra headers; null removes a default one (content-type). */
  headers?: Record<string, string | null>;
  method?: string;
  /** false: send at once (rate checks); the call is still recorded for later pacing. */
  pacing?: boolean;
  /** false: one attempt only. Retries happen only when safe, whatever this says. */
  retry?: boolean;
  /** Skip the write guard (deliberately malformed or foreign group ids). */
  allowForeignGroup?: boolean;
}

export interface CallResult {
  operationId: string;
  /** 0 when no response arrived (see networkError). */
  httpStatus: number;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any answer's JSON; checks validate it against the schemas
  body: any;
  /** body.ErrorCode when it is a number. */
  errorCode?: number;
  rawText: string;
  /** The request as sent, usersig redacted. */
  request: { method: string; url: string; body: string };
  /** A curl line reproducing the request, usersig redacted. */
  curl: string;
  attempts: number;
  durationMs: number;
  /** Redacted description of a network failure (reset, timeout, refused). */
  networkError?: string;
  /** Undici / socket error code of the network failure (ECONNRESET, UND_ERR_SOCKET ...). */
  networkErrorCode?: string;
  /** Why the answer was refused unread or unparsed: over the 1 MiB cap, or nested too deep (answer.ts). */
  answerProblem?: string;
  /** Schema violations of the response of a known operation (empty = valid); absent when not checked. */
  schemaErrors?: ValidationError[];
}

export interface ClientOptions {
  /** This process's share of the per-API call budget (1/N with N parallel workers). */
  workerShare?: number;
  /** Default sharedPacer (one per process). */
  pacer?: SlidingWindowPacer;
  /**
   * The run's pacing coordinator (pacing-coordinator.ts), when several workers share the rates:
   * APIs too slow to split between them (needsRunWidePacing) are paced there, at their whole
   * documented rate for the run; without it, or when it cannot be reached, at this worker's share.
   */
  pacingUrl?: string;
  userSigCache?: UserSigCache;
  retryPolicy?: Partial<RetryPolicy>;
  /** Headers and body timeout; default server timeout + 2 s. */
  timeoutMs?: number;
  connections?: number;
  /** Validate responses of known operations (default true). */
  validateResponses?: boolean;
  /** Called with every result after validation (the shared hook of the check vocabulary). */
  onResponse?: (result: CallResult) => void;
  /** Counts calls that got no answer; trips the run's breaker after too many in a row (breaker.ts). */
  breaker?: TransportBreaker;
  /** Delay between retries (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

export interface TimClient {
  readonly target: ResolvedTarget;
  call(operationId: string, body: unknown, opts?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
  /** Like close, without waiting for calls in flight (they end as network errors). */
  destroy(): Promise<void>;
}

export class TimClientError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = 'TimClientError';
  }
}

const sharedUserSigCache = new UserSigCache();

function findOperation(operationId: string): OperationContract | undefined {
  try {
    return getOperation(operationId);
  } catch {
    return undefined;
  }
}

function appFor(target: ResolvedTarget, choice: CallOptions['app']): AppCredentials {
  if (choice === undefined || choice === 'main') return target.app;
  if (choice === 'basic') {
    if (!target.basicApp)
      throw new TimClientError('the target has no basic app (TIM_BASIC_SDKAPPID); report the check as not run');
    return target.basicApp;
  }
  return choice;
}

function buildQuery(values: Record<QueryParam, string>, overrides: CallOptions['query']): string {
  const order: QueryParam[] = ['sdkappid', 'identifier', 'usersig', 'random', 'contenttype'];
  const parts: string[] = [];
  for (const name of order) {
    const override = overrides?.[name];
    if (override === null) continue;
    parts.push(`${name}=${encodeURIComponent(override ?? values[name])}`);
  }
  return parts.join('&');
}

/**
 * Whether an API's documented rate is paced run-wide by the coordinator rather than split
 * between workers: when this worker's share would be below one call per window. Split, such an
 * API gets one call per N windows in each worker (rateSlot widens the window), and its checks,
 * which tend to sit in one worker, queue while the others' shares go unused. Above one call per
 * window every worker can send at once and its local slot costs no round trip, so the 200/s
 * APIs stay local (a loopback round trip per call would cost more than the split does).
 */
export function needsRunWidePacing(perSecond: number, share: number): boolean {
  return share < 1 && perSecond * share < 1;
}

/** What a call waits for: slots of this process's pacer, and perhaps one of the run's coordinator. */
interface PacePlan {
  local: PaceSlot[];
  /** The slot at the whole rate for the coordinator, and this worker's share of it as fallback. */
  runWide?: { slot: PaceSlot; fallback: PaceSlot };
}

function bothDone(first: PaceTicket, second: PaceTicket): PaceTicket {
  return {
    done() {
      first.done();
      second.done();
    },
  };
}

/** What the retry rule looks at: the status, the body, and how the transport failed. */
function retryOutcomeOf(result: CallResult): Outcome {
  const outcome: Outcome = { httpStatus: result.httpStatus, body: result.body };
  if (result.networkErrorCode !== undefined) outcome.networkErrorCode = result.networkErrorCode;
  else if (result.networkError !== undefined) outcome.networkErrorCode = 'UNKNOWN';
  return outcome;
}

/** The result of a call the tripped breaker kept back: no request went out. */
function notSent(operationId: string, method: string, url: string, bodyText: string, trip: BreakerTrip): CallResult {
  return {
    operationId,
    httpStatus: 0,
    body: undefined,
    rawText: '',
    request: { method, url: redact(url), body: redact(bodyText) },
    curl: '',
    attempts: 0,
    durationMs: 0,
    networkError: `not sent: ${trip.streak} calls in a row got no answer before this one, the run is stopping`,
    networkErrorCode: BREAKER_OPEN_CODE,
  };
}

export function createTimClient(target: ResolvedTarget, options: ClientOptions = {}): TimClient {
  registerSecretKey(target.app.secretKey);
  if (target.basicApp) registerSecretKey(target.basicApp.secretKey);
  const pacer = options.pacer ?? sharedPacer;
  const sigCache = options.userSigCache ?? sharedUserSigCache;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  const share = options.workerShare ?? 1;
  if (!(share > 0 && share <= 1)) throw new TimClientError(`workerShare must be in (0, 1], got ${share}`);
  const transportOptions: ConstructorParameters<typeof Transport>[0] = {
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs(),
  };
  if (target.caCert !== undefined) transportOptions.caCert = target.caCert;
  if (target.resolve) transportOptions.resolve = target.resolve;
  if (options.connections !== undefined) transportOptions.connections = options.connections;
  const transport = new Transport(transportOptions);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const origin = new URL(target.baseUrl).origin;
  // Each wait (connect, headers, between body chunks) is bounded by timeoutMs, and the whole
  // attempt by a second more: a conforming answer is whole within the server's timeout (below
  // timeoutMs), while a server dripping a byte before each wait ends would hold it for ever.
  const attemptDeadlineMs = transportOptions.timeoutMs + 1000;
  const breaker = options.breaker;
  let closed = false;

  const runPacer = options.pacingUrl === undefined ? undefined : remotePacerFor(options.pacingUrl);

  function pacePlan(
    operationId: string,
    operation: OperationContract | undefined,
    app: AppCredentials,
    body: unknown,
  ): PacePlan {
    const callRate = operation?.['x-tim-call-rate'].perSecond ?? (getLimit('api.calls.perSecond').max as number);
    const apiKey = `api:${app.sdkappid}:${operationId}`;
    const plan: PacePlan = { local: [] };
    if (runPacer && needsRunWidePacing(callRate, share)) {
      plan.runWide = { slot: rateSlot(apiKey, callRate, 1), fallback: rateSlot(apiKey, callRate, share) };
    } else {
      plan.local.push(rateSlot(apiKey, callRate, share));
    }
    const groupRate = operation?.['x-tim-group-write-rate'];
    const groupId = (body as { GroupId?: unknown } | null | undefined)?.GroupId;
    if (operation?.['x-tim-counts-as-attr-write'] && groupRate && typeof groupId === 'string') {
      // One group is used by one worker, so its budget is not divided.
      plan.local.push(rateSlot(`group:${app.sdkappid}:${groupId}`, groupRate.perSecond, 1, PACING_WINDOW_MS));
    }
    return plan;
  }

  /**
   * Admits one attempt (or, bypassing, only counts it). The local slots come first: they are
   * this worker's alone, while the coordinator's slot is the whole run's, so it is held for the
   * shortest time.
   */
  async function admit(plan: PacePlan, bypass: boolean): Promise<PaceTicket> {
    const local = bypass ? pacer.record(plan.local) : await pacer.acquire(plan.local);
    if (!plan.runWide || !runPacer) return local;
    const { slot, fallback } = plan.runWide;
    const runWide = bypass
      ? runPacer.record([slot], () => pacer.record([fallback]))
      : await runPacer.acquire([slot], () => pacer.acquire([fallback]));
    return bothDone(local, runWide);
  }

  async function call(operationId: string, body: unknown, opts: CallOptions = {}): Promise<CallResult> {
    try {
      return await callUnredacted(operationId, body, opts);
    } catch (error) {
      throw redactError(error);
    }
  }

  async function callUnredacted(operationId: string, body: unknown, opts: CallOptions): Promise<CallResult> {
    if (closed) throw new TimClientError('the client is closed');
    const operation = findOperation(operationId);
    const path = opts.path ?? operation?.path;
    if (path === undefined) throw new TimClientError(`unknown operation '${operationId}' and no path given`);
    const app = appFor(target, opts.app);
    registerSecretKey(app.secretKey);
    const identifier = opts.identifier ?? app.admin;
    const method = opts.method ?? 'POST';

    const rawBody =
      opts.rawBody === undefined
        ? undefined
        : Buffer.isBuffer(opts.rawBody)
          ? opts.rawBody.toString('utf8')
          : opts.rawBody;
    const bodyText = rawBody ?? JSON.stringify(body === undefined ? {} : body);
    const payload: string | Buffer = opts.rawBody ?? bodyText;

    // The guard looks at the command actually addressed too, so a path override cannot turn a
    // read into an unguarded write.
    const pathCommand = operationByPath(path)?.operationId ?? path.split('?')[0]?.split('/').pop() ?? operationId;
    if (!opts.allowForeignGroup) {
      for (const op of new Set([operationId, pathCommand])) {
        if (isWriteOperation(op)) assertGroupWritable(op, body, rawBody, target.groupIdPrefix);
      }
    }

    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const [name, value] of Object.entries(opts.headers ?? {})) {
      delete headers[name.toLowerCase()];
      if (value !== null) headers[name.toLowerCase()] = value;
    }

    const plan = pacePlan(operationId, operation, app, rawBody === undefined ? body : undefined);
    if (breaker?.trip) return notSent(operationId, method, `${origin}${path}`, bodyText, breaker.trip);
    const retrySafe = opts.retry !== false && method === 'POST' && isRetrySafe(operation, body, rawBody);
    const requestPath = path.startsWith('/') ? path : `/${path}`;
    const started = performance.now();

    /** One attempt: a fresh usersig and random, a pacing slot, then attempt.ts. */
    async function attemptOnce(attempt: number): Promise<CallResult> {
      const usersig = opts.usersig ?? sigCache.get(app, identifier);
      registerUserSig(usersig);
      const query = buildQuery(
        {
          sdkappid: String(app.sdkappid),
          identifier,
          usersig,
          random: String(randomInt(0, 2 ** 32)),
          contenttype: 'json',
        },
        opts.query,
      );
      const pathAndQuery = `${requestPath}?${query}`;
      const url = `${origin}${pathAndQuery}`;
      assertNoSecretKey({ url, body: bodyText, headers });

      const ticket = await admit(plan, opts.pacing === false);
      let outcome: AttemptOutcome;
      try {
        outcome = await sendAttempt(
          transport,
          { origin, method, pathAndQuery, headers, payload },
          { deadlineMs: attemptDeadlineMs },
        );
      } finally {
        ticket.done();
      }
      const result: CallResult = {
        operationId,
        httpStatus: outcome.httpStatus,
        body: outcome.body,
        rawText: outcome.rawText,
        request: { method, url: redact(url), body: redact(bodyText) },
        curl: buildCurl({
          method,
          url,
          headers,
          body: bodyText,
          resolve: transport.curlResolve(origin),
          extraCa: target.caCert !== undefined,
        }),
        attempts: attempt,
        durationMs: 0,
      };
      if (outcome.answerProblem !== undefined) result.answerProblem = outcome.answerProblem;
      if (outcome.networkError !== undefined) result.networkError = outcome.networkError;
      if (outcome.networkErrorCode !== undefined) result.networkErrorCode = outcome.networkErrorCode;
      return result;
    }

    const { outcome: result } = await retrying(attemptOnce, {
      maxAttempts: retrySafe ? Math.max(1, policy.maxAttempts) : 1,
      policy,
      sleep,
      isRetryable: (r) => isRetryableOutcome(retryOutcomeOf(r)),
    });
    breaker?.record(result);
    result.durationMs = performance.now() - started;
    judgeFinalResult(result, operation);
    options.onResponse?.(result);
    return result;
  }

  /** After the last attempt: the error code, the schema verdict, and ownership of a created group. */
  function judgeFinalResult(result: CallResult, operation: OperationContract | undefined): void {
    if (typeof result.body?.ErrorCode === 'number') result.errorCode = result.body.ErrorCode;
    if (operation && result.networkError === undefined && options.validateResponses !== false) {
      result.schemaErrors =
        result.answerProblem !== undefined
          ? [{ path: '', message: result.answerProblem }]
          : result.body === undefined
            ? [{ path: '', message: `response is not JSON (HTTP ${result.httpStatus})` }]
            : validateResponse(operation.operationId, result.body).errors;
    }
    if (
      operation?.operationId === 'create_group' &&
      result.errorCode === 0 &&
      typeof result.body?.GroupId === 'string'
    ) {
      markGroupOwned(result.body.GroupId);
    }
  }

  return {
    target,
    call,
    async close() {
      closed = true;
      await transport.close();
    },
    async destroy() {
      closed = true;
      await transport.destroy();
    },
  };
}
