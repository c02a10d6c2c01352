// Generated checks (suites/generated/define-cases.ts) of the operations in 'part-1'.
import { defineGeneratedChecks } from './define-cases.ts';

defineGeneratedChecks('part-1');
