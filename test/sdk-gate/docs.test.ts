// docs/sdk-gate.md carries the rules table generated from the rules' own data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderRulesTable, RULES_TABLE_BEGIN, RULES_TABLE_END } from '../../test-utils/sdk-gate/rules/table.ts';
import { RULES } from '../../test-utils/sdk-gate/rules/index.ts';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'sdk-gate.md'), 'utf8');

test('the rules table of docs/sdk-gate.md is the generated one (npx tsx test-utils/sdk-gate/rules/table.ts)', () => {
  const start = doc.indexOf(RULES_TABLE_BEGIN);
  const end = doc.indexOf(RULES_TABLE_END);
  expect(start, 'docs/sdk-gate.md has no rules table markers').toBeGreaterThanOrEqual(0);
  expect(doc.slice(start, end + RULES_TABLE_END.length)).toBe(renderRulesTable());
  for (const rule of RULES) expect(doc).toContain(`| \`${rule.id}\` |`);
});

test('no absolute path of this machine in the doc', () => {
  expect(doc).not.toMatch(/\/work\/|\/root\/|\.\.\/shared/);
});
