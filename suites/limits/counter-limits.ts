// Counter limits: the counter count, taken on the state after the write.
// Shared by counter-count-at-limit.check.ts, counter-count-after-write.check.ts.

export const counters = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ Key: `c${from + i}`, Value: i }));
