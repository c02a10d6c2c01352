/**
 * The two documented rates as pure functions of a clock: at most `max` admitted events in any
 * sliding window of one second (per group for attribute writes, per app and API for calls).
 * A window is the list of the admitted events' times; admitting returns the next list.
 */
export const RATE_WINDOW_MS = 1000;

export function admitEvent(
  window: readonly number[],
  max: number,
  nowMs: number,
): { admitted: boolean; window: readonly number[] } {
  const recent = window.filter((t) => nowMs - t < RATE_WINDOW_MS);
  if (recent.length >= max) return { admitted: false, window: recent };
  return { admitted: true, window: [...recent, nowMs] };
}
