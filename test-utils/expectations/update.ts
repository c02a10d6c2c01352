/**
 * --update-expectations: the file rewritten from a run. Entries of checks that still fail keep
 * their reason; checks that now pass are dropped; new failures are added with a placeholder
 * reason for a person to replace; entries of checks that did not run to a verdict are kept (the
 * run says nothing about them). Entries are sorted by id so diffs stay small.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ResultsFile } from '../runner/results.ts';
import { isExpectable } from './apply.ts';
import type { ExpectationEntry, ExpectationsFile } from './load.ts';

export const PLACEHOLDER_REASON = 'TODO: explain this deviation (added by --update-expectations)';

export interface ExpectationsUpdate {
  file: ExpectationsFile;
  added: string[];
  dropped: string[];
  kept: string[];
}

export function updateExpectations(previous: ExpectationsFile, results: ResultsFile): ExpectationsUpdate {
  const verdicts = new Map<string, 'passed' | 'failed'>();
  for (const test of results.tests) {
    if (test.status !== 'skipped' && isExpectable(test.id)) verdicts.set(test.id, test.status);
  }
  const byId = new Map(previous.expectations.map((e) => [e.id, e]));
  const added: string[] = [];
  const dropped: string[] = [];
  const kept: string[] = [];
  const entries: ExpectationEntry[] = [];
  for (const entry of previous.expectations) {
    if (verdicts.get(entry.id) === 'passed') dropped.push(entry.id);
    else {
      kept.push(entry.id);
      entries.push(entry);
    }
  }
  for (const [id, verdict] of verdicts) {
    if (verdict === 'failed' && !byId.has(id)) {
      added.push(id);
      entries.push({ id, reason: PLACEHOLDER_REASON });
    }
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const file: ExpectationsFile = { ...previous, expectations: entries };
  return { file, added, dropped, kept };
}

export function writeExpectations(path: string, file: ExpectationsFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
