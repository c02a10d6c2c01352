/**
 * `tim-conformance/contract`: the contract as typed data: the OpenAPI spec and its operations
 * (paths, request/response schemas, documented codes, the behaviour profile), the limits, the
 * error-code catalogue, the regions, and validators for request and response bodies.
 *
 *   import { getLimit, getErrorCode, operations } from 'tim-conformance/contract';
 *   getLimit('attr.key.maxBytes').max; // UTF-8 bytes
 */
export {
  loadSpec,
  loadSpecFrom,
  operations,
  getOperation,
  operationByPath,
  regions,
  resolveRegion,
  profileCases,
  profileCase,
  operationCase,
  limits,
  getLimit,
  errorCodes,
  getErrorCode,
  validateRequest,
  validateResponse,
  validateEnvelope,
  validateAgainst,
  utf8Bytes,
  SPEC_PATH,
  DEFAULT_SPEC_PATH,
  SCHEMAS_DIR,
  SAMPLES_DIR,
  GROUP_TYPES,
} from '../contract/index.ts';
export type * from '../contract/types.ts';
export type * from '../contract/bodies.ts';
export type { ValidationError, ValidationResult } from '../contract/validate.ts';
