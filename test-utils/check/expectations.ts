/**
 * Pure judgements on one response: each returns the problem in words, or null when the
 * response meets the expectation. The check context turns a problem into a recorded failure;
 * keeping these pure lets the project test them without vitest or a server.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ExpectedCode, ProfileCase } from '../contract/types.ts';

/** The part of a client CallResult the judgements read (the client's CallResult satisfies it). */
export interface ResponseLike {
  httpStatus: number;
  body: unknown;
  rawText?: string;
  /** A curl line reproducing the request, usersig already redacted by the client. */
  curl: string;
  networkError?: unknown;
  /** The client refused the answer unread or unparsed (over its size cap, nested too deep). */
  answerProblem?: string;
  schemaErrors?: readonly unknown[];
}

export interface Envelope {
  ActionStatus: 'OK' | 'FAIL';
  ErrorCode: number;
  ErrorInfo: string;
  [field: string]: unknown;
}

/** What a check may pass where an expected outcome is wanted. */
export type ExpectedOutcome = number | ExpectedCode | ProfileCase;

/** An ExpectedCode with `acceptable` always filled in. */
export interface NormalisedExpectation extends ExpectedCode {
  acceptable: number[];
}

export function normaliseExpected(expected: ExpectedOutcome): NormalisedExpectation {
  if (typeof expected === 'number') {
    return { code: expected, acceptable: [expected], status: 'documented', docUrls: [] };
  }
  const code: ExpectedCode = 'expected' in expected ? expected.expected : expected;
  const acceptable = code.acceptable && code.acceptable.length > 0 ? [...code.acceptable] : [code.code];
  if (!acceptable.includes(code.code)) acceptable.unshift(code.code);
  return { ...code, acceptable };
}

/** "ErrorCode 10010 (documented-set: any of 10010, 10015)" or "ActionStatus OK, ErrorCode 0". */
export function describeExpected(expected: NormalisedExpectation): string {
  const name = (code: number) => (code === 0 ? 'ActionStatus OK, ErrorCode 0' : `ErrorCode ${code}`);
  if (expected.acceptable.length > 1) {
    return `${name(expected.code)} (${expected.status}: any of ${expected.acceptable.join(', ')})`;
  }
  return `${name(expected.code)} (${expected.status})`;
}

function networkErrorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/** The documented envelope: HTTP 200, a JSON object with exact ActionStatus, integer ErrorCode, string ErrorInfo. */
export function envelopeProblem(result: ResponseLike): string | null {
  if (result.networkError !== undefined && result.networkError !== null) {
    return `no HTTP response: ${networkErrorText(result.networkError)}`;
  }
  if (result.answerProblem !== undefined) return result.answerProblem;
  if (result.httpStatus !== 200)
    return `HTTP status ${result.httpStatus}, the document says every API-level result is HTTP 200`;
  const body = result.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the body is not a JSON object';
  }
  const envelope = body as Record<string, unknown>;
  const problems: string[] = [];
  if (envelope.ActionStatus !== 'OK' && envelope.ActionStatus !== 'FAIL') {
    problems.push(`ActionStatus is ${JSON.stringify(envelope.ActionStatus)}, not "OK" or "FAIL"`);
  }
  if (typeof envelope.ErrorCode !== 'number' || !Number.isInteger(envelope.ErrorCode)) {
    problems.push(`ErrorCode is ${JSON.stringify(envelope.ErrorCode)}, not an integer`);
  }
  if (typeof envelope.ErrorInfo !== 'string') {
    problems.push(`ErrorInfo is ${JSON.stringify(envelope.ErrorInfo)}, not a string`);
  }
  if (problems.length === 0) {
    const ok = envelope.ActionStatus === 'OK';
    if (ok !== (envelope.ErrorCode === 0)) {
      problems.push(
        `ActionStatus ${String(envelope.ActionStatus)} does not agree with ErrorCode ${String(envelope.ErrorCode)}`,
      );
    }
  }
  return problems.length > 0 ? problems.join('; ') : null;
}

/** The outcome is one of the acceptable codes (0 = OK) with an envelope that agrees with it. */
export function outcomeProblem(result: ResponseLike, expected: NormalisedExpectation): string | null {
  const envelope = envelopeProblem(result);
  if (envelope) return envelope;
  const body = result.body as Envelope;
  if (expected.acceptable.includes(body.ErrorCode)) return null;
  const info = body.ErrorInfo ? ` ("${body.ErrorInfo}")` : '';
  return `ErrorCode was ${body.ErrorCode}${info}, expected ${expected.acceptable.length > 1 ? `one of ${expected.acceptable.join(', ')}` : expected.code}`;
}

/** Schema errors as the client reports them, one line each with the property path. */
export function formatSchemaErrors(errors: readonly unknown[]): string {
  return errors
    .map((error) => {
      if (typeof error === 'string') return error;
      if (typeof error === 'object' && error !== null) {
        const e = error as { path?: unknown; instancePath?: unknown; message?: unknown };
        const path = typeof e.path === 'string' ? e.path : typeof e.instancePath === 'string' ? e.instancePath : '';
        return `${path === '' ? '(body)' : path}: ${String(e.message ?? JSON.stringify(error))}`;
      }
      return String(error);
    })
    .join('; ');
}

/** Deep equality with the JSON of both sides in the problem text. */
export function equalityProblem(actual: unknown, wanted: unknown): string | null {
  if (isDeepStrictEqual(actual, wanted)) return null;
  return `got ${JSON.stringify(actual)}, wanted ${JSON.stringify(wanted)}`;
}

/** What the report shows as "response": the parsed body, or the raw text / network outcome. */
export function responseForReport(result: ResponseLike): unknown {
  if (result.networkError !== undefined && result.networkError !== null) {
    return { networkError: networkErrorText(result.networkError) };
  }
  if (result.answerProblem !== undefined)
    return { httpStatus: result.httpStatus, answerProblem: result.answerProblem, rawText: result.rawText ?? '' };
  if (result.body !== undefined)
    return result.httpStatus === 200 ? result.body : { httpStatus: result.httpStatus, body: result.body };
  return { httpStatus: result.httpStatus, rawText: result.rawText ?? '' };
}
