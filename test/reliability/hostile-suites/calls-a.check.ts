// Driven by test/reliability/hostile-targets.test.ts: the checks of hostile-calls.ts, this file's share.
import { defineHostileCalls } from './hostile-calls.ts';

defineHostileCalls('a');
