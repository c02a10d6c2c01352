/**
 * Typed access to the contract data (specs/ and schemas/). Synchronous and cached: the mock,
 * the client and the suites call these freely. This internal barrel passes each module on whole;
 * the public subset is chosen in test-utils/exports/contract.ts.
 */
export * from './spec.ts';
export * from './data.ts';
export * from './behaviour.ts';
export * from './validate.ts';
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
