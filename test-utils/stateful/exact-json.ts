/**
 * JSON with exact integers: counter values span the whole signed 64-bit range, which a
 * JavaScript number cannot hold past 2^53. lossless-json parses every integer as a bigint and
 * writes bigints as plain JSON numbers; other numbers stay numbers.
 */
import { isInteger, parse, stringify } from 'lossless-json';

export function parseExact(text: string): unknown {
  return parse(text, null, (value: string) => (isInteger(value) ? BigInt(value) : Number(value)));
}

export function stringifyExact(value: unknown, space?: number): string {
  const text = stringify(value, undefined, space);
  if (text === undefined) throw new Error('stringifyExact: value has no JSON form');
  return text;
}

/** A bigint as a number when it is a safe integer (for messages and schema-shaped bodies). */
export function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? Number(value) : value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}
