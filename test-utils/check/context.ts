/**
 * What a check function receives: the target, the worker's client, a seeded faker, group
 * fixtures with cleanup already registered, and expectation helpers whose failures carry the
 * request (curl, usersig redacted), the response, what the document says and its URL.
 *
 * createCheckContext takes its collaborators as arguments (no vitest import), so the project
 * tests drive it with a fake client and a fake task.
 */
import type { Faker } from '@faker-js/faker';
import { getOperation } from '../contract/index.ts';
import type {
  AppCredentials,
  CheckFailure,
  CheckMeta,
  GroupType,
  ResolvedTarget,
  TimTaskMeta,
} from '../contract/types.ts';
import {
  createGroupFixture,
  destroyGroupFixture,
  GroupCreationError,
  type GroupFixture,
} from '../fixtures/create-group.ts';
import type { AppChoice, FixtureCallResult, FixtureClient } from '../fixtures/client-port.ts';
import type { CallOptions, CallResult } from '../client/index.ts';
import { ledgerFor } from '../fixtures/ledger.ts';
import {
  describeExpected,
  envelopeProblem,
  equalityProblem,
  formatSchemaErrors,
  normaliseExpected,
  outcomeProblem,
  responseForReport,
  type Envelope,
  type ExpectedOutcome,
  type ResponseLike,
} from './expectations.ts';
import { CheckFailedError, formatFailureMessage } from './failure.ts';
import { rerunCommand, rerunTargetOf, variablesNote } from './reproduction.ts';
import { recordKind, transportCause, type FailureKind } from './failure-kinds.ts';
import { operationOfResult, recordProvokedCode } from './provoked-codes.ts';

/** The client as a check sees it (test-utils/client behind the fixture port). */
export interface CheckClient extends FixtureClient {
  call(operationId: string, body: unknown, opts?: CallOptions): Promise<CallResult>;
  redact?(text: string): string;
}

/** The few things a check needs from its vitest task. */
export interface CheckTaskPort {
  /** task.meta, written in place (the runner's reporter reads it). */
  meta: TimTaskMeta;
  skip(note: string): never;
  onFinished(fn: () => Promise<void> | void): void;
}

/** The client's call options (app, usersig, query, path, rawBody, method, pacing, ...) plus: */
export interface CheckCallOptions extends CallOptions {
  /** Do not fail the check on schemaErrors (a check that inspects a malformed answer itself). */
  skipSchemaCheck?: boolean;
}

export interface CreateGroupRequest {
  /** Defaults to the check's group type, else Public. */
  type?: GroupType;
  name?: string;
  /** 'basic' = the app without the counters' edition (call requireBasicApp first). */
  app?: AppChoice;
  /** Further create_group fields. */
  body?: Record<string, unknown>;
  /**
   * When create_group fails: 'fail' the check, or report it 'not-run' (the target cannot
   * create this type). 'auto' (default): not-run for Community on a non-mock target (it needs a
   * console switch and an edition), fail otherwise, so a target that cannot create groups at
   * all never passes by skipping.
   */
  ifUnavailable?: 'auto' | 'fail' | 'not-run';
}

export interface CheckContext {
  /** '<operation>/<check>[/<groupType>]' */
  readonly id: string;
  readonly meta: CheckMeta;
  /** Set by checkEachGroupType (and by defineCheck when meta.groupType is given). */
  readonly groupType: GroupType | undefined;
  readonly target: ResolvedTarget;
  readonly client: CheckClient;
  /** Seeded from target.seed and the check id: the same data on every run with the same seed. */
  readonly faker: Faker;

  /** client.call plus the schema hook: a response that breaks its schema fails here, with the path. */
  call(operationId: string, body: unknown, opts?: CheckCallOptions): Promise<CallResult>;
  /** A fresh group with a run-scoped id; destroyed when the check ends, pass or fail. */
  createGroup(request?: CreateGroupRequest): Promise<GroupFixture>;
  /** Destroys a fixture group now (to check behaviour on a destroyed group); fails if it does not go. */
  destroyGroup(group: GroupFixture): Promise<void>;
  /** Registers cleanup to run when the check ends. */
  onCleanup(fn: () => Promise<void> | void): void;

  /** Reports the check as not run on this target, with the reason, and stops it. */
  notRun(reason: string): never;
  /** The app without the counters' edition, or notRun when the target has none. */
  requireBasicApp(): AppCredentials;

