/**
 * When a call may be repeated. Two conditions, both required: the request is safe to apply
 * twice (x-tim-idempotency of its operation; update_group_counter with Mode Increase or Decrease
 * never is), and the outcome says the call did not get through or may succeed if repeated
 * (error codes marked `retryable` in schemas/error-codes.json, HTTP 502, a connection reset or
 * closed before any response). Rate refusals are not retried: pacing prevents them, and a rate
 * check wants to see them.
 */
import { getErrorCode } from '../contract/index.ts';
import type { OperationContract } from '../contract/types.ts';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2000 };

/** HTTP statuses the API documents as network errors worth repeating. */
const RETRYABLE_HTTP_STATUSES = new Set([502]);

/** Socket outcomes where the server sent nothing back: reset or closed before the response. */
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Whether sending this body to this operation twice has the effect of sending it once. */
export function isRetrySafe(operation: OperationContract | undefined, body: unknown, rawBody?: string): boolean {
  if (!operation) return false;
  const rule = operation['x-tim-idempotency'];
  if (rule.idempotent === true) return true;
  if (rule.idempotent === false) return false;
  let parsed = body;
  if (rawBody !== undefined) {
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      return false;
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return false;
  const { field, values } = rule.unsafeWhen;
  if (!(field in parsed)) return !values.includes(null);
  const value = (parsed as Record<string, unknown>)[field];
  // Anything but a string might be read by a lenient server as one of the unsafe values.
  if (typeof value !== 'string') return false;
  return !values.some((unsafe) => unsafe !== null && unsafe.toLowerCase() === value.toLowerCase());
}

export interface Outcome {
  httpStatus: number;
  body: unknown;
  networkErrorCode?: string;
}

/** Whether the outcome is one that a repeat of the same call may turn into a success. */
export function isRetryableOutcome(outcome: Outcome): boolean {
  if (outcome.networkErrorCode !== undefined) return RETRYABLE_NETWORK_CODES.has(outcome.networkErrorCode);
  if (RETRYABLE_HTTP_STATUSES.has(outcome.httpStatus)) return true;
  const code = (outcome.body as { ErrorCode?: unknown } | undefined)?.ErrorCode;
  return typeof code === 'number' && code !== 0 && getErrorCode(code)?.retryable === true;
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryLoopOptions<T> {
  /** Attempts in all; 1 = no retry (the request is not safe to repeat, or retry was turned off). */
  maxAttempts: number;
  policy: RetryPolicy;
  /** Whether this attempt's outcome may turn into a success if repeated. */
  isRetryable: (outcome: T) => boolean;
  sleep: (ms: number) => Promise<void>;
}

/**
 * The retry policy around one attempt (attempt.ts), as undici's RetryHandler wraps a dispatch:
 * attempts until one is not retryable or the attempts are used up, with backoff between them.
 */
export async function retrying<T>(
  attempt: (n: number) => Promise<T>,
  options: RetryLoopOptions<T>,
): Promise<{ outcome: T; attempts: number }> {
  for (let n = 1; ; n++) {
    const outcome = await attempt(n);
    if (n >= options.maxAttempts || !options.isRetryable(outcome)) return { outcome, attempts: n };
    await options.sleep(backoffDelayMs(n, options.policy));
  }
}
