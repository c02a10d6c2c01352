/**
 * An executable model of the reference behaviour (the behaviour profile's state rows): pure,
 * no I/O, independent of the reference mock (neither imports the other: two implementations
 * that must agree). The stateful check (test-utils/stateful, suites/stateful) drives it.
 *
 *   let state = initialState([{ name: 'main', sdkappid, countersEdition: true }]);
 *   const { answer, next } = modelStep(state, { app: 'main', operation: 'modify_group_attr', body }, nowMs);
 */
export { modelStep, MODELLED_OPERATIONS } from './step.ts';
export type { ModelRequest } from './step.ts';
export { initialState, emptyGroup, liveGroup, withGroup } from './state.ts';
export type { ModelState, ModelApp, ModelGroup, ModelAppConfig } from './state.ts';
export type { ExpectedAnswer, AppliedRow, AttrEntry, CounterEntry } from './answer.ts';
export { counterInteger } from './counters.ts';
export { RATE_WINDOW_MS, admitEvent } from './rates.ts';
export { modelRules } from './rules.ts';
