/**
 * results.json: one entry per check with its id, verdict, gating decision and, for a failure,
 * the reproducible request. Built from what the checks left on task.meta (see
 * test-utils/check); validated in the project tests against results.schema.json.
 */
import type { CheckFailure, EvidenceStatus, GroupType, ResolvedTarget, TimTaskMeta } from '../contract/types.ts';
import type { MetaWithCodes, ProvokedCode } from '../check/provoked-codes.ts';
import { recordKind, type RecordedKind } from '../check/failure-kinds.ts';
import { rerunCommand, rerunTargetOf, type RerunTarget } from '../check/reproduction.ts';
import { specIdentity, type SpecIdentity } from './spec-identity.ts';

export type TestStatus = 'passed' | 'failed' | 'skipped';

export interface TestEntry {
  /** '<operation>/<check>[/<groupType>]' (or 'collection/<file>' for a suite file that failed to load). */
  id: string;
  title: string;
  operation: string;
  check: string;
  groupType: GroupType | null;
  status: TestStatus;
  gating: boolean;
  /** The evidence status of the behaviour checked. */
  evidence: EvidenceStatus | null;
  docUrl: string;
  failure?: {
    curl: string;
    response: unknown;
    expected: string;
    message: string;
    /** The request the failure is about (usersig redacted), for `tim-conformance reproduce`. */
    request?: CheckFailure['request'];
    /** The command that reruns exactly this check against the same target and seed. */
    rerun?: string;
  };
  /**
   * For a failed or not-run check: the class of problem (test-utils/check/failure-kinds.ts) with
   * its title and the key under which failures of one likely cause are grouped.
   */
  kind?: RecordedKind;
  /** Why a skipped check did not run. */
  reason?: string;
  durationMs?: number;
  /** The error codes the check expected and what the target answered (read by the spec coverage report). */
  codes?: ProvokedCode[];
  /**
   * Set when an expectations file lists this check (see test-utils/expectations): a listed
   * failure is an 'expected-failure' (and does not gate); a listed check that passed is an
   * 'unexpected-pass' (it gates: the file is out of date).
   */
  expectation?: { state: ExpectationState; reason: string };
}

export type ExpectationState = 'expected-failure' | 'unexpected-pass';

export interface ResultsSummary {
  passed: number;
  /** Failures of gating checks: any makes the run exit 1. */
  failed: number;
  skipped: number;
  /** Failures of tentative (inferred, not --strict) checks: reported, never gating. */
  tentativeFailed: number;
  /** With an expectations file: failures it lists (reported, not gating). */
  expectedFailed?: number;
  /** With an expectations file: listed checks that passed (gating: the file is out of date). */
  unexpectedPassed?: number;
}

/** The target as results.json shows it: never a secret key or a usersig. */
export interface TargetSummary extends RerunTarget {
  groupIdPrefix: string;
}

export interface ResultsFile {
  target: TargetSummary;
  seed: number;
  /** How the run ended: 'passed' | 'failed' | 'interrupted'. */
  runEnd: 'passed' | 'failed' | 'interrupted';
  summary: ResultsSummary;
  tests: TestEntry[];
  /** Present when the run used an expectations file. */
  expectations?: ExpectationsUsed;
  /** The contract the run was judged against (merge refuses runs of different ones). */
  spec?: SpecIdentity;
}

export interface ExpectationsUsed {
  /** The file as given on the command line. */
  file: string;
  /** How many check ids it lists. */
  listed: number;
  /** Listed ids that did not run to a verdict in this run (filtered out, not run, absent). */
  notRun: string[];
}

/** What a failure's rerun command needs of the target, and the run's group-id prefix. */
export function summariseTarget(target: ResolvedTarget): TargetSummary {
  return { ...rerunTargetOf(target), groupIdPrefix: target.groupIdPrefix };
}

/** A finished test as the reporter sees it (a thin, testable view of vitest's TestCase). */
export interface FinishedTest {
  name: string;
  /** File path relative to the repository. */
  file: string;
  meta: TimTaskMeta;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  errors: { message: string }[];
  skipNote?: string;
  durationMs?: number;
}

