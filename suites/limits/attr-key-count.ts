// The key count is taken on the state after the write: a group at the limit takes updates of its
// keys but refuses one new key, even when the request alone is well under the limit.
// Shared by key-count-at-limit.check.ts, key-count-after-write.check.ts, key-count-past-limit.check.ts.
import { getLimit } from '../../test-utils/check/index.ts';

export const keyCount = getLimit('attr.keys.maxCount');
export const MAX_KEYS = keyCount.max;

export const attrs = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: 'v' }));
