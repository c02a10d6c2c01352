/**
 * A sliding one-second window: at most `max` admitted events in any window of `windowMs`.
 * It keeps the times of the last `max` admitted events in a ring; a new event is admitted when
 * the ring is not full or its oldest entry has left the window. O(1) per event, no timers.
 * A token bucket would allow bursts a sliding window forbids, which is why the API's limits
 * (5 writes per group, 200 calls per API) are modelled this way.
 */
export class SlidingWindow {
  readonly #times: Float64Array;
  readonly #windowMs: number;
  #next = 0;
  #count = 0;

  constructor(max: number, windowMs = 1000) {
    this.#times = new Float64Array(Math.max(0, max));
    this.#windowMs = windowMs;
  }

  /** Records the event and returns true when it fits; returns false (and records nothing) otherwise. */
  tryAdmit(nowMs: number): boolean {
    const capacity = this.#times.length;
    if (capacity === 0) return false;
    if (this.#count === capacity) {
      // #next is also the oldest slot once the ring is full.
      if (nowMs - this.#times[this.#next]! < this.#windowMs) return false;
    } else {
      this.#count++;
    }
    this.#times[this.#next] = nowMs;
    this.#next = (this.#next + 1) % capacity;
    return true;
  }
}

/** One window per key (per app and API, or per group), created on first use. */
export class SlidingWindows {
  readonly #windows = new Map<string, SlidingWindow>();
  readonly #max: number;
  readonly #windowMs: number;

  constructor(max: number, windowMs = 1000) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  tryAdmit(key: string, nowMs: number): boolean {
    let window = this.#windows.get(key);
    if (window === undefined) {
      window = new SlidingWindow(this.#max, this.#windowMs);
      this.#windows.set(key, window);
    }
    return window.tryAdmit(nowMs);
  }

  forget(key: string): void {
    this.#windows.delete(key);
  }
}