export function entryFromTest(test: FinishedTest): TestEntry {
  const tim = test.meta.tim;
  const entry: TestEntry = tim
    ? {
        id: tim.id,
        title: test.name,
        operation: tim.operation,
        check: tim.check,
        groupType: tim.groupType ?? null,
        status: 'passed',
        gating: tim.gating,
        evidence: tim.status,
        docUrl: tim.docUrl,
      }
    : {
        // A plain vitest test inside suites/: treat it as gating so it cannot be ignored.
        id: `${test.file}/${test.name}`,
        title: test.name,
        operation: '',
        check: test.name,
        groupType: null,
        status: 'passed',
        gating: true,
        evidence: null,
        docUrl: '',
      };
  if (test.durationMs !== undefined) entry.durationMs = Math.round(test.durationMs);
  const codes = (test.meta as MetaWithCodes).timCodes;
  if (codes && codes.length > 0) entry.codes = codes;
  if (test.state === 'failed') {
    entry.status = 'failed';
    const recorded: CheckFailure | undefined = test.meta.timFailure;
    const raw = test.errors.map((e) => e.message).join('\n') || 'the check failed';
    // Messages from the check helpers start with the id; plain errors get it so every line names its check.
    const message = raw.startsWith(entry.id) ? raw : `${entry.id}: ${raw}`;
    entry.failure = {
      curl: recorded?.curl ?? '',
      response: recorded?.response ?? null,
      expected: recorded?.expected ?? message,
      message,
    };
    if (recorded?.request) entry.failure.request = recorded.request;
    entry.kind =
      (recorded?.kind as RecordedKind | undefined) ??
      recordKind({ kind: 'check-error', message: raw, ...(tim ? { operation: tim.operation } : {}) });
  } else if (test.state === 'skipped' || test.state === 'pending') {
    entry.status = 'skipped';
    entry.reason =
      test.meta.timNotRun ??
      test.skipNote ??
      (test.state === 'pending' ? 'the run ended before this check ran' : 'skipped');
    entry.kind = recordKind({ kind: 'not-run', reason: entry.reason, ...(tim ? { operation: tim.operation } : {}) });
  }
  return entry;
}

/** A failure that is not one check's: a suite file that failed to load, an unhandled error. */
export function runErrorEntry(id: string, message: string): TestEntry {
  return {
    id,
    title: id,
    operation: '',
    check: id,
    groupType: null,
    status: 'failed',
    gating: true,
    evidence: null,
    docUrl: '',
    failure: { curl: '', response: null, expected: 'the suites load and run without errors', message },
    kind: recordKind({ kind: 'check-error', message }),
  };
}

/** Marks the second and later uses of one id as gating failures (ids must be unique). */
export function flagDuplicateIds(entries: TestEntry[]): TestEntry[] {
  const seen = new Set<string>();
  return entries.map((entry) => {
    if (!seen.has(entry.id)) {
      seen.add(entry.id);
      return entry;
    }
    return {
      ...runErrorEntry(entry.id, `duplicate check id '${entry.id}': every check id must be unique`),
      title: entry.title,
    };
  });
}

/** `withExpectations` adds the expected-failure and unexpected-pass counts (only runs with a file show them). */
export function summarise(tests: TestEntry[], withExpectations = false): ResultsSummary {
  const summary: ResultsSummary = { passed: 0, failed: 0, skipped: 0, tentativeFailed: 0 };
  let expectedFailed = 0;
  let unexpectedPassed = 0;
  for (const test of tests) {
    if (test.expectation?.state === 'unexpected-pass') unexpectedPassed++;
    if (test.status === 'passed') summary.passed++;
    else if (test.status === 'skipped') summary.skipped++;
    else if (test.expectation?.state === 'expected-failure') expectedFailed++;
    else if (test.gating) summary.failed++;
    else summary.tentativeFailed++;
  }
  if (withExpectations) Object.assign(summary, { expectedFailed, unexpectedPassed });
  return summary;
}

export function buildResults(
  target: ResolvedTarget,
  tests: TestEntry[],
  runEnd: ResultsFile['runEnd'],
  /** The run's --suites directory when not suites/ (each failure's rerun command needs it). */
  suitesDir?: string,
): ResultsFile {
  const unique = flagDuplicateIds(tests);
  const summary = summariseTarget(target);
  for (const test of unique) {
    if (test.failure && test.operation !== '')
      test.failure.rerun = rerunCommand({ target: summary, seed: target.seed, ...(suitesDir ? { suitesDir } : {}) }, [
        test.id,
      ]);
  }
  return {
    target: summary,
    seed: target.seed,
    runEnd,
    summary: summarise(unique),
    tests: unique,
    spec: specIdentity(),
  };
}

/** True when no check ran to a verdict (nothing collected, all filtered or not run). */
export function nothingRan(results: ResultsFile): boolean {
  const { passed, failed, tentativeFailed, expectedFailed = 0 } = results.summary;
  return passed + failed + tentativeFailed + expectedFailed === 0;
}

/**
 * 0 = no gating failure; 1 = a gating failure, an unexpected pass (the expectations file is out
 * of date), or no check ran at all (that pass would mean nothing).
 */
export function exitCodeFor(results: ResultsFile): 0 | 1 {
  if (results.summary.failed > 0) return 1;
  if ((results.summary.unexpectedPassed ?? 0) > 0) return 1;
  if (nothingRan(results)) return 1;
  return 0;
}
