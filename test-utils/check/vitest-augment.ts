/**
 * Teaches vitest's types what this project puts in `inject()` and `task.meta`, so the check
 * helpers and the runner's reporter read them without casts.
 */
import type { ResolvedTarget, TimTaskMeta } from '../contract/types.ts';
import type { CheckSelection } from './selection.ts';

declare module 'vitest' {
  interface ProvidedContext {
    timTarget: ResolvedTarget;
    /** How many suite workers share the per-API call budget (the runner's pool size). */
    timWorkers: number;
    /** The run-wide pacing coordinator's URL (test-utils/client/pacing-coordinator.ts), if any. */
    timPacingUrl?: string;
    /** Several targets, each checked in full (the mutation self-check); overrides timTarget. */
    timTargets?: Array<{ label: string; target: ResolvedTarget }>;
    /** --id / --grep of the run, matched against check ids (selection.ts). */
    timSelect?: CheckSelection;
  }
}

declare module '@vitest/runner' {
  interface TaskMeta extends TimTaskMeta {
    /** The label of the target this test ran against, when several were provided (timTargets). */
    timVariant?: string;
  }
}

export {};
