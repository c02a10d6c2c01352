/**
 * Compares what a target answered with what the model expects. Pure: a mismatch is described
 * in words with the status of the profile row it breaks (documented rows gate, inferred rows
 * are tentative findings).
 */
import type { EvidenceStatus } from '../contract/types.ts';
import type { AttrEntry, CounterEntry, ExpectedAnswer } from '../model/index.ts';
import { stringifyExact } from './exact-json.ts';

export interface Observed {
  /** The envelope's ErrorCode, or undefined when there was no usable envelope. */
  errorCode: number | undefined;
  /** The body parsed with exact integers. */
  body: Record<string, unknown> | undefined;
  /** Why there is no envelope (network error, HTTP status, not JSON). */
  problem?: string;
}

export interface Mismatch {
  status: EvidenceStatus;
  problem: string;
}

export function describeExpected(answer: ExpectedAnswer): string {
  if (answer.accepted) {
    const data = answer.fields?.GroupAttrAry ?? answer.fields?.GroupCounter;
    return `ErrorCode 0 (${answer.status})${data ? ` with ${stringifyExact(sortEntries(data))}` : ''}`;
  }
  const codes = answer.codes.length > 1 ? `one of ${answer.codes.join(', ')}` : `${answer.codes[0]}`;
  return `refused (${answer.status}), ErrorCode ${codes} (${answer.codeStatus})`;
}

export function describeObserved(observed: Observed): string {
  if (observed.errorCode === undefined) return observed.problem ?? 'no envelope';
  const body = observed.body ?? {};
  const data = body['GroupAttrAry'] ?? body['GroupCounter'];
  return `ErrorCode ${observed.errorCode}${observed.errorCode === 0 && data !== undefined ? ` with ${stringifyExact(sortEntries(data))}` : ''}`;
}

function keyOf(entry: unknown): string {
  if (entry === null || typeof entry !== 'object') return '';
  const e = entry as Record<string, unknown>;
  return String(e['key'] ?? e['Key'] ?? '');
}

/** Entries in key order (the documents do not say in which order a read lists them). */
export function sortEntries(entries: unknown): unknown {
  if (!Array.isArray(entries)) return entries;
  return [...entries].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

/** The same entries in key order, each entry as `same` judges it against the model's. */
function sameEntries<W>(
  actual: unknown,
  wanted: W[],
  same: (entry: Record<string, unknown>, wanted: W) => boolean,
): boolean {
  if (!Array.isArray(actual) || actual.length !== wanted.length) return false;
  const a = sortEntries(actual) as unknown[];
  const w = sortEntries(wanted) as W[];
  return a.every(
    (entry, i) => entry !== null && typeof entry === 'object' && same(entry as Record<string, unknown>, w[i]!),
  );
}

function sameAttrs(actual: unknown, wanted: AttrEntry[]): boolean {
  return sameEntries(actual, wanted, (entry, w) => entry['key'] === w.key && entry['value'] === w.value);
}

function sameCounters(actual: unknown, wanted: CounterEntry[]): boolean {
  return sameEntries(
    actual,
    wanted,
    (entry, w) => entry['Key'] === w.Key && typeof entry['Value'] === 'bigint' && entry['Value'] === w.Value,
  );
}

/** null when the answer conforms to the model's. */
export function judgeAnswer(expected: ExpectedAnswer, observed: Observed): Mismatch | null {
  if (observed.errorCode === undefined)
    return { status: 'documented', problem: observed.problem ?? 'no JSON envelope' };
  const wasAccepted = observed.errorCode === 0;
  if (wasAccepted !== expected.accepted) {
    return {
      status: expected.status,
      problem: `answered ${describeObserved(observed)}, the model expects ${describeExpected(expected)}`,
    };
  }
  if (!wasAccepted) {
    if (expected.codes.includes(observed.errorCode)) return null;
    return {
      status: expected.codeStatus,
      problem: `refused with ErrorCode ${observed.errorCode}, the model expects ${describeExpected(expected)}`,
    };
  }
  const body = observed.body ?? {};
  const fields = expected.fields;
  if (fields?.GroupAttrAry && !sameAttrs(body['GroupAttrAry'], fields.GroupAttrAry)) {
    return {
      status: expected.status,
      problem: `GroupAttrAry is ${stringifyExact(sortEntries(body['GroupAttrAry']) ?? null)}, the model expects ${stringifyExact(sortEntries(fields.GroupAttrAry))}`,
    };
  }
  if (fields?.GroupCounter && !sameCounters(body['GroupCounter'], fields.GroupCounter)) {
    return {
      status: expected.status,
      problem: `GroupCounter is ${stringifyExact(sortEntries(body['GroupCounter']) ?? null)}, the model expects ${stringifyExact(sortEntries(fields.GroupCounter))}`,
    };
  }
  return null;
}

/** The observed envelope from a parsed body (ErrorCode parsed exactly comes back as a bigint). */
export function observe(body: unknown, problem?: string): Observed {
  if (problem !== undefined) return { errorCode: undefined, body: undefined, problem };
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { errorCode: undefined, body: undefined, problem: 'the body is not a JSON object' };
  const record = body as Record<string, unknown>;
  const code = record['ErrorCode'];
  const n = typeof code === 'bigint' ? Number(code) : code;
  if (typeof n !== 'number' || !Number.isInteger(n))
    return {
      errorCode: undefined,
      body: record,
      problem: `ErrorCode is ${stringifyExact(code ?? null)}, not an integer`,
    };
  return { errorCode: n, body: record };
}
