// Model-based stateful check (counters): random sequences against the target with the model of the
// reference behaviour beside it (test-utils/model); see docs/stateful.md.
import { defineStatefulChecks } from '../../test-utils/stateful/define-stateful-checks.ts';

defineStatefulChecks('counters');
