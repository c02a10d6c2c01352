/**
 * The stateful property: fast-check draws sequences of steps, each run on fresh groups against
 * the target with the model beside it; on a documented mismatch fast-check shrinks the sequence,
 * and the shrunk sequence is run once more to record its transcript (curl lines, answers beside
 * the model's) for the failure message and the replay file.
 */
import fc from 'fast-check';
import { RATE_WINDOW_MS } from '../model/index.ts';
import { commandsArbitrary, type StepCommand } from './commands.ts';
import {
  StatefulMismatchError,
  StatefulSession,
  type AppConfig,
  type StatefulPort,
  type TentativeFinding,
  type TranscriptEntry,
} from './session.ts';
import { SLOT_LAYOUTS, type AppName, type GroupSlot, type StatefulKind, type StatefulStep } from './steps.ts';

import { DEFAULT_STATEFUL_RUNS } from './runs-option.ts';

export { DEFAULT_STATEFUL_RUNS };
/** Commands per fast-check run at most. */
export const DEFAULT_MAX_COMMANDS = 30;

export interface StatefulRunOptions {
  kind: StatefulKind;
  /** The run's seed; the property's seed is derived from it and the kind. */
  seed: number;
  runs?: number;
  maxCommands?: number;
  port: StatefulPort;
  apps: Readonly<Record<AppName, AppConfig | undefined>>;
  strict?: boolean;
  /** The groups of each sequence; default the kind's SLOT_LAYOUTS entry (a replay file gives its own). */
  slots?: readonly GroupSlot[];
  /** The model's clock for each session; default pacedClock (the client paces under the rates). */
  clock?: () => () => number;
}

export interface StatefulFailure {
  message: string;
  /** The shrunk sequence, up to and including the failing step. */
  steps: StatefulStep[];
  transcript: TranscriptEntry[];
  /** fast-check's seed and path, to replay the same shrunk case with fc directly. */
  fcSeed: number;
  fcPath?: string;
  /** Whether running the shrunk sequence again reproduced the mismatch. */
  reproduced: boolean;
}

export interface StatefulRunResult {
  kind: StatefulKind;
  fcSeed: number;
  runs: number;
  /** Steps and requests (steps plus read-backs) sent, shrinking included. */
  steps: number;
  requests: number;
  /** Steps sent before the first failing sequence ended (shrinking not included); undefined when none failed. */
  stepsToFind?: number;
  tentative: TentativeFinding[];
  failure?: StatefulFailure;
}

/** A 32-bit seed for fast-check from the run's seed and the kind (each kind draws its own sequences). */
export function propertySeed(seed: number, kind: StatefulKind): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const ch of kind) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h | 0;
}

/** The model's clock for a paced target: every call one window apart, so the rates never saturate. */
export function pacedClock(): () => number {
  let t = 0;
  return () => (t += RATE_WINDOW_MS);
}

function newSession(opts: StatefulRunOptions): StatefulSession {
  return new StatefulSession({
    port: opts.port,
    slots: opts.slots ?? SLOT_LAYOUTS[opts.kind],
    apps: opts.apps,
    clock: (opts.clock ?? pacedClock)(),
    strict: opts.strict ?? false,
  });
}

/** Runs a fixed list of steps on fresh groups (the confirmation run and `replay`). */
export async function runSteps(
  opts: Omit<StatefulRunOptions, 'seed'>,
  steps: readonly StatefulStep[],
): Promise<{ session: StatefulSession; error?: StatefulMismatchError; executed: StatefulStep[] }> {
  const session = newSession({ ...opts, seed: 0 });
  const executed: StatefulStep[] = [];
  await session.setup();
  try {
    for (const step of steps) {
      executed.push(step);
      await session.execute(step);
    }
    return { session, executed };
  } catch (error) {
    if (error instanceof StatefulMismatchError) return { session, error, executed };
    throw error;
  } finally {
    await session.teardown();
  }
}

/**
 * Sequences run in this many fast-check properties at once, each on its own groups: a write that
 * would wait for its group's 5/s window leaves the time to the others (parallel across groups
 * rather than waiting). Each property has its own seed, so the outcome stays a function of the
 * run's seed.
 */
export const PARALLEL_PROPERTIES = 4;

