/**
 * The replay file: a shrunk stateful sequence as data (which groups, which requests in which
 * order), written to the report directory when the stateful check fails and read by
 * `tim-conformance replay`. Integers are exact (int64 counter values), so the file is written
 * and read with lossless JSON. Format: test-utils/stateful/replay.schema.json, docs/stateful.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROUP_TYPES } from '../contract/types.ts';
import type { GroupType } from '../contract/types.ts';
import { parseExact, stringifyExact } from './exact-json.ts';
import type { StatefulFailure } from './run-property.ts';
import {
  ATTR_OPERATIONS,
  COUNTER_OPERATIONS,
  SLOT_LAYOUTS,
  type AppName,
  type GroupSlot,
  type StatefulKind,
  type StatefulStep,
  type StepOperation,
} from './steps.ts';

export const REPLAY_FORMAT = 'tim-conformance/stateful-replay';
export const REPLAY_VERSION = 1;

export interface ReplayFile {
  format: typeof REPLAY_FORMAT;
  version: typeof REPLAY_VERSION;
  kind: StatefulKind;
  /** The run's seed and fast-check's own, to find the same case again with `run --seed`. */
  seed: number;
  fastCheck?: { seed: number; path?: string };
  groups: GroupSlot[];
  steps: Array<StatefulStep & { n: number }>;
  /** What the failing run saw (informative; replay judges afresh). */
  mismatch?: { step: number; problem: string };
}

export class ReplayFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayFileError';
  }
}

export function buildReplayFile(
  kind: StatefulKind,
  seed: number,
  failure: StatefulFailure,
  mismatch?: { step: number; problem: string },
): ReplayFile {
  return {
    format: REPLAY_FORMAT,
    version: REPLAY_VERSION,
    kind,
    seed,
    fastCheck: { seed: failure.fcSeed, ...(failure.fcPath ? { path: failure.fcPath } : {}) },
    groups: SLOT_LAYOUTS[kind].map((slot) => ({ ...slot })),
    steps: failure.steps.map((step, i) => ({ n: i + 1, ...step })),
    ...(mismatch ? { mismatch } : {}),
  };
}

/** Writes DIR/stateful/<kind>-seed<seed>[-<label>].replay.json and returns its path. */
export function writeReplayFile(reportDir: string, file: ReplayFile, label = ''): string {
  const dir = join(reportDir, 'stateful');
  mkdirSync(dir, { recursive: true });
  const safeLabel = label === '' ? '' : `-${label.replace(/[^A-Za-z0-9.-]+/g, '_')}`;
  const path = join(dir, `${file.kind}-seed${file.seed}${safeLabel}.replay.json`);
  writeFileSync(path, `${stringifyExact(file, 2)}\n`);
  return path;
}

const KINDS: readonly StatefulKind[] = ['attributes', 'counters', 'isolation'];
const APPS: readonly AppName[] = ['main', 'basic'];
const OPERATIONS: readonly StepOperation[] = [
  ...ATTR_OPERATIONS,
  ...COUNTER_OPERATIONS,
  'destroy_group',
  'create_group',
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function smallInt(value: unknown): number | undefined {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

/** Parses and checks a replay file's text; every problem is one line naming the field. */
export function parseReplayFile(text: string): ReplayFile {
  let data: unknown;
  try {
    data = parseExact(text);
  } catch {
    throw new ReplayFileError('the replay file is not valid JSON');
  }
  if (!isObject(data)) throw new ReplayFileError('the replay file is not a JSON object');
  if (data['format'] !== REPLAY_FORMAT) throw new ReplayFileError(`format must be "${REPLAY_FORMAT}"`);
  if (smallInt(data['version']) !== REPLAY_VERSION) throw new ReplayFileError(`version must be ${REPLAY_VERSION}`);
  const kind = data['kind'];
  if (!KINDS.includes(kind as StatefulKind)) throw new ReplayFileError(`kind must be one of ${KINDS.join(', ')}`);
  const seed = smallInt(data['seed']);
  if (seed === undefined) throw new ReplayFileError('seed must be an integer');
  const groups = data['groups'];
  if (!Array.isArray(groups) || groups.length === 0) throw new ReplayFileError('groups must be a non-empty array');
  const slots: GroupSlot[] = groups.map((g, i) => {
    if (
      !isObject(g) ||
      !APPS.includes(g['app'] as AppName) ||
      !(GROUP_TYPES as readonly string[]).includes(g['type'] as string)
    ) {
      throw new ReplayFileError(
        `groups[${i}] must be { "app": "main"|"basic", "type": one of ${GROUP_TYPES.join(', ')} }`,
      );
    }
    return { app: g['app'] as AppName, type: g['type'] as GroupType };
  });
  const steps = data['steps'];
  if (!Array.isArray(steps) || steps.length === 0) throw new ReplayFileError('steps must be a non-empty array');
  const parsed = steps.map((s, i) => {
    const where = `steps[${i}]`;
    if (!isObject(s)) throw new ReplayFileError(`${where} must be an object`);
    if (!APPS.includes(s['app'] as AppName)) throw new ReplayFileError(`${where}.app must be "main" or "basic"`);
    const slot = smallInt(s['slot']);
    if (slot === undefined || slot < 0 || slot >= slots.length)
      throw new ReplayFileError(`${where}.slot must be an index into groups (0..${slots.length - 1})`);
    if (!OPERATIONS.includes(s['operation'] as StepOperation))
      throw new ReplayFileError(`${where}.operation must be one of ${OPERATIONS.join(', ')}`);
    if (!isObject(s['body']))
      throw new ReplayFileError(`${where}.body must be an object (the request body without GroupId)`);
    return {
      n: smallInt(s['n']) ?? i + 1,
      app: s['app'] as AppName,
      slot,
      operation: s['operation'] as StepOperation,
      body: s['body'] as Record<string, unknown>,
    };
  });
  const file: ReplayFile = {
    format: REPLAY_FORMAT,
    version: REPLAY_VERSION,
    kind: kind as StatefulKind,
    seed,
    groups: slots,
    steps: parsed,
  };
  return file;
}
