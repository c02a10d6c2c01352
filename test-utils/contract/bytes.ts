/**
 * Tencent's limits count UTF-8 bytes (a CJK character is 3 bytes), while JavaScript string
 * lengths and JSON Schema's maxLength count UTF-16 units or code points. A lone surrogate
 * counts as U+FFFD (3 bytes), which is what it becomes on the wire.
 */
import { Buffer } from 'node:buffer';

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
