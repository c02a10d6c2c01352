import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { errorCodes, getLimit, getOperation, loadSpecFrom } from '../../test-utils/contract/index.ts';
import { SPEC_PATH } from '../../test-utils/contract/paths.ts';
import { coverageMarkdown, coverageOf, generateSuite } from '../../test-utils/generator/index.ts';

describe('coverageOf the generated suite', () => {
  const rows = coverageOf(generateSuite());
  const row = (operation: string) => rows.find((r) => r.operation === operation)!;

  it('counts a documented code as provoked only when a generated case expects it', () => {
    const modify = row('modify_group_attr');
    expect(modify.documentedCodes).toEqual(
      [...new Set(getOperation('modify_group_attr')['x-tim-errors'].map((e) => e.code))].sort((a, b) => a - b),
    );
    expect(modify.provokedCodes).toContain(getLimit('attr.key.maxBytes').exceeded!.code);
    expect(modify.provokedCodes).toContain(getLimit('attr.writes.perGroupPerSecond').exceeded!.code);
    // An internal server error has no case (the catalogue marks it noCase).
    expect(modify.unprovokedCodes).toEqual([
      errorCodes().find((c) => (c as { noCase?: string }).noCase && c.operations.includes('modify_group_attr'))!.code,
    ]);
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

describe('every documented code is mapped to a generated case, or says why it cannot be', () => {
  const noCaseOf = (op: string, code: number): string | undefined =>
    (getOperation(op)['x-tim-errors'].find((e) => e.code === code) as { noCase?: string } | undefined)?.noCase ??
    (errorCodes().find((c) => c.code === code) as { noCase?: string } | undefined)?.noCase;
  const unmapped = (rows: ReturnType<typeof coverageOf>) =>
    rows.flatMap((r) =>
      r.unprovokedCodes.filter((code) => !noCaseOf(r.operation, code)).map((code) => `${r.operation} ${code}`),
    );

  it('on the project spec', () => {
    expect(unmapped(coverageOf(generateSuite()))).toEqual([]);
  });

  it('and notices a documented code no case expects (10050 added to get_group_attr in a copy of the spec)', () => {
    const doc = parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, any>;
    doc.paths['/v4/group_open_attr_http_svc/get_group_attr'].post['x-tim-errors'].push({
      code: 10050,
      meaning: 'fake',
      status: 'inferred',
      docUrls: ['https://example.test/'],
    });
    const dir = mkdtempSync(join(tmpdir(), 'timc-coverage-'));
    writeFileSync(join(dir, 'spec.yaml'), stringify(doc));
    const spec = loadSpecFrom(join(dir, 'spec.yaml'));
    expect(unmapped(coverageOf(generateSuite({ spec }), spec))).toEqual(['get_group_attr 10050']);
  });
});
