/**
 * The spec coverage report (coverage.json, coverage.md) written next to results.json.
 * Issue 6 fills this in; until then it writes nothing.
 */
import type { ResultsFile } from '../runner/results.ts';

export function writeCoverageReport(_results: ResultsFile, _reportDir: string): string[] {
  return [];
}
