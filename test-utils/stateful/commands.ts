/**
 * fast-check's model-based testing shape: one command class whose run() sends a step through
 * the session (which holds the model) and whose toString() prints the request, so a shrunk
 * counterexample reads as a replay.
 */
import fc from 'fast-check';
import { commandStepsArbitrary } from './arbitraries.ts';
import { describeStep, type StatefulSession } from './session.ts';
import type { StatefulKind, StatefulStep } from './steps.ts';

/** fast-check's model object: the real model lives in the session, beside the target it mirrors. */
export type CommandModel = Record<string, never>;

/** One or a few steps (a scenario: fill, remove, write again), each sent as its own request. */
export class StepCommand implements fc.AsyncCommand<CommandModel, StatefulSession> {
  readonly steps: readonly StatefulStep[];
  /** Steps of this command that were sent (a mismatch stops the rest): the shrunk sequence lists only these. */
  sent = 0;

  constructor(steps: StatefulStep | readonly StatefulStep[]) {
    this.steps = Array.isArray(steps) ? steps : [steps as StatefulStep];
  }

  check(): boolean {
    return true;
  }

  async run(_model: CommandModel, session: StatefulSession): Promise<void> {
    this.sent = 0;
    for (const step of this.steps) {
      this.sent++;
      await session.execute(step);
    }
  }

  toString(): string {
    return this.steps.map(describeStep).join('; ');
  }
}

export function commandsArbitrary(
  kind: StatefulKind,
  maxCommands: number,
): fc.Arbitrary<Iterable<fc.AsyncCommand<CommandModel, StatefulSession>>> {
  // 'max' size: sequences long enough for writes to meet earlier writes (fast-check shrinks them).
  return fc.commands([commandStepsArbitrary(kind).map((steps) => new StepCommand(steps))], {
    maxCommands,
    size: 'max',
  });
}
