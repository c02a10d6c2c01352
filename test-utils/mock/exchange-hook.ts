/**
 * A generic hook into the mock's request handling, for tools built on top of it (recording an
 * SDK's traffic, scripted answers): it sees every request once its body is read, may replace
 * the answer, and hears how the exchange ended. The mock knows nothing about what the hook is
 * for; without a hook nothing changes.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface MockIncomingRequest {
  method: string;
  /** Path with the query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body bytes; null when it went over the mock's size cap (then it was drained, not kept). */
  body: Buffer | null;
  /** When the body was read, milliseconds since the epoch (the mock's clock). */
  receivedAtMs: number;
  protocol: 'http' | 'https';
}

/**
 * How to answer instead of the reference behaviour. `answer` replaces the answer without
 * applying the request; `drop` closes the connection without an answer, before or after the
 * request took effect; `delayMs` holds the answer (the request is applied first).
 */
export interface MockAnswerOverride {
  answer?: { status: number; body: string; contentType?: string };
  drop?: 'before-apply' | 'after-apply';
  delayMs?: number;
  /** Carried back to `observe` so the hook can tell which of its rules acted. */
  tag?: string;
}

export interface MockExchangeOutcome {
  /** Absent when the connection was dropped. */
  response?: { status: number; body: string };
  dropped?: 'before-apply' | 'after-apply';
  override?: MockAnswerOverride;
}

export interface MockExchangeHook {
  /** Called once per request, synchronously, before it is applied. */
  override?(request: MockIncomingRequest): MockAnswerOverride | undefined;
  /** Called once per request when its answer was handed to the socket (or the socket dropped). */
  observe?(request: MockIncomingRequest, outcome: MockExchangeOutcome): void;
}
