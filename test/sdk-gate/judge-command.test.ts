// `tim-conformance judge FILE`: exit 1 on a gating finding, 0 otherwise, 2 on a usage or set-up
// error (one line, no stack); the four reports in --report-dir; app flags replace the mock's apps.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { main } from '../../test-utils/cli/main.ts';
import { writeCassette } from '../../test-utils/sdk-gate/cassette.ts';
import { SDK_REPORT_FILES } from '../../test-utils/sdk-gate/report/index.ts';
import { exchange, FULL, sigFor } from './judge-helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PHP = join(ROOT, 'test', 'fixtures', 'sdk-traffic', 'php.jsonl');

async function judge(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith('TIM_')) delete process.env[k];
  Object.assign(process.env, env);
  try {
    const code = await main(['judge', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out, err };
  } finally {
    process.env = saved;
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'timc-judge-'));
}

describe('judge', () => {
  test('exit 1 on the PHP traffic, the reports written, gating findings printed', async () => {
    const dir = tempDir();
    const r = await judge([PHP, '--report-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.out[0]).toMatch(
      /^judged 154 request\(s\) of .*php\.jsonl: 13 gating finding\(s\), 5 tentative, 9 note\(s\); reports in /,
    );
    expect(r.out.some((l) => l.includes('FAIL body.json-object × get_group_counter'))).toBe(true);
    for (const f of Object.values(SDK_REPORT_FILES)) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, SDK_REPORT_FILES.results), 'utf8')).exitCode).toBe(1);
  });

  test('exit 0 on a correct recording, notes and tentative findings do not gate', async () => {
    const dir = tempDir();
    const file = join(dir, 'ok.jsonl');
    writeCassette(file, [exchange({}), exchange({ headers: {}, t: 1_795_995_901 })]);
    const r = await judge([file, '--report-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/0 gating finding\(s\), 0 tentative, 1 note\(s\)/);
  });

  test('--sdkappid/--secret-key: that app only; another sdkappid is no longer known to be wrong, a wrong key still is', async () => {
    const dir = tempDir();
    const file = join(dir, 'other.jsonl');
    const other = { ...FULL, sdkappid: 1400000077, secretKey: 'another-test-key-0123456789' };
    // Captured traffic keeps the raw usersig, so the HMAC is judged with the key given now.
    const line = {
      t: 1_795_995_900,
      method: 'POST',
      path: `/v4/group_open_attr_http_svc/get_group_attr?sdkappid=1400000077&identifier=administrator&usersig=${sigFor(other)}&random=5&contenttype=json`,
      req_headers: { 'Content-Type': 'application/json' },
      req_body: '{"GroupId":"g"}',
      status: 200,
      resp_body: '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}',
    };
    writeFileSync(file, `${JSON.stringify(line)}\n`);
    expect((await judge([file, '--report-dir', dir])).code).toBe(1);
    expect(
      (await judge([file, '--report-dir', dir, '--sdkappid', '1400000077', '--secret-key', other.secretKey])).code,
    ).toBe(0);
    const wrongKey = await judge([file, '--report-dir', dir], {
      TIM_SDKAPPID: '1400000077',
      TIM_SECRET_KEY: 'not-the-key-0123456789',
    });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out.join('\n')).toContain('usersig.hmac');
    for (const f of Object.values(SDK_REPORT_FILES))
      expect(readFileSync(join(dir, f), 'utf8')).not.toContain('not-the-key-0123456789');
  });

  test.each([
    [[], /judge needs exactly one recording file/],
    [['a.jsonl', 'b.jsonl'], /judge needs exactly one recording file/],
    [['/nonexistent/x.jsonl'], /cannot read recording '\/nonexistent\/x.jsonl' \(ENOENT\)/],
    [['x.jsonl', '--sdkappid', 'abc'], /--sdkappid must be a decimal app id/],
    [['x.jsonl', '--secret-key', 'k'], /--secret-key and --basic-sdkappid need --sdkappid/],
    [['x.jsonl', '--bogus'], /unknown option --bogus for 'judge'/],
  ])('exit 2, one line: %j', async (args, message) => {
    const r = await judge(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  test('a bad line is exit 2 naming it; --help is exit 0', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"t":1}\nnot json\n');
    const r = await judge([file, '--report-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/line 1: an exchange needs/);
    const help = await judge(['--help']);
    expect(help.code).toBe(0);
    expect(help.out[0]).toMatch(/^tim-conformance judge FILE/);
  });

  test('as users run it: node bin/tim-conformance.mjs judge, exit code and no stack trace', async () => {
    const dir = tempDir();
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['bin/tim-conformance.mjs', 'judge', PHP, '--report-dir', dir],
        { cwd: ROOT, timeout: 120_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^judged 154 request/);
  });
});
