/**
 * The spec coverage of one run (coverage.json): per operation of the spec, which group types,
 * documented error codes, limits and request fields the run's checks exercised — whichever suite
 * they live in. Codes come from what each check recorded (results.json `codes`: the codes it
 * expected from an operation and the code the target answered); group types, limits and fields
 * from the check ids that ran. Pure: a ResultsFile and the contract in, the report out.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import {
  errorCodes as catalogueCodes,
  limits as contractLimits,
  loadSpec,
  operations,
  profileCase,
} from '../contract/index.ts';
import { SCHEMAS_DIR } from '../contract/paths.ts';
import type { ErrorCodeEntry, EvidenceStatus, GroupType, Limit } from '../contract/types.ts';
import { GROUP_TYPES } from '../contract/types.ts';
import type { ResultsFile, TestEntry } from '../runner/results.ts';
import { caseId, generateSuite } from './cases.ts';
import { requestFields } from './request-fields.ts';

export interface CodeCoverage {
  code: number;
  meaning: string;
  /** How sure the documents are that the operation answers it. */
  status: EvidenceStatus;
  /** Checks that expected this code from the operation (alone or in a documented set). */
  expectedBy: string[];
  /** Checks to which the target answered this code when they expected it. */
  provokedBy: string[];
  /**
   * Checks that accepted this code only as one of a documented set (the target may answer any
   * of them). A code only ever accepted this way and never answered is "accepted, never provoked":
   * not covered, and listed apart (`acceptedNeverProvoked`).
   */
  acceptedBy: string[];
  /** Covered: some check provoked it (the target answered it). Expecting it is not enough. */
  covered: boolean;
  /** Generated cases of the spec that expect it (whether or not they ran). */
  generatedCases: string[];
  /** Why no request can provoke it on the reference mock (contract data), or null. */
  noCase: string | null;
}

export interface LimitCoverage {
  id: string;
  /** Check ids that exercised it: its generated cases, or checks that set out to provoke its own code. */
  exercisedBy: string[];
}

export interface FieldCoverage {
  name: string;
  required: boolean;
  /** Generated missing-field and wrong-type checks of the field that ran. */
  exercisedBy: string[];
}

export interface OperationRunCoverage {
  operation: string;
  groupTypes: { exercised: GroupType[]; notExercised: GroupType[] };
  codes: CodeCoverage[];
  limits: LimitCoverage[];
  fields: FieldCoverage[];
}

/** A catalogue code that no operation documents (the common REST and signature codes). */
export interface CommonCodeCoverage {
  code: number;
  meaning: string;
  category: ErrorCodeEntry['category'];
  expectedBy: string[];
  provokedBy: string[];
  acceptedBy: string[];
  covered: boolean;
  noCase: string | null;
}

/** A code that checks accepted only inside a documented set, and that the target never answered. */
export interface AcceptedNeverProvoked {
  /** The operation that documents it, or null for a common code (no operation documents it). */
  operation: string | null;
  code: number;
  meaning: string;
  /** The checks that accepted it as one of several codes. */
  acceptedBy: string[];
}

export interface CoverageReport {
  seed: number;
  target: { kind: string; baseUrl: string };
  summary: {
    operations: number;
    /** (operation, code) pairs the spec documents. */
    documentedCodes: number;
    /** Of those: expected by some check of the run. */
    expected: number;
    /** Of those: answered by the target to a check that expected it (covered). */
    provoked: number;
    /** Of those: not provoked, and only ever accepted inside a documented set (listed apart). */
    acceptedNeverProvoked: number;
    /** Of those: marked in the contract data as impossible to provoke on the reference mock. */
    noCase: number;
  };
  operations: OperationRunCoverage[];
  commonCodes: CommonCodeCoverage[];
  /** Codes (documented per operation, or common) accepted inside a set and never answered. */
  acceptedNeverProvoked: AcceptedNeverProvoked[];
}

export interface RunCoverageOptions {
  spec?: OpenAPIV3_1.Document;
  catalogue?: ErrorCodeEntry[];
  limits?: Limit[];
  schemasDir?: string;
}

type NoCaseData = { noCase?: string };

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

