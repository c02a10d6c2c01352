// Issue 10, interruption: a run killed with SIGKILL cannot clean up, so it leaves groups; its
// ledger names them, and `tim-conformance janitor` with the same report directory removes them.
// The mock is a separate `tim-conformance mock --port 0` process that outlives the run, and the
// groups are counted through its API (get_appid_group_list), as an operator would. (SIGINT and
// SIGTERM, where the run cleans up itself, are test/cli/interrupt.test.ts.)
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { DEFAULT_FULL_APP } from '../../test-utils/mock/index.ts';
import { callApi } from '../mock/helpers.ts';
import { spawnCli, type CliProcess } from '../helpers/cli.ts';

const SLOW_SUITE = join('test', 'fixtures', 'suites', 'slow');
const RUN_PREFIX = 'timc-';
/** Tencent's usersig alphabet: zlib output ('eJ' in base64) with + / = written as * - _. */
const USERSIG_SHAPE = /eJ[A-Za-z0-9*-]{40,}_{0,2}/;

/** vi.waitFor for a probe that answers undefined until it is ready. */
function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeout: number, what: string): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`${what}: not reached in ${timeout} ms`);
      return value;
    },
    { timeout, interval: 250 },
  );
}

const credentials = ['--sdkappid', String(DEFAULT_FULL_APP.sdkappid), '--secret-key', DEFAULT_FULL_APP.secretKey];

describe.sequential('a run killed with SIGKILL, then the janitor', { timeout: 180_000 }, () => {
  let mock: CliProcess;
  let mockUrl: string;

  beforeAll(async () => {
    mock = spawnCli(['mock', '--port', '0']);
    mockUrl = await until(
      () => /listening on (http:\/\/\S+)/.exec(mock.output())?.[1],
      60_000,
      'the mock process listening',
    );
  }, 90_000);
  afterAll(async () => {
    if (mock && mock.child.exitCode === null) {
      mock.child.kill('SIGTERM');
      await mock.exited;
    }
  });

  /** Run groups on the mock, by its API; undefined while the list call is refused (its rate is low). */
  async function listRunGroups(): Promise<string[] | undefined> {
    const answer = await callApi({ url: mockUrl }, 'get_appid_group_list', { Limit: 1000, Next: 0 });
    if (answer.body.ErrorCode !== 0) return undefined;
    const list = (answer.body.GroupIdList as Array<{ GroupId: string }>).map((g) => g.GroupId);
    // Community ids carry the run prefix after '@TGS#_'.
    return list.filter((id) => id.includes(RUN_PREFIX));
  }
  const listed = () => until(listRunGroups, 10_000, 'get_appid_group_list answered');

  test('the killed run leaves its groups and a ledger naming them; janitor removes them all', async () => {
    expect(await listed()).toEqual([]);
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-kill-'));
    const run = spawnCli([
      'run',
      '--target',
      mockUrl,
      ...credentials,
      '--suites',
      SLOW_SUITE,
      '--workers',
      '1',
      '--report-dir',
      reportDir,
    ]);
    // The slow check creates two groups, then waits: kill the run while they exist.
    const created = await until(
      async () => {
        const groups = await listRunGroups();
        return groups !== undefined && groups.length === 2 ? groups : undefined;
      },
      90_000,
      'the run created its two groups',
    );
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');

    // Debris: the groups are still there, and the ledger the run wrote before creating them lists them.
    expect((await listed()).sort()).toEqual([...created].sort());
    const ledgerDir = join(reportDir, 'ledger');
    const ledgerFiles = readdirSync(ledgerDir).filter((f) => f.endsWith('.jsonl'));
    expect(ledgerFiles).toHaveLength(1);
    const ledger = readFileSync(join(ledgerDir, ledgerFiles[0]!), 'utf8');
    for (const groupId of created) expect(ledger).toContain(JSON.stringify(groupId));
    // The ledger is a file the runner writes: no secret key and no usersig in it.
    expect(ledger).not.toContain(DEFAULT_FULL_APP.secretKey);
    expect(ledger).not.toMatch(USERSIG_SHAPE);
    expect(run.output()).not.toContain(DEFAULT_FULL_APP.secretKey);

    const janitor = spawnCli(['janitor', '--target', mockUrl, ...credentials, '--report-dir', reportDir]);
    const { code } = await janitor.exited;
    expect(code, janitor.output()).toBe(0);
    expect(janitor.output()).toContain('janitor: destroyed 2 of 2 group(s)');
    expect(janitor.output()).not.toContain(DEFAULT_FULL_APP.secretKey);

    // Zero leftovers: none on the server, no ledger file left to act on.
    await new Promise((r) => setTimeout(r, 1100));
    expect(await listed()).toEqual([]);
    expect(existsSync(ledgerDir) ? readdirSync(ledgerDir).filter((f) => f.endsWith('.jsonl')) : []).toEqual([]);
    expect(mock.child.exitCode).toBeNull();
  });
});
