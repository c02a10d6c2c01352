/** The loader's data functions plus the data file paths, for the x-tim data tests. */
import { ERROR_CODES_PATH, LIMITS_PATH } from '../../test-utils/contract/paths.ts';

export {
  errorCodes,
  getErrorCode,
  limits,
  OPERATION_EXTENSION_KEYS,
  operations,
  profileCases,
  regions,
  validateAgainst,
} from '../../test-utils/contract/index.ts';

export const LIMITS_PATH_FOR_TESTS = { limits: LIMITS_PATH, codes: ERROR_CODES_PATH };