  /** HTTP 200, ActionStatus "OK"/"FAIL" consistent with an integer ErrorCode, string ErrorInfo. */
  expectEnvelope(result: ResponseLike): Envelope;
  /** ActionStatus OK and ErrorCode 0; returns the body. `expected` says what the document promises. */
  expectOk<T extends object = Record<string, unknown>>(result: ResponseLike, expected?: string): Envelope & T;
  /**
   * The ErrorCode is the expected one, or any of its `acceptable` set (documented-set).
   * Accepts a number, an ExpectedCode (a limit's `exceeded`, an edition's `missing`, a group
   * type's `rejectedWith`) or a behaviour-profile case. Code 0 means "accepted". Returns the code.
   */
  expectErrorCode(result: ResponseLike, expected: ExpectedOutcome, what?: string): number;
  /** A condition on the response's data; `expected` is what the document says. */
  expectThat(result: ResponseLike, condition: boolean, expected: string): void;
  /** Deep equality of a value read from the response with the documented one. */
  expectEqual(result: ResponseLike, actual: unknown, wanted: unknown, expected: string): void;
  /**
   * Fails the check with a recorded failure. Its kind (failure-kinds.ts) defaults to transport
   * when no valid HTTP answer came, else to wrong-state (a check's own judgement of the data).
   */
  fail(result: ResponseLike | undefined, problem: string, expected: string, kind?: FailureKind): never;
}

export interface CheckContextDeps {
  meta: CheckMeta;
  target: ResolvedTarget;
  client: CheckClient;
  faker: Faker;
  task: CheckTaskPort;
}

/** The check's working state that the defineCheck wrapper reads after a throw. */
export interface CheckContextInternals {
  lastResult(): FixtureCallResult | undefined;
  recordUnexpectedError(error: unknown): void;
}

/**
 * Results of calls signed as every call is (the main app's admin, a fresh usersig): their curl
 * line can take the usersig from $TIM_USERSIG (`tim-conformance usersig` prints one). A crafted
 * or foreign signature stays '<redacted>': a fresh one would not reproduce that failure.
 */
const signedAsUsual = new WeakSet<object>();

function isSignedAsUsual(opts: CallOptions): boolean {
  const app = opts.app ?? 'main';
  return (
    app === 'main' && opts.usersig === undefined && opts.identifier === undefined && opts.query?.usersig === undefined
  );
}

