// Generated checks (suites/generated/define-cases.ts) of the operations in 'paced'.
import { defineGeneratedChecks } from './define-cases.ts';

defineGeneratedChecks('paced');
