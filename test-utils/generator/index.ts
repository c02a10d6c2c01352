/** Case descriptors derived from specs/ and schemas/ (issue 6); suites/generated/ runs them. */
export { generateSuite, caseId, slugOf, isFixtureOperation } from './cases.ts';
export type { GeneratedCase, GroupIdCase, GroupTypeCase, MissingFieldCase, WrongTypeCase, LimitCase, UncoveredLimit, GenerateOptions, GeneratedSuite, TextVariant } from './cases.ts';
export { requestFields, wrongTypeValue } from './request-fields.ts';
export type { JsonType, RequestField } from './request-fields.ts';
export { textOfBytes } from './text.ts';
export { sampleEntries, sampleCase, substituteFixtureGroup } from './samples.ts';
export type { SampleCase, SampleEntry } from './samples.ts';
export { coverageOf, coverageMarkdown } from './coverage.ts';
export type { OperationCoverage } from './coverage.ts';
