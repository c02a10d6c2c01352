/**
 * One API request, from method and URL to the response body, in the behaviour profile's order:
 * method, path (service/command), sdkappid, identifier, usersig, admin, per-API rate, body
 * parse, then the operation's own checks. Synchronous from here on: Node runs one request's
 * pipeline at a time, so concurrent writes to one group can never interleave inside a write.
 */
import { pipelineStepsFor } from './deviations.ts';
import type { DeviationSet } from './deviations.ts';
import { handlerStepsFor } from './handler-step-deviations.ts';
import type { HandlerSteps } from './handlers/handler-types.ts';
import type { PipelineSteps } from './pipeline-steps.ts';
import type { OperationHandler, HandlerResult } from './handlers/context.ts';
import { ATTR_HANDLERS } from './handlers/attrs.ts';
import { COUNTER_HANDLERS } from './handlers/counters.ts';
import { GROUP_HANDLERS } from './handlers/groups.ts';
import { parseJsonInt64, stringifyJsonInt64 } from './json-int64.ts';
import { SlidingWindow } from './rate-window.ts';
import type { MockRules, OperationRules } from './rules.ts';
import type { MockState } from './state.ts';
import type { UserSigVerdict, UserSigVerifier } from './usersig-verify.ts';

/**
 * The operation handlers by operationId; an operation of the spec without one answers 60009. A
 * renamed copy of an operation (x-tim-copy-of, a benchmark's doubled spec) gets its original's.
 */
export const OPERATION_HANDLERS: Readonly<Record<string, OperationHandler>> = {
  ...ATTR_HANDLERS,
  ...COUNTER_HANDLERS,
  ...GROUP_HANDLERS,
};

/** The code an unexpected exception inside a handler answers (the API's "internal error, retry"). */
export const INTERNAL_ERROR_CODE = 10002;

export interface PipelineRuntime {
  rules: MockRules;
  state: MockState;
  verifier: UserSigVerifier;
  now: () => number;
  rateLimits: boolean;
  deviations: DeviationSet;
  /** The steps for `deviations`, composed once (by mockStepsFor when the mock is built, else on the first request). */
  steps?: MockSteps;
  /** Per (sdkappid, operation) call windows. */
  callWindows: Map<string, SlidingWindow>;
}

/** The replaceable steps of the request pipeline and of the operation handlers. */
export interface MockSteps {
  pipeline: PipelineSteps;
  handlers: HandlerSteps;
}

/** The steps of a mock with these deviations: the reference ones, each deviation's layers applied. */
export function mockStepsFor(deviations: DeviationSet): MockSteps {
  return { pipeline: pipelineStepsFor(deviations), handlers: handlerStepsFor(deviations) };
}

const DECIMAL_ID = /^\d{1,15}$/;

export function successBody(fields?: Record<string, unknown>, exact = false): string {
  const body = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, ...fields };
  return exact ? stringifyJsonInt64(body) : JSON.stringify(body);
}

export function failureBody(code: number, info: string): string {
  return JSON.stringify({ ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: code });
}

function usersigFailure(rules: MockRules, verdict: Exclude<UserSigVerdict, 'ok'>): string {
  const { codes } = rules;
  switch (verdict) {
    case 'missing':
      return failureBody(codes.usersigMissing, 'usersig is missing or empty');
    case 'malformed':
      return failureBody(codes.usersigMalformed, 'usersig could not be decoded');
    case 'bad-signature':
      return failureBody(
        codes.hmacMismatch,
        "usersig verification failed: signature does not match this SDKAppID's key",
      );
    case 'identifier-mismatch':
      return failureBody(codes.identifierMismatch, 'identifier does not match the usersig');
    case 'sdkappid-mismatch':
      return failureBody(codes.sdkappidMismatch, 'sdkappid does not match the usersig');
    case 'expired':
      return failureBody(codes.expired, 'usersig expired');
  }
}

