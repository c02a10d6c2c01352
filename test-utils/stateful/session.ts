/**
 * One stateful sequence against a target: creates the slots' groups, sends each step, compares
 * the answer with the model's, reads the group back and compares that too, and destroys the
 * groups at the end. A mismatch on a documented row throws (fast-check then shrinks); one on an
 * inferred row is kept as a tentative finding and the model adopts what the target read back.
 */
import type { EvidenceStatus } from '../contract/types.ts';
import { initialState, modelStep, withGroup, type ExpectedAnswer, type ModelState } from '../model/index.ts';
import { counterInteger } from '../model/index.ts';
import { stringifyExact } from './exact-json.ts';
import { describeExpected, describeObserved, judgeAnswer, type Mismatch, type Observed } from './judge.ts';
import {
  ATTR_OPERATIONS,
  COUNTER_OPERATIONS,
  type AppName,
  type GroupSlot,
  type StatefulStep,
  type StepOperation,
} from './steps.ts';

export interface PortAnswer {
  observed: Observed;
  /** The request as a curl line, usersig redacted. */
  curl: string;
}

/** How a session reaches a target (the check's client, the replay command's, an in-process mock). */
export interface StatefulPort {
  call(operation: string, bodyText: string, app: AppName): Promise<PortAnswer>;
  /** A fresh custom GroupId for a slot (Community ids start with @TGS#_); registers it for cleanup. */
  newGroupId(slot: GroupSlot): string;
  /** The group is gone (destroyed by the sequence or at the end). */
  forgetGroup?(groupId: string, slot: GroupSlot): void;
}

export interface AppConfig {
  sdkappid: number;
  countersEdition: boolean;
}

export interface TranscriptEntry {
  /** 1-based step number; 0 for set-up and read-backs carry their step's number. */
  n: number;
  kind: 'setup' | 'step' | 'read-back';
  operation: string;
  app: AppName;
  slot: number;
  curl: string;
  observed: string;
  expected: string;
  mismatch?: Mismatch;
}

export interface TentativeFinding {
  step: number;
  operation: string;
  problem: string;
}

export class StatefulMismatchError extends Error {
  readonly step: number;
  readonly mismatch: Mismatch;
  constructor(step: number, what: string, mismatch: Mismatch) {
    super(`step ${step} (${what}): ${mismatch.problem} [${mismatch.status}]`);
    this.name = 'StatefulMismatchError';
    this.step = step;
    this.mismatch = mismatch;
  }
}

export interface SessionOptions {
  port: StatefulPort;
  slots: readonly GroupSlot[];
  apps: Readonly<Record<AppName, AppConfig | undefined>>;
  /** The model's clock (ms). The check's client paces under the rates, so it passes one that never saturates them. */
  clock: () => number;
  /** Inferred-row mismatches gate too (--strict). */
  strict?: boolean;
}

const GROUP_NAME = 'timc stateful';

export class StatefulSession {
  state: ModelState;
  readonly groupIds: string[] = [];
  readonly transcript: TranscriptEntry[] = [];
  readonly tentative: TentativeFinding[] = [];
  /** Requests sent (steps and read-backs, not set-up or clean-up). */
  requests = 0;
  #steps = 0;
  readonly #opts: SessionOptions;

  constructor(opts: SessionOptions) {
    this.#opts = opts;
    const apps = (Object.entries(opts.apps) as [AppName, AppConfig | undefined][])
      .filter((entry): entry is [AppName, AppConfig] => entry[1] !== undefined)
      .map(([name, app]) => ({ name, ...app }));
    this.state = initialState(apps);
  }

  get steps(): number {
    return this.#steps;
  }

