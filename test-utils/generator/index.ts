/** Case descriptors derived from specs/ and schemas/ (issue 6); suites/generated/ runs them. Each module passes on whole. */
export * from './cases.ts';
export * from './request-fields.ts';
export * from './text.ts';
export * from './samples.ts';
export * from './coverage.ts';
export * from './run-coverage.ts';
export * from './coverage-report.ts';