/** Entries that ran to a verdict: a skipped (not run) check exercised nothing. */
function ran(results: ResultsFile): TestEntry[] {
  return results.tests.filter((t) => t.status !== 'skipped');
}

/**
 * Check ids that expected `code` from `operation`, those that got it, and those that accepted it
 * only as one of several codes. Covered means provoked: the target answered it.
 */
function codeEvidence(entries: TestEntry[], operation: string | undefined, code: number) {
  const expectedBy: string[] = [];
  const provokedBy: string[] = [];
  const acceptedBy: string[] = [];
  for (const entry of entries) {
    const records = (entry.codes ?? []).filter(
      (r) => (operation === undefined || r.operation === operation) && r.expected.includes(code),
    );
    if (records.length === 0) continue;
    expectedBy.push(entry.id);
    if (records.some((r) => r.observed === code)) provokedBy.push(entry.id);
    if (records.every((r) => r.expected.length > 1)) acceptedBy.push(entry.id);
  }
  const provoked = unique(provokedBy);
  return {
    expectedBy: unique(expectedBy),
    provokedBy: provoked,
    acceptedBy: unique(acceptedBy),
    covered: provoked.length > 0,
  };
}

/** Accepted only inside a set, by every check that expected it, and never answered. */
function onlyAccepted(c: { expectedBy: string[]; acceptedBy: string[]; covered: boolean }): boolean {
  return !c.covered && c.expectedBy.length > 0 && c.acceptedBy.length === c.expectedBy.length;
}

export function runCoverage(results: ResultsFile, options: RunCoverageOptions = {}): CoverageReport {
  const spec = options.spec ?? loadSpec();
  const catalogue = options.catalogue ?? catalogueCodes();
  const allLimits = options.limits ?? contractLimits();
  const schemasDir = options.schemasDir ?? SCHEMAS_DIR;
  const suite = generateSuite({ spec, limits: allLimits, schemasDir });
  const invalidParameter = profileCase('groups.missing-group-id').expected.code;
  const entries = ran(results);
  const ranIds = new Set(entries.map((e) => e.id));
  const catalogueNoCase = new Map(catalogue.map((c) => [c.code, (c as ErrorCodeEntry & NoCaseData).noCase ?? null]));

  const ops = operations(spec);
  const rows: OperationRunCoverage[] = ops.map((op) => {
    const mine = entries.filter((e) => e.operation === op.operationId);
    const typesRun = new Set(mine.flatMap((e) => (e.groupType ? [e.groupType] : [])));
    const generated = suite.cases.filter((c) => c.operation === op.operationId);
    const ranGenerated = generated.filter((c) => ranIds.has(caseId(c)));

    const codes = op['x-tim-errors'].map((documented): CodeCoverage => {
      const evidence = codeEvidence(entries, op.operationId, documented.code);
      return {
        code: documented.code,
        meaning: documented.meaning,
        status: documented.status,
        ...evidence,
        generatedCases: generated
          .filter((c) => c.expected.code === documented.code || (c.expected.acceptable ?? []).includes(documented.code))
          .map(caseId),
        noCase: (documented as typeof documented & NoCaseData).noCase ?? catalogueNoCase.get(documented.code) ?? null,
      };
    });

    // A limit's own code (shared with no other limit of the operation, and not the generic
    // invalid-parameter answer) names it: a hand-written check that provoked it exercised the limit.
    const limitsOfOp = op['x-tim-limits']
      .map((id) => allLimits.find((l) => l.id === id))
      .filter((l): l is Limit => !!l);
    const ownCode = (limit: Limit): number | undefined => {
      const code = limit.exceeded?.code;
      if (code === undefined || code === invalidParameter) return undefined;
      return limitsOfOp.some((other) => other.id !== limit.id && other.exceeded?.code === code) ? undefined : code;
    };
    const limitRows = op['x-tim-limits'].map((id): LimitCoverage => {
      const limit = allLimits.find((l) => l.id === id);
      const byCases = ranGenerated.filter((c) => c.kind === 'limit' && c.limitId === id).map(caseId);
      const code = limit ? ownCode(limit) : undefined;
      const byCode = code === undefined ? [] : codeEvidence(entries, op.operationId, code).expectedBy;
      return { id, exercisedBy: unique([...byCases, ...byCode]) };
    });

    const fieldRows = requestFields(schemasDir, op.requestSchema).map((field): FieldCoverage => ({
      name: field.name,
      required: field.required,
      exercisedBy: ranGenerated
        .filter((c) => (c.kind === 'missing-field' || c.kind === 'wrong-type') && c.field === field.name)
        .map(caseId),
    }));

    return {
      operation: op.operationId,
      groupTypes: {
        exercised: GROUP_TYPES.filter((t) => typesRun.has(t)),
        notExercised: GROUP_TYPES.filter((t) => !typesRun.has(t)),
      },
      codes,
      limits: limitRows,
      fields: fieldRows,
    };
  });

  const documentedAnywhere = new Set(ops.flatMap((op) => op['x-tim-errors'].map((e) => e.code)));
  const commonCodes = catalogue
    .filter((entry) => entry.code !== 0 && !documentedAnywhere.has(entry.code))
    .map((entry): CommonCodeCoverage => ({
      code: entry.code,
      meaning: entry.meaning,
      category: entry.category,
      ...codeEvidence(entries, undefined, entry.code),
      noCase: catalogueNoCase.get(entry.code) ?? null,
    }));

  const all = rows.flatMap((r) => r.codes);
  const acceptedNeverProvoked: AcceptedNeverProvoked[] = [
    ...rows.flatMap((r) =>
      r.codes
        .filter(onlyAccepted)
        .map((c) => ({ operation: r.operation, code: c.code, meaning: c.meaning, acceptedBy: c.acceptedBy })),
    ),
    ...commonCodes
      .filter(onlyAccepted)
      .map((c) => ({ operation: null, code: c.code, meaning: c.meaning, acceptedBy: c.acceptedBy })),
  ];
  return {
    seed: results.seed,
    target: { kind: results.target.kind, baseUrl: results.target.baseUrl },
    summary: {
      operations: rows.length,
      documentedCodes: all.length,
      expected: all.filter((c) => c.expectedBy.length > 0).length,
      provoked: all.filter((c) => c.covered).length,
      acceptedNeverProvoked: all.filter(onlyAccepted).length,
      noCase: all.filter((c) => c.noCase !== null).length,
    },
    operations: rows,
    commonCodes,
    acceptedNeverProvoked,
  };
}

