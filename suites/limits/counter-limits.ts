// Counter limits: the counter count after the write and the counter key's UTF-8 bytes.
// Shared by counter-count-at-limit.check.ts, counter-count-after-write.check.ts, counter-key-at-byte-limit.check.ts, counter-key-past-byte-limit.check.ts.

export const counters = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ Key: `c${from + i}`, Value: i }));
