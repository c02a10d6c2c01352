// "Every check can fail" for the one check no catalogued deviation reaches: a server that answers
// an unknown command with the generic invalid-parameter code (as a hand-written mock that routes
// every path to one handler would) fails transport/unknown-command, while the reference mock
// passes it. The catalogue holds only deviations a gating check kills; this check is tentative.
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveTargetConfig, type RunFlags } from '../../test-utils/config/index.ts';
import { startTarget } from '../../test-utils/runner/start-target.ts';
import { DEFAULT_FULL_APP } from '../../test-utils/mock/index.ts';
import { runSuites } from '../../test-utils/runner/run-suites.ts';

const CHECK = 'transport/unknown-command';

async function statusOf(flags: RunFlags): Promise<{ status?: string; observed?: unknown }> {
  const config = resolveTargetConfig(
    { seed: '1', reportDir: mkdtempSync(join(tmpdir(), 'timc-unknown-cmd-')), ...flags },
    {},
  );
  const started = await startTarget(config);
  try {
    const run = await runSuites({
      target: started.target,
      filters: ['suites/transport/unknown-command'],
      grep: CHECK,
      workers: 1,
    });
    const entry = run.entries.find((e) => e.id === CHECK);
    return { status: entry?.status, observed: entry?.codes?.map((c) => c.observed) };
  } finally {
    await started.close();
  }
}

describe('transport/unknown-command can fail', { timeout: 60_000 }, () => {
  let broken: Server;
  let brokenUrl: string;
  beforeAll(async () => {
    broken = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: 'invalid parameter' }));
      });
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const address = broken.address();
    brokenUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => broken.close(() => resolve())));

  test('passes against the reference mock', async () => {
    expect((await statusOf({})).status).toBe('passed');
  });

  test('fails against a server that answers an unknown command with 10004', async () => {
    const outcome = await statusOf({
      target: brokenUrl,
      sdkappid: String(DEFAULT_FULL_APP.sdkappid),
      secretKey: DEFAULT_FULL_APP.secretKey,
    });
    // It fails on the code it was answered, not on anything before the request.
    expect(outcome).toEqual({ status: 'failed', observed: [10004] });
  });
});
