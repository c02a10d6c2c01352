/**
 * The SDK gate's report files, written by judge, sdk-gate and proxy alike: sdk-results.json,
 * sdk-junit.xml, sdk-report.html and sdk-report.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SdkJudgement } from '../judge.ts';
import { buildSdkResults, type SdkReportMeta, type SdkResultsFile } from './results.ts';
import { renderSdkJunit } from './junit.ts';
import { renderSdkHtml } from './html.ts';
import { renderSdkMarkdown } from './markdown.ts';

export {
  buildSdkResults,
  type SdkReportMeta,
  type SdkResultsFile,
  type SdkScenarioReport,
  type SdkRuleEntry,
} from './results.ts';
export { renderSdkJunit } from './junit.ts';
export { renderSdkHtml } from './html.ts';
export { renderSdkMarkdown } from './markdown.ts';

export const SDK_REPORT_FILES = {
  results: 'sdk-results.json',
  junit: 'sdk-junit.xml',
  html: 'sdk-report.html',
  markdown: 'sdk-report.md',
} as const;

/** The default report directory of sdk-gate, proxy and judge. */
export const DEFAULT_SDK_REPORT_DIR = join('reports', 'sdk');

/** Writes the four files into `dir` (created if needed); returns the results written. */
export function writeSdkReports(dir: string, judgement: SdkJudgement, meta: SdkReportMeta): SdkResultsFile {
  mkdirSync(dir, { recursive: true });
  const results = buildSdkResults(judgement, meta);
  writeFileSync(join(dir, SDK_REPORT_FILES.results), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, SDK_REPORT_FILES.junit), renderSdkJunit(results, judgement));
  writeFileSync(join(dir, SDK_REPORT_FILES.html), renderSdkHtml(results));
  writeFileSync(join(dir, SDK_REPORT_FILES.markdown), renderSdkMarkdown(results));
  return results;
}
