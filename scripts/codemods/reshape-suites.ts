/**
 * Runs the suite codemods in their order, for a tree whose suites are as main had them before
 * the reshape (or already reshaped: each step is re-runnable):
 *   1. evidence-field.ts            status + docUrl → evidence
 *   2. drop-redundant-non-null.ts   `!`s the types no longer need (needs 1: docUrls[0]! goes with it)
 *   3. split-behaviours.ts          one behaviour per check file (names loops after their evidence, from 1)
 *
 *   npx tsx scripts/codemods/reshape-suites.ts
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const STEPS = ['evidence-field.ts', 'drop-redundant-non-null.ts', 'split-behaviours.ts'];
const tsx = join(import.meta.dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');

for (const step of STEPS) execFileSync(process.execPath, [tsx, join(import.meta.dirname, step)], { stdio: 'inherit' });
