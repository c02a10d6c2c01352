/**
 * The REST client of the suites: createTimClient and the parts a check or a test may need
 * directly (pacer, redaction, write guard, retry rules).
 */
export { createTimClient, needsRunWidePacing, TimClientError } from './client.ts';
export type { CallOptions, CallResult, ClientOptions, QueryParam, TimClient } from './client.ts';
export { SlidingWindowPacer, sharedPacer, rateSlot, realClock, PACING_WINDOW_MS } from './pacer.ts';
export type { PaceSlot, PacerClock, PaceTicket } from './pacer.ts';
export { startPacingCoordinator, DEFAULT_TICKET_LEASE_MS } from './pacing-coordinator.ts';
export type { PacingCoordinator, PacingCoordinatorOptions } from './pacing-coordinator.ts';
export { RemotePacer, remotePacerFor } from './remote-slot.ts';
export type { RemotePacerOptions } from './remote-slot.ts';
export {
  redact,
  redactUrl,
  redactError,
  registerSecretKey,
  registerUserSig,
  assertNoSecretKey,
  SecretInRequestError,
  REDACTED,
} from './redact.ts';
export {
  GroupWriteRefusedError,
  markGroupOwned,
  isGroupOwned,
  isWriteOperation,
  assertGroupWritable,
  groupIdOfBody,
} from './write-guard.ts';
export { isRetrySafe, isRetryableOutcome, backoffDelayMs, DEFAULT_RETRY_POLICY } from './retry.ts';
export type { RetryPolicy, Outcome } from './retry.ts';
export { buildCurl } from './curl.ts';
export { defaultTimeoutMs, parseResolvedAddress } from './transport.ts';
