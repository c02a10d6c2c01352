// Arrival-time arithmetic shared by the pacing tests.
/** The most arrivals inside any window of `windowMs` (half-open, like the server's). */
export function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let n = 0;
    for (let j = i; j < sorted.length && (sorted[j] as number) < (sorted[i] as number) + windowMs; j += 1) n += 1;
    most = Math.max(most, n);
  }
  return most;
}
