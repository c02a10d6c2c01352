/**
 * The data files of schemas/: limits.json and error-codes.json, read once.
 */
import { readFileSync } from 'node:fs';
import type { ErrorCodeEntry, ErrorCodesFile, Limit, LimitId, LimitsFile } from './types.ts';
import { ERROR_CODES_PATH, LIMITS_PATH } from './paths.ts';

let limitsCache: Limit[] | undefined;
let codesCache: ErrorCodeEntry[] | undefined;

/** Every limit of schemas/limits.json. */
export function limits(): Limit[] {
  limitsCache ??= (JSON.parse(readFileSync(LIMITS_PATH, 'utf8')) as LimitsFile).limits;
  return limitsCache;
}

/** One limit by id; throws naming the known ids when there is none. */
export function getLimit(id: LimitId): Limit {
  const found = limits().find((l) => l.id === id);
  if (!found) throw new Error(`unknown limit '${id}'; limits.json has: ${limits().map((l) => l.id).join(', ')}`);
  return found;
}

/** The error-code catalogue of schemas/error-codes.json. */
export function errorCodes(): ErrorCodeEntry[] {
  codesCache ??= (JSON.parse(readFileSync(ERROR_CODES_PATH, 'utf8')) as ErrorCodesFile).codes;
  return codesCache;
}

/** One catalogue entry, or undefined for a code the catalogue does not know. */
export function getErrorCode(code: number): ErrorCodeEntry | undefined {
  return errorCodes().find((c) => c.code === code);
}
