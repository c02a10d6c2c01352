// The generated checks can fail: one deliberate deviation of the mock per kind of derived case
// (CASE_KINDS), each failing the derived checks by id. That they all pass against the plain mock
// is asserted by coverage-gate.test.ts, on its run of every suite. The mock's own deviation
// switches (test-utils/mock/deviations.ts) cover most kinds; for fields, group ids and samples a
// small proxy in front of the mock rewrites chosen answers (a server that accepts what it should
// refuse, or the reverse). Each run is narrowed to the operation's generated checks.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { resolveTargetConfig } from '../../test-utils/config/index.ts';
import { startTarget } from '../../test-utils/runner/start-target.ts';
import { profileCase } from '../../test-utils/contract/index.ts';
import { CASE_KINDS, type GeneratedCase } from '../../test-utils/generator/index.ts';
import type { KnownDeviation } from '../../test-utils/mock/deviations.ts';
import { runSuites } from '../../test-utils/runner/run-suites.ts';
import { partOf } from '../../suites/generated/define-cases.ts';
import { untilConclusive } from '../retry-inconclusive.ts';

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
          text = JSON.stringify({
            ActionStatus: code === 0 ? 'OK' : 'FAIL',
            ErrorCode: code,
            ErrorInfo: code === 0 ? '' : 'deviation',
          });
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

/** The statuses of `operation`'s generated checks against a deviating mock (or proxy). */
async function statusesAgainst(
  operation: string,
  deviations: KnownDeviation[],
  rewrite?: Rewrite,
): Promise<Map<string, string>> {
  const reportDir = mkdtempSync(join(tmpdir(), 'timc-gen-can-fail-'));
  const config = resolveTargetConfig({ seed: '1', reportDir }, {});
  const started = await startTarget(config, { mockOptions: { deviations } });
  try {
    let target = started.target;
    if (rewrite) {
      const proxy = await rewritingProxy(target.baseUrl, rewrite);
      servers.push(proxy);
      target = { ...target, baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
    }
    const run = await runSuites({
      target,
      filters: [`suites/generated/${partOf(operation)}.check.ts`],
      grep: `^${operation}/gen-`,
      workers: 1,
    });
    return new Map(run.entries.map((entry) => [entry.id, entry.status]));
  } finally {
    await started.close();
  }
}

const unknownGroup = profileCase('groups.unknown-group').expected.code;
const invalidParameter = profileCase('groups.missing-group-id').expected.code;

interface Deviation {
  kind: GeneratedCase['kind'];
  what: string;
  operation: string;
  deviations?: KnownDeviation[];
  rewrite?: Rewrite;
  fails: string[];
}

const cases: Deviation[] = [
  {
    kind: 'group-type',
    what: 'clear_group_attr works on a Community group',
    operation: 'clear_group_attr',
    deviations: ['group-types.community-clear-attr-allowed'],
    fails: ['clear_group_attr/gen-group-type/Community'],
  },
  {
    kind: 'missing-field',
    what: 'modify_group_attr ignores invalid parameters',
    operation: 'modify_group_attr',
    rewrite: (command, code) => (command === 'modify_group_attr' && code === invalidParameter ? 0 : undefined),
    fails: ['modify_group_attr/gen-missing-group-attr', 'modify_group_attr/gen-missing-group-id'],
  },
  {
    kind: 'wrong-type',
    what: 'update_group_counter ignores invalid parameters',
    operation: 'update_group_counter',
    rewrite: (command, code) => (command === 'update_group_counter' && code === invalidParameter ? 0 : undefined),
    fails: [
      'update_group_counter/gen-wrong-type-group-counter',
      'update_group_counter/gen-wrong-type-mode',
      'update_group_counter/gen-wrong-type-group-id',
    ],
  },
  {
    kind: 'group-id',
    what: 'get_group_attr answers OK for a group that does not exist',
    operation: 'get_group_attr',
    rewrite: (command, code) => (command === 'get_group_attr' && code === unknownGroup ? 0 : undefined),
    fails: ['get_group_attr/gen-unknown-group'],
  },
  {
    kind: 'limit',
    what: 'sizes in UTF-16 units instead of UTF-8 bytes (one past the limit, multi-byte)',
    operation: 'set_group_attr',
    deviations: ['limits.count-utf16-units'],
    fails: [
      'set_group_attr/gen-limit-attr-key-max-bytes-past-utf8',
      'set_group_attr/gen-limit-attr-value-max-bytes-past-utf8',
    ],
  },
  {
    kind: 'limit',
    what: 'a too-long key answered with the invalid-parameter code (one past the limit, ASCII)',
    operation: 'modify_group_attr',
    deviations: ['attr.key-too-long-as-invalid-parameter'],
    fails: [
      'modify_group_attr/gen-limit-attr-key-max-bytes-past-ascii',
      'modify_group_attr/gen-limit-attr-key-max-bytes-past-utf8',
    ],
  },
  {
    kind: 'limit',
    what: 'a key of exactly the maximum size refused (at the limit)',
    operation: 'modify_group_attr',
    deviations: ['limits.attr-key-off-by-one'],
    fails: [
      'modify_group_attr/gen-limit-attr-key-max-bytes-at-ascii',
      'modify_group_attr/gen-limit-attr-key-max-bytes-at-utf8',
    ],
  },
  {
    kind: 'sample',
    what: 'update_group_counter refuses every request, the sample too',
    operation: 'update_group_counter',
    rewrite: (command, code) => (command === 'update_group_counter' && code === 0 ? invalidParameter : undefined),
    fails: ['update_group_counter/gen-sample-request'],
  },
  {
    kind: 'edition',
    what: 'counter operations work on an app without the edition',
    operation: 'get_group_counter',
    deviations: ['edition.not-checked'],
    fails: ['get_group_counter/gen-edition-missing'],
  },
  {
    kind: 'permission',
    what: 'any identifier with a valid UserSig may call the admin API',
    operation: 'delete_group_attr',
    deviations: ['signing.admin-not-checked'],
    fails: ['delete_group_attr/gen-not-admin'],
  },
  {
    kind: 'profile-row',
    what: 'delete_group_attr ignores a missing key',
    operation: 'delete_group_attr',
    deviations: ['semantics.delete-attr-missing-key-ignored'],
    fails: ['delete_group_attr/gen-row-missing-key'],
  },
  {
    kind: 'write-rate',
    what: 'no per-group attribute write rate',
    operation: 'set_group_attr',
    deviations: ['rates.no-group-write-limit'],
    fails: ['set_group_attr/gen-group-write-rate'],
  },
];

describe('the generated checks can fail', { timeout: 300_000 }, () => {
  test('there is a deviation for every kind of derived case', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(CASE_KINDS));
  });

  for (const { kind, what, operation, deviations = [], rewrite, fails } of cases) {
    test(`${kind}: ${what} fails ${fails.join(', ')}`, async () => {
      // A rate burst a loaded machine could not deliver within one second is "not run": measure again.
      const statuses = await untilConclusive(fails, () => statusesAgainst(operation, deviations, rewrite));
      for (const id of fails) expect([id, statuses.get(id)]).toEqual([id, 'failed']);
    });
  }
});
