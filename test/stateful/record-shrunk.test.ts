// Recording a shrunk counterexample (the confirmation run, the numbered requests, the replay
// file) must not crash on what fast-check hands back. It once failed with "Cannot read
// properties of undefined (reading 'slot')": each counterexample item was read as a wrapper or a
// one-step command, so an item of any other shape became an undefined step that the
// confirmation run then sent. Items are now read by their shape and a command may hold several
// steps (the scenarios).
import { describe, expect, test } from 'vitest';
import { StepCommand } from '../../test-utils/stateful/commands.ts';
import { numberedRequests } from '../../test-utils/stateful/failure-text.ts';
import { buildReplayFile, parseReplayFile } from '../../test-utils/stateful/replay-file.ts';
import { counterexampleSteps, runStatefulProperty, runSteps } from '../../test-utils/stateful/run-property.ts';
import type { StatefulStep } from '../../test-utils/stateful/steps.ts';
import { stringifyExact } from '../../test-utils/stateful/exact-json.ts';
import { inProcessMock } from './in-process-port.ts';

const set: StatefulStep = {
  app: 'main',
  slot: 0,
  operation: 'update_group_counter',
  body: { Mode: 'Set', GroupCounter: [{ Key: 'n', Value: 5n }] },
};
const del: StatefulStep = { app: 'main', slot: 0, operation: 'delete_group_counter', body: {} };
const inc: StatefulStep = {
  app: 'main',
  slot: 0,
  operation: 'update_group_counter',
  body: { Mode: 'Increase', GroupCounter: [{ Key: 'n', Value: 1n }] },
};

describe('recording a shrunk counterexample', () => {
  test('the steps of every item shape fast-check hands back, and nothing from the others', () => {
    const items: unknown[] = [
      { cmd: new StepCommand([set, del]), hasRan: true },
      new StepCommand(inc),
      { cmd: undefined, hasRan: false },
      undefined,
      null,
      { cmd: {} },
      { cmd: { steps: [undefined] } },
    ];
    expect(counterexampleSteps(items)).toEqual([set, del, inc]);
    expect(counterexampleSteps(undefined)).toEqual([]);
  });

  test('the confirmation run of those steps against a deviating server reports the counter mismatch', async () => {
    const mock = inProcessMock({ deviations: ['state.deleted-counter-resumes'] });
    const steps = counterexampleSteps([{ cmd: new StepCommand([set, del, inc]) }, { cmd: {} }]);
    const { error, executed, session } = await runSteps({ kind: 'counters', port: mock.port, apps: mock.apps }, steps);
    expect(error?.message).toMatch(/GroupCounter/);
    expect(executed).toEqual([set, del, inc]);
    expect(numberedRequests(session.transcript)).toContain('MISMATCH');
  });

  test('a counter mismatch found and shrunk against a deviating server is recorded whole', async () => {
    const mock = inProcessMock({ deviations: ['state.deleted-counter-still-counted'] });
    const result = await runStatefulProperty({ kind: 'counters', seed: 2, port: mock.port, apps: mock.apps });
    const failure = result.failure!;
    expect(failure.reproduced).toBe(true);
    expect(failure.steps.every((step) => typeof step.slot === 'number')).toBe(true);
    expect(numberedRequests(failure.transcript)).toContain('MISMATCH');
    const file = parseReplayFile(stringifyExact(buildReplayFile('counters', 2, failure)));
    expect(file.steps.map(({ n: _n, ...step }) => step)).toEqual(failure.steps);
  });
});
