/**
 * README's flag table is generated from the option table: `npx tsx test-utils/cli/readme-flags.ts`
 * rewrites the part of README.md between the two markers, and test/cli/option-table.test.ts
 * fails when the README and the table disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPTION_TABLE } from './commands.ts';

export const README_START =
  '<!-- flags:start (generated from test-utils/cli/commands.ts by `npx tsx test-utils/cli/readme-flags.ts`) -->';
export const README_END = '<!-- flags:end -->';

export function readmeFlagSection(): string {
  return `${README_START}\n${OPTION_TABLE.markdownTable()}\n${README_END}`;
}

/** The generated section as it stands in a README text, or undefined without markers. */
export function currentFlagSection(readme: string): string | undefined {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start, end + README_END.length);
}

export function rewriteReadme(readme: string): string {
  const current = currentFlagSection(readme);
  if (current === undefined) throw new Error(`README.md has no ${README_START} … ${README_END} markers`);
  return readme.replace(current, () => readmeFlagSection());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = new URL('../../README.md', import.meta.url);
  writeFileSync(path, rewriteReadme(readFileSync(path, 'utf8')));
}