/**
 * The steps of a counterexample as fast-check hands it back: its commands (or its wrappers of
 * them, whose `cmd` holds ours), each one or a few steps. Anything else in the list (a wrapper
 * without a command, a value of another shape) is skipped rather than read as a step.
 */
export function counterexampleSteps(commands: Iterable<unknown> | undefined | null): StatefulStep[] {
  if (commands === undefined || commands === null) return [];
  const steps: StatefulStep[] = [];
  for (const item of commands) {
    const command = (item as { cmd?: unknown } | null)?.cmd ?? item;
    const own = (command as Partial<StepCommand> | null)?.steps;
    if (Array.isArray(own)) steps.push(...own.filter(isStep));
  }
  return steps;
}

function isStep(value: unknown): value is StatefulStep {
  const step = value as Partial<StatefulStep> | null;
  return (
    step !== null &&
    typeof step === 'object' &&
    typeof step.slot === 'number' &&
    typeof step.operation === 'string' &&
    typeof step.app === 'string'
  );
}

export async function runStatefulProperty(opts: StatefulRunOptions): Promise<StatefulRunResult> {
  const fcSeed = propertySeed(opts.seed, opts.kind);
  const runs = opts.runs ?? DEFAULT_STATEFUL_RUNS;
  const result: StatefulRunResult = { kind: opts.kind, fcSeed, runs, steps: 0, requests: 0, tentative: [] };
  const lanes = Math.min(PARALLEL_PROPERTIES, runs);
  // Once a lane has found a failure it shrinks alone: the other lanes stop drawing sequences and
  // its shrink candidates wait until their sequences in flight are over, so the shrunk sequence
  // does not owe its failure to another lane's groups (a server sharing state across groups).
  let shrinkingLane: number | undefined;
  const active = new Array<number>(lanes).fill(0);
  const othersIdle = async (index: number) => {
    while (active.some((count, lane) => lane !== index && count > 0))
      await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const propertyFor = (index: number) =>
    fc.asyncProperty(commandsArbitrary(opts.kind, opts.maxCommands ?? DEFAULT_MAX_COMMANDS), async (commands) => {
      if (shrinkingLane !== undefined && shrinkingLane !== index) return;
      if (shrinkingLane === index) await othersIdle(index);
      const session = newSession(opts);
      active[index]!++;
      try {
        await session.setup();
        await fc.asyncModelRun(() => ({ model: {}, real: session }), commands);
      } catch (error) {
        if (result.stepsToFind === undefined) result.stepsToFind = result.steps + session.steps;
        shrinkingLane ??= index;
        throw error;
      } finally {
        result.steps += session.steps;
        result.requests += session.requests;
        result.tentative.push(...session.tentative);
        await session.teardown();
        active[index]!--;
      }
    });
  const lane = async (index: number) => {
    const seed = (fcSeed + index) | 0;
    const numRuns = Math.floor(runs / lanes) + (index < runs % lanes ? 1 : 0);
    return { seed, index, details: await fc.check(propertyFor(index), { seed, numRuns }) };
  };
  const outcomes = await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  const failed =
    outcomes.find((o) => o.details.failed && o.index === shrinkingLane) ?? outcomes.find((o) => o.details.failed);
  if (!failed) return result;
  let { details } = failed;
  // A failure first seen beside the other lanes' sequences that no shrink candidate repeated:
  // the same run again, alone now (every lane has finished), and shrunk from there.
  if (lanes > 1 && details.numShrinks === 0 && details.counterexamplePath) {
    shrinkingLane = failed.index;
    const alone = await fc.check(propertyFor(failed.index), {
      seed: failed.seed,
      path: details.counterexamplePath.split(':')[0]!,
    });
    if (alone.failed) details = alone;
  }

  const shrunk = counterexampleSteps(details.counterexample?.[0] as Iterable<unknown> | undefined);
  const confirmation = await runSteps(opts, shrunk);
  const steps = confirmation.error ? confirmation.executed : shrunk;
  const reason =
    confirmation.error?.message ??
    (details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));
  result.failure = {
    message: reason,
    steps,
    transcript: confirmation.session.transcript,
    fcSeed: failed.seed,
    ...(details.counterexamplePath ? { fcPath: details.counterexamplePath } : {}),
    reproduced: confirmation.error !== undefined,
  };
  return result;
}
