/**
 * The shapes every part of the project agrees on: the `x-tim-*` data carried by each operation
 * of specs/tim-chat.openapi.yaml, the limits of schemas/limits.json, the error catalogue of
 * schemas/error-codes.json, the resolved target a suite runs against, and the metadata a check
 * leaves on its vitest task for the runner's reports.
 *
 * Data lives in specs/ and schemas/; this file only names its shape, so that the loader, the
 * mock, the client and the suites cannot drift apart.
 */

/** Tencent's REST names for the five group types (Work = Private, Meeting = ChatRoom). */
export const GROUP_TYPES = ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/**
 * How sure we are of a behaviour (docs/behaviour.md):
 * documented and documented-set gate a release; inferred is tentative unless --strict.
 */
export type EvidenceStatus = 'documented' | 'documented-set' | 'inferred';

/** One expected outcome: a single code, or any of a documented set. */
export interface ExpectedCode {
  /** The code the reference mock answers. */
  code: number;
  /** Every code a conformant target may answer (includes `code`); absent = exactly `code`. */
  acceptable?: number[];
  status: EvidenceStatus;
  /** Where the behaviour (or the code's meaning) is written down. */
  docUrls: string[];
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// schemas/limits.json
// ---------------------------------------------------------------------------------------------

export type LimitId =
  | 'attr.key.maxBytes'
  | 'attr.value.maxBytes'
  | 'attr.keys.maxCount'
  | 'attr.values.totalMaxBytes'
  | 'attr.writes.perGroupPerSecond'
  | 'counter.key.maxBytes'
  | 'counter.keys.maxCount'
  | 'counter.value.int64'
  | 'api.calls.perSecond'
  | 'group.list.calls.perSecond'
  | 'group.list.pageSize.max'
  | 'group.name.maxBytes'
  | 'group.customId.maxBytes'
  | 'group.infoList.maxCount'
  | 'request.body.maxBytes'
  | 'server.timeout.seconds';

export interface Limit {
  id: LimitId;
  description: string;
  /** 'bytes' are UTF-8 bytes; 'int64' limits carry min/max as decimal strings. */
  unit: 'bytes' | 'count' | 'per-second' | 'int64' | 'seconds';
  /** Inclusive maximum (not for int64). */
  max?: number;
  /** Signed 64-bit range, as decimal strings because JSON numbers lose precision. */
  min64?: string;
  max64?: string;
  /** Counted on the state after the write (16 keys, 16000 bytes, 20 counters), not the request. */
  appliesAfterWrite?: boolean;
  /** What a request one past the limit gets. Absent when the limit has no answer of its own. */
  exceeded?: ExpectedCode;
  status: EvidenceStatus;
  docUrls: string[];
  note?: string;
}

export interface LimitsFile {
  limits: Limit[];
}

// ---------------------------------------------------------------------------------------------
// schemas/error-codes.json
// ---------------------------------------------------------------------------------------------

export interface ErrorCodeEntry {
  code: number;
  meaning: string;
  category: 'rest-common' | 'signature' | 'group' | 'success';
  /** Operation ids whose pages document this code (empty for the common codes). */
  operations: string[];
  /** Retrying the same call may succeed (10002, 60008, 70169). */
  retryable: boolean;
  docUrls: string[];
}

export interface ErrorCodesFile {
  codes: ErrorCodeEntry[];
}

// ---------------------------------------------------------------------------------------------
// The x-tim-* extensions on each operation of specs/tim-chat.openapi.yaml
// ---------------------------------------------------------------------------------------------

export type OperationFamily = 'group-attr' | 'group-counter' | 'group-fixture';

export interface GroupTypeSupport {
  supported: boolean;
  status: EvidenceStatus;
  /** For unsupported types: what the call answers (10007). */
  rejectedWith?: ExpectedCode;
  docUrls: string[];
}

export interface DocumentedError {
  code: number;
  meaning: string;
  status: EvidenceStatus;
  docUrls: string[];
}

export interface Disagreement {
  topic: string;
  sources: { url: string; says: string }[];
  /** What the behaviour profile (and so the mock and the suites) chose. */
  resolution: string;
  status: EvidenceStatus;
}

/** Everything a suite, the mock and the generator need about one operation. */
export interface OperationContract {
  /** The OpenAPI operationId, equal to the command: 'clear_group_attr'. */
  operationId: string;
  /**
   * The operation this one is a renamed copy of (a benchmark's doubled spec): the mock answers
   * it and the generated checks build its requests as the original's. Absent in the project's spec.
   */
  'x-tim-copy-of'?: string;
  service: string;
  command: string;
  /** `/v4/${service}/${command}` */
  path: string;
  /** Other paths the same operation answers on (get_group_attr under group_open_http_svc). */
  alternativePaths: string[];
  family: OperationFamily;
  'x-tim-docs': string[];
  'x-tim-group-types': Record<GroupType, GroupTypeSupport>;
  'x-tim-errors': DocumentedError[];
  /** The per-app, per-API call rate (200/s). */
  'x-tim-call-rate': {
    perSecond: number;
    /** 'group.list.calls.perSecond' for get_appid_group_list (1/s), else 'api.calls.perSecond'. */
    limitId: 'api.calls.perSecond' | 'group.list.calls.perSecond';
    status: EvidenceStatus;
  };
  /** Per-group write rate shared by the attribute writes (5/s), or null. */
  'x-tim-group-write-rate': {
    perSecond: number;
    limitId: 'attr.writes.perGroupPerSecond';
    status: EvidenceStatus;
  } | null;
  /** Ids into schemas/limits.json that this operation enforces. */
  'x-tim-limits': LimitId[];
  /** Edition needed (counters), or null. */
  'x-tim-edition': { required: string; names: string[]; missing: ExpectedCode } | null;
  /**
   * Whether a retry is safe. 'conditional' lists the request values that make a call unsafe to
   * repeat (update_group_counter with Mode Increase or Decrease).
   */
  'x-tim-idempotency':
    | { idempotent: true }
    | { idempotent: false; reason: string }
    | { idempotent: 'conditional'; unsafeWhen: { field: string; values: (string | null)[] }; reason: string };
  'x-tim-disagreements': Disagreement[];
  /** Whether the call is a write that counts toward the per-group attribute write rate. */
  'x-tim-counts-as-attr-write': boolean;
  /** JSON Schema files (relative to schemas/) for the bodies. */
  requestSchema: string;
  responseSchema: string;
  /**
   * Behaviour-profile rows specific to this operation (e.g. delete_group_attr 'missing-key' ->
   * 10050, update_group_counter 'mode-omitted' -> treated as Set). Added for the mock and suites.
   */
  'x-tim-cases': ProfileCase[];
  /** How Tencent's own OpenAPI 3.0.3 description differs for this operation. */
  'x-tim-tencent-openapi': TencentOpenApiComparison;
}

// ---------------------------------------------------------------------------------------------
// Additions (contract helper): profile rows, regions, the Tencent OpenAPI comparison
// ---------------------------------------------------------------------------------------------

/** Where a behaviour-profile row belongs (the sections of docs/behaviour.md). */
export type ProfileArea = 'transport' | 'query-signing' | 'groups' | 'group-attr' | 'group-counter' | 'rates';

/**
 * One row of the behaviour profile as data. `expected.code` 0 means "accepted" (the call
 * proceeds as if the case did not apply). The evidence status is `expected.status`.
 */
export interface ProfileCase {
  /** Stable id: 'signing.hmac-mismatch', 'groups.unknown-group', 'missing-key'. */
  id: string;
  area: ProfileArea;
  /** The case, in words. */
  description: string;
  expected: ExpectedCode;
  /** For query-signing rows: the position in which the checks apply (1 = first). */
  order?: number;
  /** The HTTP status of the answer when the row is about it (always 200 for API-level results). */
  httpStatus?: number;
  /** Rows about state: what reading the state back after the request must show. */
  readBack?: string;
  /**
   * true: any non-zero ErrorCode is conformant, so the rejection itself gates; `expected.code`
   * is the reference mock's code, whose exact value is a separate (usually inferred) row.
   */
  anyNonZeroCode?: boolean;
  /** The limits (schemas/limits.json ids) the row is about. */
  limits?: LimitId[];
}

/** A regional domain of the REST API (top-level `x-tim-regions`). */
export interface Region {
  /** Lower-case, hyphenated: 'singapore', 'silicon-valley'. */
  name: string;
  /** Short names users type: 'sgp', 'us'. */
  aliases: string[];
  host: string;
  /** Backup domain for DNS hijack cases; null when not confirmed by a Tencent page. */
  backupHost: string | null;
  status: EvidenceStatus;
  docUrls: string[];
  note?: string;
}

/** One difference between our contract and Tencent's OpenAPI 3.0.3 description. */
export interface TencentOpenApiDifference {
  topic: string;
  tencent: string;
  ours: string;
  /** Which side the current Tencent documents support. */
  supportedBy: 'ours' | 'tencent' | 'both' | 'neither' | 'unknown';
  docUrls: string[];
}

export interface TencentOpenApiComparison {
  /** The path the Tencent description uses, or null when it has no such operation. */
  tencentPath: string | null;
  differences: TencentOpenApiDifference[];
}

// ---------------------------------------------------------------------------------------------
// The target a run talks to (test-utils/config resolves it; the runner hands it to the suites)
// ---------------------------------------------------------------------------------------------

export interface AppCredentials {
  sdkappid: number;
  /** Never printed: every log, error and report goes through the redactor. */
  secretKey: string;
  admin: string;
}

export interface ResolvedTarget {
  /** 'mock' = the embedded reference mock, 'url' = any server, 'region' = the real API. */
  kind: 'mock' | 'url' | 'region';
  /** Origin without trailing slash: 'http://127.0.0.1:41234', 'https://adminapisgp.im.qcloud.com'. */
  baseUrl: string;
  region?: string;
  app: AppCredentials;
  /** The app without the counters' edition (10059 checks); absent = those checks are not run. */
  basicApp?: AppCredentials;
  seed: number;
  strict: boolean;
  reportDir: string;
  /** Prefix of every group id this run creates ('timc-<runId>-'), for cleanup and the janitor. */
  groupIdPrefix: string;
  /** Extra CA certificate (PEM) to trust, for https mocks with self-signed certificates. */
  caCert?: string;
  /** Host name -> 'ip' overrides inside the client's connector (region tests without internet). */
  resolve?: Record<string, string>;
  /** Cap on groups the run may create (--max-groups / TIM_MAX_GROUPS); absent = no cap. */
  maxGroups?: number;
}

/** The key under which the runner `provide`s the ResolvedTarget to suite workers. */
export const TARGET_PROVIDE_KEY = 'timTarget';

// ---------------------------------------------------------------------------------------------
// What each conformance check leaves on its vitest task (task.meta) for the reporters
// ---------------------------------------------------------------------------------------------

export interface CheckMeta {
  /** Stable id: '<operation>/<check>[/<groupType>]', e.g. 'clear_group_attr/clears-every-key/Public'. */
  id: string;
  operation: string;
  check: string;
  groupType?: GroupType;
  status: EvidenceStatus;
  /** documented/documented-set always gate; inferred gates only with --strict. */
  gating: boolean;
  docUrl: string;
}

export interface CheckFailure {
  /** A curl line that reproduces the request; usersig redacted. */
  curl: string;
  /** The parsed response body, or a description of the network outcome. */
  response: unknown;
  /** What the document says should have happened. */
  expected: string;
  docUrl: string;
  /** The class of problem, its title and grouping key (test-utils/check/failure-kinds.ts). */
  kind?: { kind: string; title: string; groupKey: string; operation?: string; family?: string };
  /** The request the failure is about, redacted, for `tim-conformance reproduce`. */
  request?: RecordedRequest;
}

/** A request as results.json keeps it: usersig redacted, so it must be signed afresh to resend. */
export interface RecordedRequest {
  operation: string;
  method: string;
  /** The whole URL as sent, usersig '<redacted>'. */
  url: string;
  body: string;
}

/** task.meta keys written by the check helpers and read by the runner's reporter. */
export interface TimTaskMeta {
  tim?: CheckMeta;
  timFailure?: CheckFailure;
  /** A check that could not run on this target (e.g. no basic app): the reason. */
  timNotRun?: string;
}
