// Every deviation the mock knows is carried out by one of its step tables: a name that is declared
// (and so offered to `mock --deviation` and the mutants catalogue) but changes no step would make a
// "killed" or "survived" verdict about a server that is not deviating at all.
import { describe, expect, it } from 'vitest';
import {
  KNOWN_DEVIATIONS,
  PIPELINE_STEP_DEVIATIONS,
  TRANSPORT_CAP_DEVIATIONS,
  VERIFIER_LENIENCE_DEVIATIONS,
} from '../../test-utils/mock/deviations.ts';
import { HANDLER_STEP_DEVIATIONS } from '../../test-utils/mock/handler-step-deviations.ts';

const TABLES = {
  pipeline: PIPELINE_STEP_DEVIATIONS,
  handler: HANDLER_STEP_DEVIATIONS,
  verifier: VERIFIER_LENIENCE_DEVIATIONS,
  transport: TRANSPORT_CAP_DEVIATIONS,
};

function tablesOf(name: string): string[] {
  return Object.entries(TABLES)
    .filter(([, table]) => Object.hasOwn(table, name))
    .map(([tableName]) => tableName);
}

describe('the deviation step tables', () => {
  it.each(Object.keys(KNOWN_DEVIATIONS))('%s is carried out by exactly one table', (name) => {
    expect(tablesOf(name)).toHaveLength(1);
  });

  it('name only known deviations', () => {
    const named = Object.values(TABLES).flatMap((table) => Object.keys(table));
    expect(named.filter((name) => !Object.hasOwn(KNOWN_DEVIATIONS, name))).toEqual([]);
  });
});
