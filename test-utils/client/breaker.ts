/**
 * The transport breaker: a target that stops answering mid-run would otherwise fail every
 * remaining check, each after its full timeout. Each suite worker counts the calls in a row
 * that got no answer at all (refused, reset, timed out; an answer of any status resets the
 * count); at DEFAULT_BREAKER_THRESHOLD it trips: the worker tells the runner (POST /breaker on
 * the run's coordinator, pacing-coordinator.ts), which stops the run with one line and exit 2,
 * and the worker's later calls are not sent. The count is per worker because a worker's calls
 * are sequential, so "in a row" means what it says; calls of other workers interleave with
 * them, and a healthy worker costs no round trip to the coordinator.
 */
import { request } from 'node:http';

/** Calls in a row without an answer before the run stops (5 x the 5 s timeout at worst). */
export const DEFAULT_BREAKER_THRESHOLD = 5;

/** The networkErrorCode of a call the breaker did not send. */
export const BREAKER_OPEN_CODE = 'TIM_BREAKER_OPEN';

export interface BreakerTrip {
  /** Calls in a row without an answer. */
  streak: number;
  /** The last one's transport error (redacted). */
  lastError: string;
}

export interface BreakerOptions {
  threshold?: number;
  onTrip?: (trip: BreakerTrip) => void;
}

export class TransportBreaker {
  readonly threshold: number;
  #streak = 0;
  #trip: BreakerTrip | undefined;
  readonly #onTrip: ((trip: BreakerTrip) => void) | undefined;

  constructor(options: BreakerOptions = {}) {
    this.threshold = options.threshold ?? DEFAULT_BREAKER_THRESHOLD;
    this.#onTrip = options.onTrip;
  }

  /** The trip, once the breaker has tripped; later calls should not be sent. */
  get trip(): BreakerTrip | undefined {
    return this.#trip;
  }

  /** One call's final outcome: no answer (networkError) or an answer of any kind. */
  record(result: { networkError?: string; networkErrorCode?: string }): void {
    if (result.networkErrorCode === BREAKER_OPEN_CODE) return;
    if (result.networkError === undefined) {
      this.#streak = 0;
      return;
    }
    this.#streak += 1;
    if (this.#trip === undefined && this.#streak >= this.threshold) {
      this.#trip = { streak: this.#streak, lastError: result.networkError };
      this.#onTrip?.(this.#trip);
    }
  }
}

/** One line for the user: what happened and what to do. */
export function describeTrip(trip: BreakerTrip): string {
  return (
    `the target stopped answering: ${trip.streak} calls in a row got no answer (last: ${trip.lastError}); ` +
    'the run stopped. Check that the server is up and reachable, then rerun; `tim-conformance janitor` removes what this run left'
  );
}

/** Tells the runner's coordinator that this worker's breaker tripped (best effort, never throws). */
export function reportTripTo(coordinatorUrl: string, trip: BreakerTrip): void {
  try {
    const req = request(`${coordinatorUrl}/breaker`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    req.on('error', () => {});
    req.end(JSON.stringify(trip));
  } catch {
    // No coordinator (a run outside the runner): the worker's own calls still stop.
  }
}
