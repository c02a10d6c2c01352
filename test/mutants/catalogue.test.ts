// The catalogue is honest data: every switch of the mock has a row, every row's behaviour
// reference resolves in the spec (words, status and pages come from there), and a deviation of
// a documented row names gating checks that must kill it.
import { describe, expect, test } from 'vitest';
import { behaviourRefs, resolveBehaviour } from '../../test-utils/contract/index.ts';
import { KNOWN_DEVIATIONS } from '../../test-utils/mock/deviations.ts';
import { findMutant, MUTANT_CATALOGUE, survivorGates } from '../../test-utils/mutants/catalogue.ts';

describe('the catalogue rows', () => {
  test('every deviation of the mock has exactly one entry, none left out', () => {
    expect(MUTANT_CATALOGUE.map((e) => e.name).sort()).toEqual(Object.keys(KNOWN_DEVIATIONS).sort());
  });

  for (const entry of MUTANT_CATALOGUE) {
    test(`${entry.name}: '${entry.profile}' resolves in the spec`, () => {
      expect(entry.status, entry.profileRow).not.toBe('unresolved');
      expect(entry.docUrls.length).toBeGreaterThan(0);
      const row = resolveBehaviour(entry.profile);
      expect([entry.profileRow, entry.status]).toEqual([row.description, row.status]);
    });
    if (entry.status !== 'inferred') {
      test(`${entry.name}: a documented row names the gating checks that kill it`, () => {
        expect(entry.killers.length).toBeGreaterThan(0);
      });
    }
  }

  test('findMutant finds by name', () => {
    expect(findMutant('semantics.clear-is-noop')?.profile).toBe('clear_group_attr#clears-every-key');
    expect(findMutant('no.such-deviation')).toBeUndefined();
  });

  test('an inferred survivor gates only with --strict; every other status always', () => {
    expect([survivorGates({ status: 'inferred' }, false), survivorGates({ status: 'inferred' }, true)]).toEqual([
      false,
      true,
    ]);
    for (const status of ['documented', 'documented-set', 'unresolved'] as const)
      expect(survivorGates({ status }, false)).toBe(true);
  });
});

describe('behaviour references', () => {
  test('each form resolves to the data it names', () => {
    expect(resolveBehaviour('signing.expired')).toMatchObject({ kind: 'profile', code: 70001, status: 'documented' });
    expect(resolveBehaviour('clear_group_attr#clears-every-key')).toMatchObject({
      kind: 'operation-case',
      status: 'documented',
    });
    expect(resolveBehaviour('clear_group_attr#group-type/Community')).toMatchObject({
      kind: 'group-type',
      code: 10007,
    });
    expect(resolveBehaviour('delete_group_counter#edition')).toMatchObject({ kind: 'edition', code: 10059 });
    expect(resolveBehaviour('get_group_counter#response').description).toContain(
      'get_group_counter.response.schema.json',
    );
    expect(resolveBehaviour('limit:attr.key.maxBytes')).toMatchObject({ kind: 'limit', code: 0 });
    expect(resolveBehaviour('limit:attr.key.maxBytes#exceeded')).toMatchObject({ kind: 'limit-exceeded', code: 10045 });
  });

  test('a reference that names nothing is an error naming it', () => {
    for (const ref of [
      'signing.no-such-row',
      'clear_group_attr#no-such-case',
      'no_such_op#x',
      'limit:no.such',
      'limit:attr.key.maxBytes#other',
      'get_group_attr#edition',
      'get_group_attr#group-type/Village',
    ]) {
      expect(() => resolveBehaviour(ref), ref).toThrow(ref.split('#')[0]!.replace('limit:', ''));
    }
  });

  test('behaviourRefs lists only references that resolve', () => {
    const refs = behaviourRefs();
    expect(refs.length).toBeGreaterThan(60);
    for (const ref of refs) expect(() => resolveBehaviour(ref)).not.toThrow();
  });
});
