import { describe, expect, it } from 'vitest';
import { errorCodes, getLimit, getOperation } from '../../test-utils/contract/index.ts';
import { coverageMarkdown, coverageOf, generateSuite } from '../../test-utils/generator/index.ts';

describe('coverageOf the generated suite', () => {
  const rows = coverageOf(generateSuite());
  const row = (operation: string) => rows.find((r) => r.operation === operation)!;

  it('counts a documented code as provoked only when a generated case expects it', () => {
    const modify = row('modify_group_attr');
    expect(modify.documentedCodes).toEqual([...new Set(getOperation('modify_group_attr')['x-tim-errors'].map((e) => e.code))].sort((a, b) => a - b));
    expect(modify.provokedCodes).toContain(getLimit('attr.key.maxBytes').exceeded!.code);
    expect(modify.provokedCodes).toContain(getLimit('attr.writes.perGroupPerSecond').exceeded!.code);
    // An internal server error has no case (the catalogue marks it noCase).
    expect(modify.unprovokedCodes).toEqual([errorCodes().find((c) => (c as { noCase?: string }).noCase && c.operations.includes('modify_group_attr'))!.code]);
    for (const code of modify.unprovokedCodes) expect(modify.provokedCodes).not.toContain(code);
  });

  it('lists group types, limits and fields per operation', () => {
    expect(row('clear_group_attr').groupTypes).toHaveLength(5);
    expect(row('create_group').groupTypes).toEqual([]);
    expect(row('create_group').fieldsExercised).toEqual(expect.arrayContaining(['Type', 'Name']));
    expect(row('set_group_attr').limitsExercised).toContain('attr.values.totalMaxBytes');
    expect(row('set_group_attr').limitsUncovered).toContain('attr.writes.perGroupPerSecond');
    expect(row('update_group_counter').fieldsExercised).toEqual(['GroupId', 'GroupCounter', 'Mode']);
  });

  it('renders one Markdown row per operation', () => {
    const markdown = coverageMarkdown(rows);
    expect(markdown.trim().split('\n')).toHaveLength(rows.length + 2);
    expect(markdown).toContain('| clear_group_attr |');
  });
});