/**
 * What the coverage gate refuses, in words, for the codes each operation documents (x-tim-errors):
 * one without a noCase reason that no check provoked (expecting it is not covering it), and one
 * marked noCase that a check provoked anyway (the mark is stale). A code that checks only accept
 * inside a documented set, and that the target answers with another member, is not a gap of the
 * suite: it is listed apart as "accepted, never provoked". The common codes are reported, not
 * gated: their only producers are checks such as the per-API burst, which report "not run" where
 * a machine cannot burst in time.
 */
export function coverageProblems(report: CoverageReport): string[] {
  const problems: string[] = [];
  const judge = (where: string, code: CodeCoverage) => {
    const covered = code.covered ?? code.provokedBy.length > 0;
    if (code.noCase === null && code.expectedBy.length === 0) {
      problems.push(
        `${where} ${code.code}: documented, not marked noCase (so the reference mock can answer it), and no check of the run expected it: add a case, or a noCase reason to the contract data`,
      );
    } else if (
      code.noCase === null &&
      !covered &&
      !onlyAccepted({ ...code, acceptedBy: code.acceptedBy ?? [], covered })
    ) {
      problems.push(
        `${where} ${code.code}: documented and expected by ${code.expectedBy[0]}${code.expectedBy.length > 1 ? ` (+${code.expectedBy.length - 1})` : ''}, but the target never answered it: not covered`,
      );
    }
    if (code.noCase !== null && code.provokedBy.length > 0) {
      problems.push(
        `${where} ${code.code}: marked noCase ("${code.noCase}") but provoked by ${code.provokedBy[0]}: remove the mark`,
      );
    }
  };
  for (const row of report.operations) for (const code of row.codes) judge(row.operation, code);
  return problems;
}
