/**
 * The stateful check's failure message: the mismatch, then the shrunk sequence as numbered
 * requests (curl lines with the usersig redacted, each answer beside the model's), then where
 * the replay file is and how to run it.
 */
import type { TranscriptEntry } from './session.ts';

export function numberedRequests(transcript: readonly TranscriptEntry[], redact: (text: string) => string = (t) => t): string {
  const lines: string[] = [];
  for (const entry of transcript) {
    if (entry.kind === 'setup') continue;
    const label = entry.kind === 'step' ? `${entry.n}.` : `${entry.n}. read back:`;
    lines.push(`  ${label} ${redact(entry.curl)}`);
    lines.push(`      answer: ${entry.observed}`);
    lines.push(`      model:  ${entry.expected}${entry.mismatch ? `   <-- MISMATCH (${entry.mismatch.status})` : ''}`);
  }
  return lines.join('\n');
}

export function replayHint(path: string): string {
  return `replay:   npx tim-conformance replay ${JSON.stringify(path)} --target <the same target and credentials>`;
}
