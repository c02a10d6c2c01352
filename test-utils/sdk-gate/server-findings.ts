/**
 * The proxy's server findings in the shape of the judge's findings, so the one report lists both.
 */
import { redact } from '../client/redact.ts';
import type { RecordedExchange } from './exchange.ts';
import type { SdkFinding } from './judge.ts';
import { redactedQuery, redactPath } from './request-line.ts';
import type { ServerFinding } from './server-answer.ts';

/**
 * Server findings (the proxy's answer checks) as report findings: one per rule × operation,
 * status 'note' so they never gate an SDK, with the first request that earned it.
 */
export function serverFindingsForReport(
  found: readonly ServerFinding[],
  exchanges: readonly RecordedExchange[],
): SdkFinding[] {
  const bySeq = new Map(exchanges.map((e) => [e.seq, e]));
  const grouped = new Map<string, SdkFinding>();
  for (const f of found) {
    const key = `${f.rule}\n${f.operation}`;
    const existing = grouped.get(key);
    if (existing !== undefined) {
      existing.count += 1;
      existing.seqs.push(f.seq);
      if (!existing.messages.includes(f.message)) existing.messages.push(f.message);
      continue;
    }
    const e = bySeq.get(f.seq);
    grouped.set(key, {
      rule: f.rule,
      status: 'note',
      operation: f.operation,
      message: f.message,
      docUrl: f.docUrl,
      count: 1,
      request: {
        seq: f.seq,
        method: e?.method ?? '',
        path: redactPath(e?.path ?? ''),
        query: e ? redactedQuery(e.path) : {},
        headers: Object.fromEntries(Object.entries(e?.headers ?? {}).map(([k, v]) => [k, redact(v)])),
        body: redact(e?.body ?? ''),
      },
      seqs: [f.seq],
      messages: [f.message],
    });
  }
  return [...grouped.values()];
}
