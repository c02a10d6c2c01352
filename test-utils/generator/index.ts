/** Case descriptors derived from specs/ and schemas/ (issue 6); suites/generated/ runs them. */
export { generateSuite, caseId, slugOf, isFixtureOperation, CASE_KINDS } from './cases.ts';
export type {
  GeneratedCase,
  EditionCase,
  PermissionCase,
  ProfileRowCase,
  WriteRateCase,
  GroupIdCase,
  GroupTypeCase,
  MissingFieldCase,
  WrongTypeCase,
  LimitCase,
  UncoveredLimit,
  GenerateOptions,
  GeneratedSuite,
  TextVariant,
} from './cases.ts';
export { requestFields, wrongTypeValue } from './request-fields.ts';
export type { JsonType, RequestField } from './request-fields.ts';
export { textOfBytes } from './text.ts';
export { sampleEntries, sampleCase, substituteFixtureGroup } from './samples.ts';
export type { SampleCase, SampleEntry } from './samples.ts';
export { coverageOf, coverageMarkdown } from './coverage.ts';
export type { OperationCoverage } from './coverage.ts';
export { runCoverage, coverageProblems } from './run-coverage.ts';
export type {
  CoverageReport,
  CodeCoverage,
  CommonCodeCoverage,
  AcceptedNeverProvoked,
  LimitCoverage,
  FieldCoverage,
  RunCoverageOptions,
} from './run-coverage.ts';
export { writeCoverageReport, coverageReportMarkdown, COVERAGE_JSON, COVERAGE_MD } from './coverage-report.ts';
