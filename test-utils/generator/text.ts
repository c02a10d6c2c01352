/**
 * Text of an exact UTF-8 byte length: all ASCII, or as many three-byte characters as fit, padded
 * with ASCII, so a server that counts characters or UTF-16 units instead of bytes is caught.
 */
import type { TextVariant } from './cases.ts';

const MULTI_BYTE_CHAR = '界'; // 3 bytes in UTF-8, 1 UTF-16 unit
const MULTI_BYTE_LENGTH = 3;

/** `bytes` UTF-8 bytes; `seed` varies the ASCII so several texts in one request differ. */
export function textOfBytes(bytes: number, variant: TextVariant, seed = ''): string {
  const ascii = (n: number): string =>
    (seed + 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil((n + 1) / 26))).slice(0, n);
  if (variant === 'ascii') return ascii(bytes);
  const wide = Math.floor(Math.max(0, bytes - seed.length) / MULTI_BYTE_LENGTH);
  return ascii(bytes - wide * MULTI_BYTE_LENGTH) + MULTI_BYTE_CHAR.repeat(wide);
}
