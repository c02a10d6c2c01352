/**
 * fast-check's model-based testing shape: one command class whose run() sends a step through
 * the session (which holds the model) and whose toString() prints the request, so a shrunk
 * counterexample reads as a replay.
 */
import fc from 'fast-check';
import { stepArbitrary } from './arbitraries.ts';
import { describeStep, type StatefulSession } from './session.ts';
import type { StatefulKind, StatefulStep } from './steps.ts';

/** fast-check's model object: the real model lives in the session, beside the target it mirrors. */
export type CommandModel = Record<string, never>;

export class StepCommand implements fc.AsyncCommand<CommandModel, StatefulSession> {
  constructor(readonly step: StatefulStep) {}

  check(): boolean {
    return true;
  }

  async run(_model: CommandModel, session: StatefulSession): Promise<void> {
    await session.execute(this.step);
  }

  toString(): string {
    return describeStep(this.step);
  }
}

export function commandsArbitrary(kind: StatefulKind, maxCommands: number): fc.Arbitrary<Iterable<fc.AsyncCommand<CommandModel, StatefulSession>>> {
  // 'max' size: sequences long enough for writes to meet earlier writes (fast-check shrinks them).
  return fc.commands([stepArbitrary(kind).map((step) => new StepCommand(step))], { maxCommands, size: 'max' });
}
