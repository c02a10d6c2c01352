// Generated checks (suites/generated/define-cases.ts) of the operations in 'part-2'.
import { defineGeneratedChecks } from './define-cases.ts';

defineGeneratedChecks('part-2');