/** The curl line with the usersig read from the shell: '…&usersig='"$TIM_USERSIG"'&…'. */
export function curlWithUserSigVariable(curl: string): string {
  return curl.replace(/([?&]usersig=)<redacted>(?=[&'])/, `$1'"$TIM_USERSIG"'`);
}

/** The operation a result answered (the check context's map, else the client's own field). */
function operationOf(result: ResponseLike | undefined): string | undefined {
  if (!result) return undefined;
  return operationOfResult.get(result) ?? (result as { operationId?: string }).operationId;
}

function familyOf(operation: string | undefined): string | undefined {
  if (!operation) return undefined;
  try {
    return getOperation(operation).family;
  } catch {
    return operation;
  }
}

function firstSchemaPath(errors: readonly unknown[]): string {
  const first = errors[0] as { path?: unknown; instancePath?: unknown } | undefined;
  const path =
    typeof first?.path === 'string' ? first.path : typeof first?.instancePath === 'string' ? first.instancePath : '';
  // Array indexes vary between answers of one cause.
  return path === '' ? '(body)' : path.replace(/\/\d+(?=\/|$)/g, '/N');
}

/** A wrong code when the answer is an envelope; otherwise the envelope or transport is what failed. */
function codeKind(result: ResponseLike, acceptable: readonly number[]): FailureKind | undefined {
  if (envelopeProblem(result) !== null) return undefined;
  return { kind: 'wrong-code', expectedCodes: [...acceptable], answeredCode: (result.body as Envelope).ErrorCode };
}

/** The kind a helper chose, with the operation filled in; transport when no valid HTTP answer came. */
function kindOf(result: ResponseLike | undefined, chosen: FailureKind | undefined): FailureKind {
  const operation = operationOf(result);
  const where = {
    ...(operation ? { operation } : {}),
    ...(familyOf(operation) ? { family: familyOf(operation) } : {}),
  };
  const noAnswer =
    result && ((result.networkError !== undefined && result.networkError !== null) || result.httpStatus !== 200);
  if (result && noAnswer && chosen?.kind !== 'wrong-state') {
    const code = (result as { networkErrorCode?: string }).networkErrorCode;
    return { kind: 'transport', cause: transportCause(result.networkError, code, result.httpStatus), ...where };
  }
  if (!chosen && result && envelopeProblem(result) !== null)
    return { kind: 'wrong-shape', where: 'envelope', ...where };
  return { ...(chosen ?? { kind: 'wrong-state' }), ...where };
}

/** The request behind a result, redacted, when the result came from the client. */
function recordedRequest(result: ResponseLike | undefined, redact: (text: string) => string): CheckFailure['request'] {
  const request = (result as { request?: { method: string; url: string; body: string } } | undefined)?.request;
  const operation = operationOf(result);
  if (!request || !operation) return undefined;
  return { operation, method: request.method, url: redact(request.url), body: redact(request.body) };
}

export function createCheckContext(deps: CheckContextDeps): CheckContext & CheckContextInternals {
  const { meta, target, client, faker, task } = deps;
  const ledger = ledgerFor(target);
  let last: FixtureCallResult | undefined;

  // The client redacts usersig; this second pass also removes the secret keys themselves, so
  // nothing a check records can leak them even if a check echoes a credential by mistake.
  const secrets = [target.app.secretKey, target.basicApp?.secretKey].filter((s): s is string => !!s);
  const redact = (text: string): string => {
    let out = client.redact ? client.redact(text) : text;
    for (const secret of secrets) out = out.split(secret).join('<redacted>');
    return out.replace(/([?&]usersig=)[^&\s'"]+/g, '$1<redacted>');
  };

  const record = (failure: CheckFailure): void => {
    // The first failure is the one that explains the check; later ones are consequences.
    if (!task.meta.timFailure) task.meta.timFailure = failure;
  };

  const fail = (result: ResponseLike | undefined, problem: string, expected: string, kind?: FailureKind): never => {
    const failure: CheckFailure = {
      curl: result
        ? signedAsUsual.has(result)
          ? curlWithUserSigVariable(redact(result.curl))
          : redact(result.curl)
        : '',
      response: result ? responseForReport(result) : null,
      expected,
      docUrl: meta.docUrl,
      kind: recordKind(kindOf(result, kind)),
    };
    const request = recordedRequest(result, redact);
    if (request) failure.request = request;
    record(failure);
    const rerun = rerunCommand({ target: rerunTargetOf(target), seed: target.seed }, [meta.id]);
    const note = variablesNote(rerunTargetOf(target));
    // The message is redacted whole (a problem text may quote a URL); the curl line's
    // "$TIM_USERSIG" would not survive that pass, so it goes in afterwards.
    const plainCurl = result ? redact(result.curl) : '';
    const message = redact(
      formatFailureMessage(
        meta,
        { ...failure, curl: plainCurl },
        problem,
        target.seed,
        note ? `${rerun}  ${note}` : rerun,
      ),
    );
    throw new CheckFailedError(
      plainCurl === '' ? message : message.replace(`request:  ${plainCurl}`, () => `request:  ${failure.curl}`),
      failure,
      problem,
    );
  };

  const expectEnvelope = (result: ResponseLike): Envelope => {
    const problem = envelopeProblem(result);
    if (problem) {
      fail(
        result,
        problem,
        'HTTP 200 and a JSON envelope: ActionStatus "OK" or "FAIL", integer ErrorCode (0 = OK), string ErrorInfo',
        {
          kind: 'wrong-shape',
          where: 'envelope',
        },
      );
    }
    return result.body as Envelope;
  };

  const shouldSkipOnCreateFailure = (request: CreateGroupRequest, type: GroupType): boolean => {
    const policy = request.ifUnavailable ?? 'auto';
    if (policy === 'auto') return target.kind !== 'mock' && type === 'Community';
    return policy === 'not-run';
  };

  const context: CheckContext & CheckContextInternals = {
    id: meta.id,
    meta,
    groupType: meta.groupType,
    target,
    client,
    faker,

    async call(operationId, body, opts = {}) {
      const { skipSchemaCheck, ...clientOpts } = opts;
      const result = await client.call(operationId, body, clientOpts);
      last = result;
      if (typeof result === 'object' && result !== null && isSignedAsUsual(clientOpts)) signedAsUsual.add(result);
      if (typeof result === 'object' && result !== null) operationOfResult.set(result, operationId);
      if (!skipSchemaCheck && result.schemaErrors && result.schemaErrors.length > 0) {
        let schema = 'its response schema';
        try {
          schema = `schemas/${getOperation(operationId).responseSchema}`;
        } catch {
          // An operation outside the spec (a transport check's unknown command): the generic name will do.
        }
        fail(
          result,
          `the ${operationId} response does not match ${schema}: ${formatSchemaErrors(result.schemaErrors)}`,
          `a response valid against ${schema}`,
          {
            kind: 'wrong-shape',
            where: firstSchemaPath(result.schemaErrors),
          },
        );
      }
      return result;
    },

    async createGroup(request = {}) {
      const type = request.type ?? meta.groupType ?? 'Public';
      if (request.app === 'basic') context.requireBasicApp();
      try {
        const group = await createGroupFixture(client, {
          type,
          target,
          faker,
          name: request.name,
          app: request.app,
          body: request.body,
          ledger,
        });
        task.onFinished(async () => {
          await destroyGroupFixture(client, group, ledger);
        });
        return group;
      } catch (error) {
        if (!(error instanceof GroupCreationError)) throw error;
        last = error.result;
        const envelope = envelopeProblem(error.result) === null;
        if (envelope && shouldSkipOnCreateFailure(request, type)) {
          context.notRun(
            `the target could not create a ${type} group (${error.message.replace(/^create_group of a \w+ group failed: /, '')})`,
          );
        }
        return fail(error.result, error.message, `create_group creates a ${type} group (a fixture this check needs)`);
      }
    },

    async destroyGroup(group) {
      const { gone, result } = await destroyGroupFixture(client, group, ledger);
      last = result;
      if (!gone)
        fail(
          result,
          `destroy_group of fixture ${group.groupId} did not succeed`,
          'destroy_group answers OK for a group the run created',
        );
    },

    onCleanup(fn) {
      task.onFinished(fn);
    },

    notRun(reason) {
      task.meta.timNotRun = reason;
      return task.skip(reason);
    },

    requireBasicApp() {
      if (!target.basicApp) {
        return context.notRun(
          'the target has no basic app (an app without the counters edition): set TIM_BASIC_SDKAPPID and TIM_BASIC_SECRET_KEY',
        );
      }
      return target.basicApp;
    },

    expectEnvelope,

    expectOk<T extends object = Record<string, unknown>>(result: ResponseLike, expected?: string): Envelope & T {
      const wanted = normaliseExpected(0);
      const problem = outcomeProblem(result, wanted);
      if (problem)
        fail(
          result,
          problem,
          expected ? `${expected} (ActionStatus OK, ErrorCode 0)` : describeExpected(wanted),
          codeKind(result, wanted.acceptable),
        );
      return result.body as Envelope & T;
    },

    expectErrorCode(result, expected, what) {
      const wanted = normaliseExpected(expected);
      const description = what ? `${what}: ${describeExpected(wanted)}` : describeExpected(wanted);
      const problem = outcomeProblem(result, wanted);
      recordProvokedCode(task.meta, result, wanted.acceptable, result.body);
      if (problem)
        fail(
          result,
          problem,
          wanted.note ? `${description}. ${wanted.note}` : description,
          codeKind(result, wanted.acceptable),
        );
      return (result.body as Envelope).ErrorCode;
    },

    expectThat(result, condition, expected) {
      if (!condition) fail(result, `not as documented: ${expected}`, expected);
    },

    expectEqual(result, actual, wanted, expected) {
      const problem = equalityProblem(actual, wanted);
      if (problem) fail(result, problem, expected);
    },

    fail,

    lastResult: () => last,

    recordUnexpectedError(error) {
      if (task.meta.timFailure || task.meta.timNotRun) return;
      const message = error instanceof Error ? error.message : String(error);
      record({
        curl: last ? redact(last.curl) : '',
        response: last ? responseForReport(last) : null,
        expected: redact(`the check completes without error (it threw: ${message})`),
        docUrl: meta.docUrl,
        kind: recordKind({ kind: 'check-error', message: redact(message) }),
      });
    },
  };
  return context;
}
