/**
 * One attempt of a call: send the request on the transport, read the answer within its bounds
 * (answer.ts) and parse it. Nothing here signs, paces, retries or validates: the client
 * (client.ts) prepares the request, and retry.ts decides whether another attempt follows, as
 * undici's retry handler wraps its dispatcher.
 */
import { redact } from './redact.ts';
import { MAX_ANSWER_BYTES, parseAnswer, readAnswer, REFUSED_ANSWER_PREVIEW_BYTES } from './answer.ts';
import type { Transport } from './transport.ts';

export interface AttemptRequest {
  origin: string;
  method: string;
  pathAndQuery: string;
  headers: Record<string, string>;
  payload: string | Buffer;
}

export interface AttemptOutcome {
  /** 0 when no answer arrived (see networkError). */
  httpStatus: number;
  rawText: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an answer's JSON, read by checks through its schema
  body: any;
  /** Why the answer was refused (larger than the cap, nested too deep); absent when it was read. */
  answerProblem?: string;
  networkError?: string;
  networkErrorCode?: string;
}

export interface AttemptLimits {
  /** Bytes of answer read at most. */
  maxAnswerBytes?: number;
  /**
   * The whole attempt, connection to last byte. undici's header and body timeouts bound each
   * wait; this bounds their sum too, against a server that drips a byte before each timeout.
   */
  deadlineMs: number;
}

const UNDICI_TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** The code given to an attempt stopped by its deadline. */
export const ATTEMPT_DEADLINE_CODE = 'TIM_ATTEMPT_DEADLINE';

export function describeNetworkError(error: unknown): { message: string; code?: string } {
  const err = error as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  const message = redact(`${err.message ?? String(error)}${err.cause?.message ? ` (${err.cause.message})` : ''}`);
  return code === undefined ? { message } : { message, code };
}

export async function sendAttempt(
  transport: Transport,
  request: AttemptRequest,
  limits: AttemptLimits,
): Promise<AttemptOutcome> {
  const outcome: AttemptOutcome = { httpStatus: 0, rawText: '', body: undefined };
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.deadlineMs);
  timer.unref();
  try {
    const response = await transport.pool(request.origin).request({
      method: request.method,
      path: request.pathAndQuery,
      headers: request.headers,
      body: request.payload,
      signal: deadline.signal,
    });
    outcome.httpStatus = response.statusCode;
    const read = await readAnswer(response.body, response.headers, limits.maxAnswerBytes ?? MAX_ANSWER_BYTES);
    if (read.problem !== undefined) {
      outcome.rawText = read.rawText;
      outcome.answerProblem = read.problem;
      return outcome;
    }
    const parsed = parseAnswer(read.rawText);
    if (parsed.problem !== undefined) {
      outcome.rawText = read.rawText.slice(0, REFUSED_ANSWER_PREVIEW_BYTES);
      outcome.answerProblem = parsed.problem;
    } else {
      outcome.rawText = read.rawText;
      outcome.body = parsed.body;
    }
  } catch (error) {
    const described = describeNetworkError(error);
    // undici's own timeouts (headers, body, connect) name themselves; any other failure after the
    // deadline fired is the deadline's abort.
    if (deadline.signal.aborted && !UNDICI_TIMEOUT_CODES.has(described.code ?? '')) {
      outcome.networkError = `no complete answer within ${limits.deadlineMs} ms (the attempt's deadline)`;
      outcome.networkErrorCode = ATTEMPT_DEADLINE_CODE;
    } else {
      outcome.networkError = described.message;
      if (described.code !== undefined) outcome.networkErrorCode = described.code;
    }
  } finally {
    clearTimeout(timer);
  }
  return outcome;
}
