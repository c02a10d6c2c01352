// The proxy's judging thread on its own: everything handed over before drain() is judged, handed
// back in order and recorded, even when drain() comes at once (the batch not yet sent); a
// recording that cannot be created is an error of the start, with fs's code and syscall.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startJudgeThread } from '../../test-utils/sdk-gate/proxy-judge-thread.ts';
import type { ForwardedExchange, JudgedExchange } from '../../test-utils/sdk-gate/proxy-judging.ts';

const text = (value: string) => new TextEncoder().encode(value);

function forwarded(seq: number): ForwardedExchange {
  return {
    seq,
    receivedAtMs: 1_796_000_000_000 + seq,
    method: 'POST',
    path: `/v4/group_open_http_svc/get_group_attr?sdkappid=1400000001&identifier=administrator&usersig=not-a-sig&random=${seq}&contenttype=json`,
    headers: { 'content-type': 'application/json' },
    body: text(`{"GroupId":"g${seq}"}`),
    response: { status: 200, body: text('\uFEFF{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","GroupAttrAry":[]}') },
  };
}

describe('proxy judging thread', { timeout: 60_000 }, () => {
  it('judges, hands back and records every exchange handed over before an immediate drain', async () => {
    const recordFile = join(mkdtempSync(join(tmpdir(), 'timc-judge-thread-')), 'sdk.jsonl');
    const judged: JudgedExchange[] = [];
    const thread = await startJudgeThread({ apps: [], judgeEach: { apps: [], appsComplete: false }, recordFile }, (j) =>
      judged.push(j),
    );
    for (let seq = 1; seq <= 150; seq++) thread.judge(forwarded(seq));
    await thread.drain();
    expect(judged.map((j) => j.exchange.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    const first = judged[0]!;
    expect(first.exchange.path).toContain('usersig=<redacted>');
    // The answer's text as undici's text() read it: the BOM skipped.
    expect(first.exchange.response?.body.startsWith('{"ActionStatus":"OK"')).toBe(true);
    expect(first.exchange.usersig?.decodes).toBe(false);
    expect(first.requestFindings?.map((f) => f.rule)).toContain('usersig.decodes');
    const lines = readFileSync(recordFile, 'utf8').split('\n').filter(Boolean);
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(judged.map((j) => j.exchange.seq));
  });

  it('a recording that cannot be created fails the start with the code and syscall of fs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timc-judge-thread-dir-'));
    await expect(startJudgeThread({ apps: [], recordFile: dir }, () => {})).rejects.toMatchObject({
      code: 'EISDIR',
      syscall: 'open',
    });
  });
});
