/**
 * Client-side pacing that keeps a run under the server's rates: 200 calls per second per app and
 * API, 5 attribute writes per second per group.
 *
 * Why a sliding-window log and not a token bucket: the server counts calls in a sliding
 * one-second window. A bucket of capacity N refilling at N/s lets N calls through at the end of
 * one second and, refilled, another N at the start of the next, so 2N calls can land inside one
 * window of the server and the run is refused for a rate it never meant to exceed. A log of the
 * admitted send times, checked against the same kind of window (slightly longer, to absorb
 * network jitter between our clock and the server's arrival times), cannot do that.
 *
 * A call is logged at the time its response arrives, and counts as inside every window while it
 * is in flight. The server's arrival time lies somewhere between our send and our receipt, so a
 * call sent one window after an earlier call's response reaches the server at least one window
 * after that call did, whatever the latency (a log of send times breaks when the first calls of
 * a run are slowed by connection set-up and the next ones are not).
 *
 * One pacer is shared by every client of the process (sharedPacer), because the server counts
 * per app and per group, not per client object.
 */

/** The server's one-second window plus a margin for differences between its clock and ours. */
export const PACING_WINDOW_MS = 1050;

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** At most `limit` admissions under `key` inside any window of `windowMs`. */
export interface PaceSlot {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * The slot for a rate of `perSecond` of which this process may use `share` (1/N with N parallel
 * workers). A share below one call per window widens the window instead, so 1/s split over
 * three workers becomes one call per 3.15 s each.
 */
export function rateSlot(key: string, perSecond: number, share = 1, windowMs = PACING_WINDOW_MS): PaceSlot {
  const budget = perSecond * share;
  if (budget >= 1) return { key, limit: Math.floor(budget), windowMs };
  return { key, limit: 1, windowMs: Math.ceil(windowMs / Math.max(budget, 1e-6)) };
}

/** A call admitted by the pacer; done() when its response (or failure) has arrived. */
export interface PaceTicket {
  done(): void;
}

interface Admission {
  /** When the response arrived; Infinity while the call is in flight. */
  at: number;
}

export class SlidingWindowPacer {
  readonly #clock: PacerClock;
  /** Admissions per key. */
  readonly #logs = new Map<string, Admission[]>();
  /** Wakes callers waiting for an in-flight call to finish. */
  #waiters = new Set<() => void>();

  constructor(opts: { clock?: PacerClock } = {}) {
    this.#clock = opts.clock ?? realClock;
  }

  #live(slot: PaceSlot, now: number): Admission[] {
    const log = (this.#logs.get(slot.key) ?? []).filter((a) => a.at > now - slot.windowMs);
    if (log.length === 0) this.#logs.delete(slot.key);
    else this.#logs.set(slot.key, log);
    return log;
  }

  /**
   * Milliseconds until every slot admits one more call: 0 = now, Infinity = only when an
   * in-flight call finishes.
   */
  waitTime(slots: readonly PaceSlot[]): number {
    const now = this.#clock.now();
    let wait = 0;
    for (const slot of slots) {
      const log = this.#live(slot, now);
      if (log.length < slot.limit) continue;
      // Enough entries must leave the window; an in-flight one never leaves by time alone.
      const finished = log
        .map((a) => a.at)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      const mustLeave = log.length - slot.limit + 1;
      const leaving = finished[mustLeave - 1];
      wait = Math.max(wait, leaving === undefined ? Number.POSITIVE_INFINITY : leaving + slot.windowMs - now);
    }
    return wait;
  }

  /**
   * Waits until every slot has room, then records the call in all of them at once. The check and
   * the record happen in one synchronous step, so concurrent callers can never overfill a window.
   */
  async acquire(slots: readonly PaceSlot[]): Promise<PaceTicket> {
    for (;;) {
      const wait = this.waitTime(slots);
      if (wait <= 0) return this.record(slots);
      let wake: () => void = () => {};
      const finished = new Promise<void>((resolve) => {
        wake = resolve;
        this.#waiters.add(resolve);
      });
      await (Number.isFinite(wait) ? Promise.race([this.#clock.sleep(wait), finished]) : finished);
      this.#waiters.delete(wake);
    }
  }

  /**
   * Records a call without waiting (explicit bypass for rate checks: it still counts toward the
   * calls that follow).
   */
  record(slots: readonly PaceSlot[]): PaceTicket {
    const admission: Admission = { at: Number.POSITIVE_INFINITY };
    for (const slot of slots) {
      const log = this.#logs.get(slot.key);
      if (log) log.push(admission);
      else this.#logs.set(slot.key, [admission]);
    }
    let finished = false;
    return {
      done: () => {
        if (finished) return;
        finished = true;
        admission.at = this.#clock.now();
        const waiters = this.#waiters;
        this.#waiters = new Set();
        for (const wake of waiters) wake();
      },
    };
  }

  /** Response times of the admissions still in the window of this key (Infinity = in flight). */
  admissions(key: string): number[] {
    return (this.#logs.get(key) ?? []).map((a) => a.at);
  }

  reset(): void {
    this.#logs.clear();
  }
}

export const sharedPacer = new SlidingWindowPacer();
