/** Expectations per target: known deviations by check id, with the reason each is accepted. */
export { applyExpectations, isExpectable } from './apply.ts';
export { EXPECTATIONS_SCHEMA_PATH, ExpectationsError, parseExpectations, readExpectations } from './load.ts';
export type { ExpectationEntry, ExpectationsFile } from './load.ts';
export { PLACEHOLDER_REASON, updateExpectations, writeExpectations } from './update.ts';
export type { ExpectationsUpdate } from './update.ts';
