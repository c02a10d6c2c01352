/**
 * Typed failures (after Schemathesis' core/failures.py): one kind per class of problem, each with
 * a title a person reads and a grouping key under which failures of one likely cause fall
 * together. The check context chooses the kind where it judges (expectErrorCode → wrong-code,
 * a schema or envelope violation → wrong-shape, expectThat/expectEqual → wrong-state, no HTTP
 * answer → transport, ctx.notRun → not-run); results.json carries it as `kind` on the entry.
 *
 * The grouping rule (terminal summary, report.html, report.md, SDK-gate rules):
 *   wrong-code   family of the answering operation + expected codes + answered code
 *                (one wrong limit on modify_group_attr answering 10004 instead of 10007 is one
 *                group, whichever checks and group types met it)
 *   wrong-shape  family + where (envelope, or the first schema path) — one malformed field
 *   wrong-state  family + the operation whose read-back disagreed
 *   transport    the cause alone (refused, reset, timeout, HTTP 5xx): it is the target's, not an
 *                operation's
 *   not-run      the reason with numbers and quoted values removed
 *   check-error  the first line of the error with numbers and quoted values removed
 * The family is the operation's x-tim-family in the spec (group-attr, group-counter,
 * group-fixture …); an operation outside the spec stands for itself.
 */

export const FAILURE_KINDS = [
  'wrong-code',
  'wrong-shape',
  'wrong-state',
  'transport',
  'not-run',
  'check-error',
] as const;
export type FailureKindName = (typeof FAILURE_KINDS)[number];

interface KindBase {
  /** The operation of the request the failure is about (not necessarily the check's). */
  operation?: string;
  /** Its x-tim-family, or the operation itself outside the spec. */
  family?: string;
}

export interface WrongCode extends KindBase {
  kind: 'wrong-code';
  /** The codes the document allows (0 = success). */
  expectedCodes: number[];
  answeredCode: number;
}

export interface WrongShape extends KindBase {
  kind: 'wrong-shape';
  /** 'envelope', or the first schema path that failed ('/GroupAttrAry/0/key'). */
  where: string;
}

export interface WrongState extends KindBase {
  kind: 'wrong-state';
}

export interface Transport extends KindBase {
  kind: 'transport';
  /** 'ECONNREFUSED', 'timeout', 'HTTP 502' … */
  cause: string;
}

export interface NotRun extends KindBase {
  kind: 'not-run';
  reason: string;
}

export interface CheckError extends KindBase {
  kind: 'check-error';
  message: string;
}

export type FailureKind = WrongCode | WrongShape | WrongState | Transport | NotRun | CheckError;

/** What results.json carries: the kind with its title and grouping key worked out. */
export type RecordedKind = FailureKind & { title: string; groupKey: string };

function codeText(code: number): string {
  return code === 0 ? 'OK (0)' : String(code);
}

/** Numbers, quoted text and group ids vary between checks of one cause; the key leaves them out. */
export function normaliseReason(text: string): string {
  return (text.split('\n')[0] ?? '')
    .replace(/"[^"]*"|'[^']*'/g, '…')
    .replace(/@TGS#\S+|timc-[a-z0-9]{8}-\S*/g, '…')
    .replace(/\d+/g, 'N')
    .trim();
}

/** The title names what the grouping key names (the family, not one operation), so a group's title fits every member. */
export function failureTitle(kind: FailureKind): string {
  const family = kind.family ?? kind.operation;
  const where = family ? ` from ${family}` : '';
  switch (kind.kind) {
    case 'wrong-code':
      return `Wrong error code${where}: answered ${codeText(kind.answeredCode)}, documented ${kind.expectedCodes.map(codeText).join(' or ')}`;
    case 'wrong-shape':
      return kind.where === 'envelope'
        ? `Malformed envelope${where}`
        : `Response does not match its schema${where} at ${kind.where}`;
    case 'wrong-state':
      return `State not as documented${kind.operation ? ` after ${kind.operation}` : ''}`;
    case 'transport':
      return `No valid HTTP answer: ${kind.cause}`;
    case 'not-run':
      return `Not run: ${normaliseReason(kind.reason)}`;
    case 'check-error':
      return `The check itself failed: ${normaliseReason(kind.message)}`;
  }
}

export function groupKey(kind: FailureKind): string {
  const family = kind.family ?? kind.operation ?? '';
  switch (kind.kind) {
    case 'wrong-code':
      return `wrong-code|${family}|${[...kind.expectedCodes].sort((a, b) => a - b).join(',')}|${kind.answeredCode}`;
    case 'wrong-shape':
      return `wrong-shape|${family}|${kind.where}`;
    case 'wrong-state':
      return `wrong-state|${family}|${kind.operation ?? ''}`;
    case 'transport':
      return `transport|${kind.cause}`;
    case 'not-run':
      return `not-run|${normaliseReason(kind.reason)}`;
    case 'check-error':
      return `check-error|${normaliseReason(kind.message)}`;
  }
}

export function recordKind(kind: FailureKind): RecordedKind {
  return { ...kind, title: failureTitle(kind), groupKey: groupKey(kind) };
}

/** The cause of a missing or non-200 answer, as the grouping wants it (no addresses, no sizes). */
export function transportCause(
  networkError: unknown,
  networkErrorCode: string | undefined,
  httpStatus: number,
): string {
  if (networkError !== undefined && networkError !== null) {
    if (networkErrorCode) return networkErrorCode;
    const text = String((networkError as { message?: unknown }).message ?? networkError);
    if (/timeout|timed out/i.test(text)) return 'timeout';
    return normaliseReason(text).slice(0, 60);
  }
  return `HTTP ${httpStatus}`;
}
