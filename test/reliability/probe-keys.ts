/** Shared by the fault probe check (suites/counter-faults.check.ts) and the test that counts its calls. */
export const PROBE_KEY = 'fault-probe';
export const PROBE_SET_KEY = 'fault-probe-set';
export const PROBE_STEPS = 6;
