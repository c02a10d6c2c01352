/**
 * Typed access to the contract data (specs/ and schemas/). Synchronous and cached: the mock,
 * the client and the suites call these freely.
 */
export {
  loadSpec,
  loadSpecFrom,
  operations,
  getOperation,
  originalOperationId,
  operationByPath,
  regions,
  resolveRegion,
  profileCases,
  profileCase,
  operationCase,
  OPERATION_EXTENSION_KEYS,
} from './spec.ts';
export { limits, getLimit, errorCodes, getErrorCode } from './data.ts';
export type { LimitOf } from './data.ts';
export { resolveBehaviour, behaviourRefs } from './behaviour.ts';
export type { BehaviourRow, BehaviourKind } from './behaviour.ts';
export {
  validateRequest,
  validateResponse,
  validateEnvelope,
  validateAgainst,
  assertValidResponse,
  assertValidRequest,
  schemaValidator,
  schemaFiles,
  ajv,
} from './validate.ts';
export type { ValidationError, ValidationResult } from './validate.ts';
export { utf8Bytes } from './bytes.ts';
export {
  REPO_ROOT,
  CODE_ROOT,
  CODE_EXT,
  SPEC_PATH,
  DEFAULT_SPEC_PATH,
  specPathFrom,
  SCHEMAS_DIR,
  SAMPLES_DIR,
  SCHEMA_ID_BASE,
} from './paths.ts';
export type * from './types.ts';
export { GROUP_TYPES, TARGET_PROVIDE_KEY } from './types.ts';
export type * from './bodies.ts';
