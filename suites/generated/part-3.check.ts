// Generated checks (suites/generated/define-cases.ts) of the operations in 'part-3'.
import { defineGeneratedChecks } from './define-cases.ts';

defineGeneratedChecks('part-3');
