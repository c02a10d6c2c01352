/**
 * A failed expectation, shaped like Schemathesis' failures: what was wrong, what the document
 * says, where it says it, the request to reproduce it and what came back.
 */
import type { CheckFailure, CheckMeta } from '../contract/types.ts';

/** Thrown by the expectation helpers; the message is the whole human-readable failure. */
export class CheckFailedError extends Error {
  readonly failure: CheckFailure;
  readonly problem: string;

  constructor(message: string, failure: CheckFailure, problem: string) {
    super(message);
    this.name = 'CheckFailedError';
    this.failure = failure;
    this.problem = problem;
  }
}

const RESPONSE_PREVIEW_CHARS = 2000;

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > RESPONSE_PREVIEW_CHARS
    ? `${text.slice(0, RESPONSE_PREVIEW_CHARS)}… (${text.length} chars)`
    : text;
}

/** A shell-safe single-quoted argument. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The failure as the terminal and junit.xml show it. `rerun` is the command that reruns exactly
 * this check (reproduction.ts); without it, the seed alone.
 */
export function formatFailureMessage(
  meta: CheckMeta,
  failure: CheckFailure,
  problem: string,
  seed: number,
  rerun?: string,
): string {
  const kind = meta.gating ? `gating, ${meta.status}` : `tentative, ${meta.status}`;
  return [
    `${meta.id} (${kind}): ${problem}`,
    `  expected: ${failure.expected}`,
    `  document: ${failure.docUrl}`,
    `  request:  ${failure.curl || '(no request was sent)'}`,
    `  response: ${preview(failure.response)}`,
    `  rerun:    ${rerun ?? `npx tim-conformance run --seed ${seed} --id ${shellQuote(meta.id)}`}`,
  ].join('\n');
}
