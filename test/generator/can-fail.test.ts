// The generated checks can fail: one deliberate deviation per kind of derived case, each failing
// the derived checks by id while they pass against the plain mock. The mock's own deviation
// switches cover the limits; for group types, fields and samples a small proxy in front of the
// mock rewrites chosen answers (a server that accepts what it should refuse, or the reverse).
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveTargetConfig, startTarget } from '../../test-utils/config/index.ts';
import { getOperation, profileCase } from '../../test-utils/contract/index.ts';
import type { MockServerOptions } from '../../test-utils/mock/index.ts';
import { runSuites } from '../../test-utils/runner/run-suites.ts';

const GENERATED = ['suites/generated/'];

/** Rewrites answers: `rewrite` returns the ErrorCode to answer instead (0 = a bare OK), or undefined. */
type Rewrite = (command: string, code: number) => number | undefined;

async function rewritingProxy(upstream: string, rewrite: Rewrite): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const answer = await fetch(`${upstream}${req.url}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
      });
      let text = await answer.text();
      const command = (req.url ?? '').split('?')[0]!.split('/').pop()!;
      try {
        const body = JSON.parse(text) as { ErrorCode?: number };
        const code = typeof body.ErrorCode === 'number' ? rewrite(command, body.ErrorCode) : undefined;
        if (code !== undefined) {
          text = JSON.stringify({ ActionStatus: code === 0 ? 'OK' : 'FAIL', ErrorCode: code, ErrorInfo: code === 0 ? '' : 'deviation' });
        }
      } catch {
        // Not JSON: passed on untouched.
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function statusesAgainst(mockOptions: MockServerOptions, rewrite?: Rewrite): Promise<Map<string, string>> {
  const reportDir = mkdtempSync(join(tmpdir(), 'timc-gen-can-fail-'));
  const config = resolveTargetConfig({ seed: '1', reportDir }, {});
  const started = await startTarget(config, { mockOptions });
  try {
    let target = started.target;
    if (rewrite) {
      const proxy = await rewritingProxy(target.baseUrl, rewrite);
      servers.push(proxy);
      target = { ...target, baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
    }
    const run = await runSuites({ target, filters: GENERATED, workers: 1 });
    return new Map(run.entries.map((entry) => [entry.id, entry.status]));
  } finally {
    await started.close();
  }
}

const communityRejection = getOperation('clear_group_attr')['x-tim-group-types'].Community.rejectedWith!.code;
const unknownGroup = profileCase('groups.unknown-group').expected.code;
const invalidParameter = profileCase('groups.missing-group-id').expected.code;

const kinds: { kind: string; options: MockServerOptions; rewrite?: Rewrite; fails: string[] }[] = [
  {
    kind: 'group type (clear_group_attr accepts a Community group)',
    options: {},
    rewrite: (command, code) => (command === 'clear_group_attr' && code === communityRejection ? 0 : undefined),
    fails: ['clear_group_attr/gen-group-type/Community'],
  },
  {
    kind: 'missing and mistyped fields (modify_group_attr ignores invalid parameters)',
    options: {},
    rewrite: (command, code) => (command === 'modify_group_attr' && code === invalidParameter ? 0 : undefined),
    fails: ['modify_group_attr/gen-missing-group-attr', 'modify_group_attr/gen-wrong-type-group-attr', 'modify_group_attr/gen-missing-group-id'],
  },
  {
    kind: 'group ids (get_group_attr answers OK for a group that does not exist)',
    options: {},
    rewrite: (command, code) => (command === 'get_group_attr' && code === unknownGroup ? 0 : undefined),
    fails: ['get_group_attr/gen-unknown-group'],
  },
  {
    kind: 'samples (update_group_counter refuses every request, the sample too)',
    options: {},
    rewrite: (command, code) => (command === 'update_group_counter' && code === 0 ? invalidParameter : undefined),
    fails: ['update_group_counter/gen-sample-request'],
  },
  {
    kind: 'limits (sizes in UTF-16 units instead of UTF-8 bytes)',
    options: { deviations: ['limits.count-utf16-units'] },
    fails: ['modify_group_attr/gen-limit-attr-key-max-bytes-past-utf8', 'set_group_attr/gen-limit-attr-value-max-bytes-past-utf8', 'update_group_counter/gen-limit-counter-key-max-bytes-past-utf8'],
  },
  {
    kind: 'limits (a too-long key answered with the invalid-parameter code)',
    options: { deviations: ['attr.key-too-long-as-invalid-parameter'] },
    fails: ['modify_group_attr/gen-limit-attr-key-max-bytes-past-ascii', 'set_group_attr/gen-limit-attr-key-max-bytes-past-ascii'],
  },
];

describe('the generated checks can fail', { timeout: 120_000 }, () => {
  test('against the plain mock every one of them passes', async () => {
    const statuses = await statusesAgainst({});
    expect([...statuses.values()].filter((s) => s !== 'passed')).toEqual([]);
    for (const id of kinds.flatMap((k) => k.fails)) expect([id, statuses.get(id)]).toEqual([id, 'passed']);
  });

  for (const { kind, options, rewrite, fails } of kinds) {
    test(`a deviation in ${kind} fails ${fails.join(', ')}`, async () => {
      const statuses = await statusesAgainst(options, rewrite);
      for (const id of fails) expect([id, statuses.get(id)]).toEqual([id, 'failed']);
    });
  }
});
