// A check's evidence names its contract row once; status and doc URL follow from it, and the
// explicit status + docUrl pair keeps working for third-party suites.
import { describe, expect, test } from 'vitest';
import { buildCheckMeta } from '../../test-utils/check/define-check.ts';
import { resolveEvidence } from '../../test-utils/check/evidence.ts';
import {
  getLimit,
  getOperation,
  operationCase,
  profileCase,
  resolveBehaviour,
} from '../../test-utils/contract/index.ts';

describe('resolveEvidence', () => {
  test.each([
    ['a profile row', profileCase('groups.unknown-group'), profileCase('groups.unknown-group').expected],
    [
      'an operation row',
      operationCase('clear_group_attr', 'clears-every-key'),
      operationCase('clear_group_attr', 'clears-every-key').expected,
    ],
    ['a limit (exactly at it)', getLimit('attr.key.maxBytes'), getLimit('attr.key.maxBytes')],
    ['a limit exceeded', getLimit('attr.key.maxBytes').exceeded, getLimit('attr.key.maxBytes').exceeded],
  ])('%s: status and first doc URL of the row', (_name, evidence, row) => {
    expect(resolveEvidence(evidence)).toMatchObject({ status: row.status, docUrl: row.docUrls[0] });
  });

  test.each([
    'groups.unknown-group',
    'delete_group_counter#edition',
    'limit:attr.key.maxBytes#exceeded',
    'limit:attr.key.maxBytes',
  ])('a behaviour reference %s resolves as resolveBehaviour does, with its expected code', (ref) => {
    const row = resolveBehaviour(ref);
    expect(resolveEvidence(ref)).toMatchObject({
      status: row.status,
      docUrl: row.docUrls[0],
      expected: { code: row.code },
    });
  });

  test('a group-type rule: that the type is supported or refused, by the rule; the exact code, by its rejectedWith', () => {
    const rules = getOperation('delete_group_counter')['x-tim-group-types'];
    expect(resolveEvidence(rules.Community)).toEqual({
      status: rules.Community.status,
      docUrl: rules.Community.docUrls[0],
    });
    const refused = rules.Community.rejectedWith;
    expect(refused && resolveEvidence(refused)).toMatchObject({
      status: refused?.status,
      docUrl: refused?.docUrls[0],
      expected: { code: refused?.code },
    });
    expect(resolveEvidence(rules.Public)).toMatchObject({
      status: rules.Public.status,
      docUrl: rules.Public.docUrls[0],
      expected: { code: 0 },
    });
  });

  test('an operation is documented by its own page', () => {
    const op = getOperation('get_group_attr');
    expect(resolveEvidence(op)).toEqual({ status: 'documented', docUrl: op['x-tim-docs'][0] });
  });

  test('a reference that names nothing is a one-line error naming the check', () => {
    expect(() =>
      buildCheckMeta({ operation: 'clear_group_attr', check: 'x', evidence: 'groups.no-such-row' }, false),
    ).toThrow(/^defineCheck\("clear_group_attr", "x"\): behaviour reference 'groups.no-such-row'/);
  });
});

describe('check metadata', () => {
  test('evidence and the explicit pair give the same metadata', () => {
    const row = profileCase('groups.unknown-group');
    const fromEvidence = buildCheckMeta(
      { operation: 'clear_group_attr', check: 'unknown-group', evidence: row },
      false,
    );
    const explicit = buildCheckMeta(
      {
        operation: 'clear_group_attr',
        check: 'unknown-group',
        status: row.expected.status,
        docUrl: row.expected.docUrls[0] ?? '',
      },
      false,
    );
    expect(fromEvidence).toEqual(explicit);
  });
});
