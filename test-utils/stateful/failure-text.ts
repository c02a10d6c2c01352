/**
 * The stateful check's failure message: the mismatch, then the shrunk sequence as numbered
 * requests (curl lines with the usersig redacted, each answer beside the model's; values over 60
 * characters shortened, the replay file holds them whole), then where the replay file is.
 */
import type { TranscriptEntry } from './session.ts';

/** JSON string literals over 60 characters shortened ('"wwwwwwwwwwww…(4000 bytes)"'); the replay file keeps them whole. */
export function shortenLongStrings(text: string): string {
  return text.replace(
    /"((?:[^"\\]|\\.){60,})"/g,
    (_m, inner: string) => `"${inner.slice(0, 12)}…(${Buffer.byteLength(inner, 'utf8')} bytes)"`,
  );
}

export function numberedRequests(
  transcript: readonly TranscriptEntry[],
  redact: (text: string) => string = (t) => t,
): string {
  const lines: string[] = [];
  for (const entry of transcript) {
    if (entry.kind === 'setup') continue;
    const label = entry.kind === 'step' ? `${entry.n}.` : `${entry.n}. read back:`;
    lines.push(`  ${label} ${shortenLongStrings(redact(entry.curl))}`);
    lines.push(`      answer: ${shortenLongStrings(entry.observed)}`);
    lines.push(
      `      model:  ${shortenLongStrings(entry.expected)}${entry.mismatch ? `   <-- MISMATCH (${entry.mismatch.status})` : ''}`,
    );
  }
  return lines.join('\n');
}

export function replayHint(path: string): string {
  return `replay:   npx tim-conformance replay ${JSON.stringify(path)} --target <the same target and credentials>`;
}
