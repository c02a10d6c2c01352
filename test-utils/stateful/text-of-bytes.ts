/** Text of exactly `bytes` UTF-8 bytes made of `unit` (1–4 bytes) padded with ASCII. */
export function textOfBytes(bytes: number, unit: string): string {
  const unitBytes = Buffer.byteLength(unit, 'utf8');
  const count = Math.floor(bytes / unitBytes);
  return unit.repeat(count) + 'x'.repeat(bytes - count * unitBytes);
}
