// The values' total is taken on the state after the write: values adding up to the limit are
// accepted; one more byte in a further write is refused.
// Shared by total-bytes-at-limit.check.ts, total-bytes-after-write.check.ts.
import { getLimit } from '../../test-utils/check/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const perValue = getLimit('attr.value.maxBytes').max;

/** Values of at most perValue bytes adding up to exactly `bytes`. */
export function attrsTotalling(bytes: number): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (let left = bytes, i = 0; left > 0; i++) {
    const size = Math.min(perValue, left);
    out.push({ key: `k${i}`, value: textOfUtf8Bytes(size) });
    left -= size;
  }
  return out;
}
