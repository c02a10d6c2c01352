// docs/behaviour.md is the project's own statement of the reference behaviour, generated from the
// spec's data: it must be exactly what the generator renders now (a spec row added or changed
// without regenerating fails here), and it holds one row per profile and per operation case.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_SPEC_PATH, loadSpecFrom, operations, profileCases } from '../../test-utils/contract/index.ts';
import { BEHAVIOUR_DOC_PATH, renderBehaviourDoc } from '../../scripts/behaviour-doc.ts';

describe('docs/behaviour.md', () => {
  const committed = readFileSync(BEHAVIOUR_DOC_PATH, 'utf8');
  const spec = loadSpecFrom(DEFAULT_SPEC_PATH);

  test('is current: regenerating it gives the committed file (else run npm run docs:behaviour)', () => {
    expect(
      committed === renderBehaviourDoc(spec),
      'docs/behaviour.md is stale: run `npm run docs:behaviour` and commit it',
    ).toBe(true);
  });

  test('has one row per profile case and per operation case, with its status and a source page', () => {
    const refs = [
      ...profileCases(spec).map((c) => [c.id, c.expected.status] as const),
      ...operations(spec)
        .filter((op) => op['x-tim-copy-of'] === undefined)
        .flatMap((op) => op['x-tim-cases'].map((c) => [`${op.operationId}#${c.id}`, c.expected.status] as const)),
    ];
    expect(refs.length).toBeGreaterThan(50);
    for (const [ref, status] of refs) {
      const rows = committed.split('\n').filter((line) => line.startsWith(`| \`${ref}\` |`));
      expect(rows, ref).toHaveLength(1);
      expect(rows[0]!.split(' | ')[3], ref).toBe(status);
      expect(rows[0], ref).toMatch(/<https:\/\/[^>]+>/);
    }
  });
});
