// Text of an exact UTF-8 byte length made mostly of three-byte characters, so a server that
// measures UTF-16 units (String.length) instead of bytes sees a third of the size.
import { utf8Bytes } from '../../test-utils/check/index.ts';

const THREE_BYTE_CHAR = '语';

/** `prefix` followed by three-byte characters, padded with ASCII to exactly `bytes` UTF-8 bytes. */
export function textOfUtf8Bytes(bytes: number, prefix = ''): string {
  const room = bytes - utf8Bytes(prefix);
  if (room < 0) throw new Error(`prefix ${JSON.stringify(prefix)} is already longer than ${bytes} bytes`);
  const text = prefix + THREE_BYTE_CHAR.repeat(Math.floor(room / 3)) + 'a'.repeat(room % 3);
  if (utf8Bytes(text) !== bytes) throw new Error(`built ${utf8Bytes(text)} bytes, wanted ${bytes}`);
  return text;
}
