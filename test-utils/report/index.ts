/**
 * The human reports: report.html and report.md next to junit.xml and results.json (called by
 * the runner's writeReports), and the regional matrix regions.html and regions.md (called by
 * the runner for `--regions`). Both formats render the same model (model.ts, regional.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsFile } from '../runner/results.ts';
import { renderHtmlReport } from './html-report.ts';
import { renderMarkdownReport } from './markdown-report.ts';
import { renderRegionalHtml, renderRegionalMarkdown, type RegionalRun } from './regional.ts';

export { renderHtmlReport } from './html-report.ts';
export { renderMarkdownReport } from './markdown-report.ts';
export { buildRegionalModel, renderRegionalHtml, renderRegionalMarkdown, type RegionalRun } from './regional.ts';

export const HUMAN_REPORT_FILES = { html: 'report.html', markdown: 'report.md' } as const;
export const REGIONAL_REPORT_FILES = { html: 'regions.html', markdown: 'regions.md' } as const;

/** Writes report.html and report.md into reportDir; returns their paths. */
export function writeHumanReports(results: ResultsFile, reportDir: string): string[] {
  mkdirSync(reportDir, { recursive: true });
  const htmlPath = join(reportDir, HUMAN_REPORT_FILES.html);
  const markdownPath = join(reportDir, HUMAN_REPORT_FILES.markdown);
  writeFileSync(htmlPath, renderHtmlReport(results));
  writeFileSync(markdownPath, renderMarkdownReport(results));
  return [htmlPath, markdownPath];
}

/** A region's own report.html when the runner wrote it into reportDir/<region>/ (linked from its column). */
function ownReportHref(region: string, reportDir: string): string | undefined {
  const href = `${region}/${HUMAN_REPORT_FILES.html}`;
  return /^[A-Za-z0-9._-]+$/.test(region) && region !== '..' && existsSync(join(reportDir, href)) ? href : undefined;
}

/** Writes regions.html and regions.md (regions as columns, checks as rows) into reportDir; returns their paths. */
export function writeRegionalReports(runs: RegionalRun[], reportDir: string): string[] {
  mkdirSync(reportDir, { recursive: true });
  const htmlPath = join(reportDir, REGIONAL_REPORT_FILES.html);
  const markdownPath = join(reportDir, REGIONAL_REPORT_FILES.markdown);
  const linked = runs.map((run) => ({ ...run, reportHref: run.reportHref ?? ownReportHref(run.region, reportDir) }));
  writeFileSync(htmlPath, renderRegionalHtml(linked));
  writeFileSync(markdownPath, renderRegionalMarkdown(linked));
  return [htmlPath, markdownPath];
}
