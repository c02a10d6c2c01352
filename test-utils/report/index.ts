/**
 * The human reports (report.html, report.md) written next to junit.xml and results.json.
 * Issue 8 fills this in; until then it writes nothing.
 */
import type { ResultsFile } from '../runner/results.ts';

export function writeHumanReports(_results: ResultsFile, _reportDir: string): string[] {
  return [];
}
