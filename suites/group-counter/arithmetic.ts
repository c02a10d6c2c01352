// update_group_counter arithmetic: Set writes, Increase/Decrease add/subtract, a missing key
// starts at 0, and the answer carries the resulting values.
// Shared by missing-key-starts-at-zero.check.ts, set-increase-decrease.check.ts, mode-omitted.check.ts.

export type CounterBody = { GroupCounter?: Array<{ Key: string; Value: number }> };

export const valueOf = (body: CounterBody, key: string) => body.GroupCounter?.find((c) => c.Key === key)?.Value;