function admitCall(
  rt: PipelineRuntime,
  steps: PipelineSteps,
  sdkappid: number,
  op: OperationRules,
  nowMs: number,
): boolean {
  const key = `${sdkappid}/${op.contract.operationId}`;
  let window = rt.callWindows.get(key);
  if (window === undefined) {
    window = new SlidingWindow(steps.apiCallLimit(op.callsPerSecond));
    rt.callWindows.set(key, window);
  }
  return window.tryAdmit(nowMs);
}

/**
 * The JSON response body for one request. `body` is null when it went over the size cap (it was
 * drained, not kept, so the connection stays usable).
 */
export function answerApiRequest(rt: PipelineRuntime, method: string, rawUrl: string, body: Buffer | null): string {
  const { codes } = rt.rules;
  if (method !== 'POST') return failureBody(codes.methodNotPost, 'only POST is supported');

  const queryStart = rawUrl.indexOf('?');
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const op = rt.rules.operationsByPath.get(path);
  const handler =
    op === undefined ? undefined : OPERATION_HANDLERS[op.contract['x-tim-copy-of'] ?? op.contract.operationId];
  if (op === undefined || handler === undefined) return failureBody(codes.unknownCommand, 'unknown service or command');

  const params = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1));
  const sdkappidText = params.get('sdkappid');
  if (sdkappidText === null || sdkappidText === '') return failureBody(codes.sdkappidMissing, 'sdkappid is missing');
  const sdkappid = DECIMAL_ID.test(sdkappidText) ? Number(sdkappidText) : NaN;
  const appState = rt.state.apps.get(sdkappid);
  if (appState === undefined) return failureBody(codes.sdkappidUnknown, 'sdkappid not found');
  const identifier = params.get('identifier');
  if (identifier === null || identifier === '') return failureBody(codes.identifierMissing, 'identifier is missing');

  rt.steps ??= mockStepsFor(rt.deviations);
  const steps = rt.steps.pipeline;
  if (!steps.acceptsRandomAndContenttype(params.get('random'), params.get('contenttype')))
    return failureBody(codes.invalidParameter, 'random or contenttype is invalid');
  const nowMs = rt.now();
  const verdict = rt.verifier.verify({
    usersig: steps.usersigAsDecoded(params.get('usersig')),
    identifier,
    sdkappid,
    secretKey: appState.app.secretKey,
    nowSeconds: Math.floor(nowMs / 1000),
  });
  const effective = steps.actOnVerdict(verdict);
  if (effective !== 'ok') return steps.finishBody(usersigFailure(rt.rules, effective));
  if (!steps.mayCallAdminApi(appState.admins.has(identifier)))
    return failureBody(codes.notAdmin, 'identifier must be an App admin');
  if (rt.rateLimits && !steps.admitsApiCall(() => admitCall(rt, steps, sdkappid, op, nowMs))) {
    return failureBody(codes.apiRate, `more than ${op.callsPerSecond} calls per second to this API`);
  }

  if (body === null) return failureBody(codes.bodyTooLarge, 'request body too large');
  const parsed = parseBodyObject(body);
  if (parsed === null) return failureBody(codes.bodyNotJson, 'request body is not a JSON object');

  let result: HandlerResult;
  try {
    result = handler({
      app: appState,
      op,
      rules: rt.rules,
      body: steps.requestBodyFor(op.contract.operationId, parsed),
      nowMs,
      rateLimits: rt.rateLimits,
      steps: rt.steps.handlers,
      allApps: [...rt.state.apps.values()],
    });
  } catch {
    // Handlers validate before they write, so an exception leaves the state untouched.
    return failureBody(INTERNAL_ERROR_CODE, 'internal error, retry');
  }
  if ('info' in result) return steps.finishBody(failureBody(result.code, result.info));
  return steps.finishBody(successBody(result.fields, result.exact === true));
}

function parseBodyObject(body: Buffer): Record<string, unknown> | null {
  if (body.length === 0) return null;
  let value: unknown;
  try {
    value = parseJsonInt64(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return value as Record<string, unknown>;
}
