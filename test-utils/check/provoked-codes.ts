/**
 * Which error codes a check set out to provoke, and what came back: the spec coverage report
 * (test-utils/generator/coverage-report.ts) counts a documented code as provoked only when some
 * check of the run expected it from an operation and the target answered it, whichever suite the
 * check lives in. ctx.expectErrorCode records one entry per call it judges (task.meta.timCodes);
 * the runner copies them into results.json (`codes` on a test entry).
 */
import type { TimTaskMeta } from '../contract/types.ts';

export interface ProvokedCode {
  /** The operation the judged response came from (not necessarily the check's own operation). */
  operation: string;
  /** The non-zero codes the check accepted (a documented set lists several). */
  expected: number[];
  /** The ErrorCode the target answered. */
  observed: number;
}

/** task.meta as the check helpers write it, with the codes. */
export type MetaWithCodes = TimTaskMeta & { timCodes?: ProvokedCode[] };

/** The calls whose answers a check judges, by result object: which operation each came from. */
export const operationOfResult = new WeakMap<object, string>();

/**
 * Records a judged answer when the check expected an error code (an expectation of plain success
 * provokes nothing) and the answer carried an integer ErrorCode. Identical entries are kept once.
 */
export function recordProvokedCode(
  meta: MetaWithCodes,
  result: unknown,
  acceptable: readonly number[],
  body: unknown,
): void {
  const operation = typeof result === 'object' && result !== null ? operationOfResult.get(result) : undefined;
  const expected = [...new Set(acceptable.filter((code) => code !== 0))].sort((a, b) => a - b);
  const observed = (body as { ErrorCode?: unknown } | null | undefined)?.ErrorCode;
  if (!operation || expected.length === 0 || typeof observed !== 'number' || !Number.isInteger(observed)) return;
  const codes = (meta.timCodes ??= []);
  const same = (e: ProvokedCode) =>
    e.operation === operation && e.observed === observed && e.expected.join() === expected.join();
  if (!codes.some(same)) codes.push({ operation, expected, observed });
}

/**
 * A part of a response judged as if it were the answer (get_group_info reports each group in an
 * entry with its own ErrorCode): same request, `body` replaced, and its codes still recorded
 * against the operation the response came from.
 */
export function judgedPart<T extends object>(result: T, body: unknown): T & { body: unknown } {
  const part = { ...result, body };
  const operation = operationOfResult.get(result);
  if (operation) operationOfResult.set(part, operation);
  return part;
}
