/**
 * The data files of schemas/: limits.json and error-codes.json, read once.
 */
import { readFileSync } from 'node:fs';
import type { ErrorCodeEntry, ErrorCodesFile, ExpectedCode, Limit, LimitId, LimitsFile } from './types.ts';
import { ERROR_CODES_PATH, LIMITS_PATH } from './paths.ts';

let limitsCache: Limit[] | undefined;
let codesCache: ErrorCodeEntry[] | undefined;

/** Every limit of schemas/limits.json. */
export function limits(): Limit[] {
  limitsCache ??= (JSON.parse(readFileSync(LIMITS_PATH, 'utf8')) as LimitsFile).limits;
  return limitsCache;
}

/** The limit whose bounds are signed 64-bit decimal strings instead of `max`. */
type Int64LimitId = 'counter.value.int64';
/** The limits without an answer of their own when exceeded. */
type UnansweredLimitId = 'server.timeout.seconds';

/**
 * A limit with what its id guarantees: `max` for every limit but the int64 range, `exceeded` for
 * every limit that has an answer, so a caller needs no non-null assertion. getLimit checks the
 * data against it.
 */
export type LimitOf<Id extends LimitId> = Limit &
  (Id extends Int64LimitId ? { min64: string; max64: string } : { max: number }) &
  (Id extends UnansweredLimitId ? unknown : { exceeded: ExpectedCode });

/** One limit by id; throws naming the known ids when there is none, or when it lacks what its type promises. */
export function getLimit<Id extends LimitId>(id: Id): LimitOf<Id> {
  const found = limits().find((l) => l.id === id);
  if (!found)
    throw new Error(
      `unknown limit '${id}'; limits.json has: ${limits()
        .map((l) => l.id)
        .join(', ')}`,
    );
  const int64 = id === ('counter.value.int64' satisfies Int64LimitId);
  if (int64 ? found.min64 === undefined || found.max64 === undefined : found.max === undefined) {
    throw new Error(`limit '${id}' in limits.json has no ${int64 ? 'min64/max64' : 'max'}`);
  }
  if (id !== ('server.timeout.seconds' satisfies UnansweredLimitId) && found.exceeded === undefined) {
    throw new Error(`limit '${id}' in limits.json has no 'exceeded' answer`);
  }
  return found as LimitOf<Id>;
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