  /** Creates every slot's group; a target that refuses throws (the sequence cannot start). */
  async setup(): Promise<void> {
    for (const [index, slot] of this.#opts.slots.entries()) {
      this.groupIds.push(this.#opts.port.newGroupId(slot));
      const { expected, observed, mismatch } = await this.#send(0, 'setup', {
        app: slot.app,
        slot: index,
        operation: 'create_group',
        body: {},
      });
      if (mismatch)
        throw new Error(`set-up: create_group of a ${slot.type} group in the ${slot.app} app: ${mismatch.problem}`);
      void expected;
      void observed;
    }
  }

  /** Destroys what the sequence left; answers are not judged. */
  async teardown(): Promise<void> {
    for (const [index, slot] of this.#opts.slots.entries()) {
      const groupId = this.groupIds[index];
      if (groupId === undefined) continue;
      await this.#opts.port
        .call('destroy_group', stringifyExact({ GroupId: groupId }), slot.app)
        .catch(() => undefined);
      this.#opts.port.forgetGroup?.(groupId, slot);
    }
  }

  async execute(step: StatefulStep): Promise<void> {
    const n = ++this.#steps;
    const { expected, observed, mismatch } = await this.#send(n, 'step', step);
    let adopt = false;
    if (mismatch) {
      this.#report(n, describeStep(step), mismatch);
      // A refused write changes nothing (documented): the model stays. A write the model
      // refused but the target took leaves a state only the read-back can tell.
      adopt = observed.errorCode === 0;
    }
    await this.#readBack(n, step, expected, adopt);
  }

  #gates(status: EvidenceStatus): boolean {
    return status !== 'inferred' || this.#opts.strict === true;
  }

  #report(n: number, what: string, mismatch: Mismatch): void {
    if (this.#gates(mismatch.status)) throw new StatefulMismatchError(n, what, mismatch);
    this.tentative.push({ step: n, operation: what, problem: mismatch.problem });
  }

  #bodyFor(step: StatefulStep): Record<string, unknown> {
    const slot = this.#opts.slots[step.slot]!;
    const GroupId = this.groupIds[step.slot]!;
    if (step.operation === 'create_group') return { Type: slot.type, Name: GROUP_NAME, GroupId };
    return { GroupId, ...step.body };
  }

  async #send(
    n: number,
    kind: TranscriptEntry['kind'],
    step: StatefulStep,
  ): Promise<{ expected: ExpectedAnswer; observed: Observed; mismatch: Mismatch | null }> {
    const body = this.#bodyFor(step);
    const { answer, next } = modelStep(
      this.state,
      { app: step.app, operation: step.operation, body },
      this.#opts.clock(),
    );
    const { observed, curl } = await this.#opts.port.call(step.operation, stringifyExact(body), step.app);
    if (kind !== 'setup') this.requests++;
    const mismatch = judgeAnswer(answer, observed);
    // A target that refused where the model wrote keeps the state before (a refused write
    // changes nothing); one that wrote where the model refused is adopted from the read-back.
    this.state = mismatch && observed.errorCode !== 0 ? this.#stateWithoutWrite(next, step) : next;
    const entry: TranscriptEntry = {
      n,
      kind,
      operation: step.operation,
      app: step.app,
      slot: step.slot,
      curl,
      observed: describeObserved(observed),
      expected: describeExpected(answer),
    };
    if (mismatch) entry.mismatch = mismatch;
    this.transcript.push(entry);
    return { expected: answer, observed, mismatch };
  }

  /** The model's next state minus the write itself (windows still counted): the target refused it. */
  #stateWithoutWrite(next: ModelState, step: StatefulStep): ModelState {
    const groupId = this.groupIds[step.slot]!;
    const before = this.state.apps.get(step.app)?.groups.get(groupId);
    const after = next.apps.get(step.app)?.groups.get(groupId);
    if (!before || !after) return before ? next : this.state;
    return withGroup(next, step.app, groupId, { ...before, attrWrites: after.attrWrites });
  }

  async #readBack(n: number, step: StatefulStep, expected: ExpectedAnswer, adopt: boolean): Promise<void> {
    const slot = this.#opts.slots[step.slot]!;
    // A read changes nothing and its answer was just compared: nothing to read back.
    if (step.operation === 'get_group_attr' || step.operation === 'get_group_counter') return;
    const reads: StepOperation[] = [];
    const touchesBoth = step.operation === 'destroy_group' || step.operation === 'create_group';
    if (touchesBoth || ATTR_OPERATIONS.has(step.operation)) reads.push('get_group_attr');
    if ((touchesBoth || COUNTER_OPERATIONS.has(step.operation)) && this.#opts.apps[slot.app]?.countersEdition)
      reads.push('get_group_counter');
    // Whatever the step was, the slot's state was decided by documented rows unless the answer
    // itself rested on an inferred one (duplicate keys, an empty key list, ...).
    const status: EvidenceStatus = expected.accepted ? (expected.stateStatus ?? expected.status) : 'documented';
    for (const operation of reads) {
      const read: StatefulStep = { app: slot.app, slot: step.slot, operation, body: {} };
      const { observed, mismatch } = await this.#send(n, 'read-back', read);
      if (!mismatch) continue;
      if (adopt || status === 'inferred') {
        this.#adopt(step.slot, operation, observed);
        if (!adopt)
          this.#report(n, `read-back after ${describeStep(step)}`, {
            status: 'inferred',
            problem: `${operation}: ${mismatch.problem}`,
          });
        continue;
      }
      this.#report(n, `read-back after ${describeStep(step)}`, {
        status,
        problem: `${operation}: ${mismatch.problem}`,
      });
    }
  }

  /** The model takes the target's state of one group after a tentative finding. */
  #adopt(slotIndex: number, operation: StepOperation, observed: Observed): void {
    const slot = this.#opts.slots[slotIndex]!;
    const groupId = this.groupIds[slotIndex]!;
    const group = this.state.apps.get(slot.app)?.groups.get(groupId);
    if (!group || observed.errorCode !== 0 || !observed.body) return;
    if (operation === 'get_group_attr' && Array.isArray(observed.body['GroupAttrAry'])) {
      const attrs = new Map<string, string>();
      for (const e of observed.body['GroupAttrAry'] as Array<Record<string, unknown>>)
        attrs.set(String(e['key']), String(e['value']));
      this.state = withGroup(this.state, slot.app, groupId, { ...group, attrs });
    }
    if (operation === 'get_group_counter' && Array.isArray(observed.body['GroupCounter'])) {
      const counters = new Map<string, bigint>();
      for (const e of observed.body['GroupCounter'] as Array<Record<string, unknown>>) {
        const value = counterInteger(e['Value']);
        if (value !== null) counters.set(String(e['Key']), value);
      }
      this.state = withGroup(this.state, slot.app, groupId, { ...group, counters });
    }
  }
}

/** 'modify_group_attr main→#1 {"GroupAttr":[...]}': how a step prints in a shrunk sequence. */
export function describeStep(step: StatefulStep): string {
  const body = Object.keys(step.body).length === 0 ? '' : ` ${abbreviate(stringifyExact(step.body))}`;
  return `${step.operation} ${step.app}→#${step.slot}${body}`;
}

/** Long values (4000-byte strings) shortened for messages: 'xxxx…(4000 bytes)'. */
export function abbreviate(text: string, max = 160): string {
  const shortened = text.replace(
    /"((?:[^"\\]|\\.){40,})"/g,
    (_m, inner: string) => `"${inner.slice(0, 12)}…(${Buffer.byteLength(inner, 'utf8')} bytes)"`,
  );
  return shortened.length > max ? `${shortened.slice(0, max)}…` : shortened;
}
