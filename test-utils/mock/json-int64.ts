/**
 * JSON with exact signed 64-bit integers. Counter values span the whole int64 range, but
 * JSON.parse turns 9223372036854775807 into 9223372036854775808 and Node 20 has no reviver
 * access to the source text. So, when the raw text holds a run of 16 or more digits (2^53 has
 * 16), integer tokens outside the safe range are swapped for a per-process sentinel string
 * before JSON.parse and revived as BigInt. Bodies without such a run take the plain fast path.
 *
 * Output goes the other way: BigInt values are written as exact JSON numbers.
 */
import { randomBytes } from 'node:crypto';

const LONG_DIGIT_RUN = /\d{16}/;
const SENTINEL = `\u0000i64:${randomBytes(8).toString('hex')}:`;

/** Parses JSON; integers beyond ±(2^53 - 1) come back as BigInt. Throws SyntaxError like JSON.parse. */
export function parseJsonInt64(text: string): unknown {
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  const rewritten = quoteUnsafeIntegers(text);
  if (rewritten === text) return JSON.parse(text);
  return JSON.parse(rewritten, reviveSentinel);
}

function reviveSentinel(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(SENTINEL)) return BigInt(value.slice(SENTINEL.length));
  return value;
}

/**
 * Walks the text once, skipping string literals, and quotes each integer token (no fraction, no
 * exponent) that is not a safe integer. Malformed text is left for JSON.parse to reject.
 */
function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      const token = text.slice(start, i);
      if (/^-?(0|[1-9]\d*)$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += text.slice(copiedUpTo, start) + JSON.stringify(SENTINEL + token);
        copiedUpTo = i;
      }
      continue;
    }
    i++;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/** The integer a JSON value denotes, exactly, or null when it is not an integer. */
export function toInt64Candidate(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return null;
}

/** JSON.stringify that writes BigInt values as exact JSON numbers. */
export function stringifyJsonInt64(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stringifyJsonInt64).join(',')}]`;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${stringifyJsonInt64(item)}`);
  }
  return `{${parts.join(',')}}`;
}
