// sdk-gate as a command: exit codes (the client's own, 1 for a gating finding or for nothing
// seen, 2 for a command that cannot start or bad options), a client that is not Node, https,
// scenarios from a file and from the control API, coverage gating, and signals.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CLIENTS, nodeClient, runGate } from './helpers.ts';
import { spawnCli } from '../helpers/cli.ts';

const hasCurl = spawnSync('curl', ['--version']).status === 0 && spawnSync('python3', ['--version']).status === 0;

function scenarioFile(value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'timc-scenario-')), 'scenario.json');
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe.concurrent('sdk-gate command', { timeout: 60_000 }, () => {
  it('a correct client: no finding, and its own exit code passes through (0 and 5)', async () => {
    const ok = await runGate(nodeClient('correct-client.mjs'));
    expect(ok.results!.findings).toEqual([]);
    expect(ok.results!.summary.requests).toBe(6);
    expect(ok.code).toBe(0);
    const five = await runGate(nodeClient('correct-client.mjs', '5'));
    expect(five.results!.findings).toEqual([]);
    expect(five.results!.exitCode).toBe(5);
    expect(five.code).toBe(5);
  });

  it.skipIf(!hasCurl)('is language-neutral: a shell client with curl is judged by the bytes it sends', async () => {
    const correct = await runGate(['--', 'sh', join(CLIENTS, 'curl-client.sh')]);
    expect(correct.results!.findings).toEqual([]);
    expect(correct.code).toBe(0);
    const broken = await runGate(['--', 'sh', join(CLIENTS, 'curl-client.sh'), 'broken']);
    expect(broken.results!.findings.map((f) => [f.rule, f.operation])).toEqual([
      ['body.schema', 'update_group_counter'],
    ]);
    expect(broken.results!.findings[0]!.request.headers['user-agent']).toMatch(/^curl\//);
    expect(broken.code).toBe(1);
  });

  it('--tls serves https too: TIM_MOCK_HTTPS_URL and TIM_CA_CERT reach an https-only client', async () => {
    const { code, results } = await runGate(['--tls', ...nodeClient('https-client.mjs')]);
    expect(code).toBe(0);
    expect(results!.summary.requests).toBe(1);
  });

  it('a command that makes no request to the mock: exit 1 with one line', async () => {
    const { code, stderr, results } = await runGate(nodeClient('silent-client.mjs'));
    expect(code).toBe(1);
    expect(stderr).toEqual(['sdk-gate: the command made no request to the mock']);
    expect(results).toBeUndefined();
  });

  it('a command that cannot be started, a missing command, a bad option or scenario: one line, exit 2', async () => {
    const missing = await runGate(['--', join(CLIENTS, 'no-such-client')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toHaveLength(1);
    expect(missing.stderr[0]).toMatch(/^tim-conformance sdk-gate: cannot start '.*no-such-client' \(ENOENT\)$/);
    expect((await runGate([])).code).toBe(2);
    expect((await runGate(['--latency-ms', 'soon', ...nodeClient('correct-client.mjs')])).code).toBe(2);
    const badScenario = await runGate([
      '--scenario',
      scenarioFile({ rules: [{ operation: 'get_group_attr', times: 0, answer: { errorCode: 70001 } }] }),
      ...nodeClient('correct-client.mjs'),
    ]);
    expect(badScenario.code).toBe(2);
    expect(badScenario.stderr.at(-1)).toMatch(/--scenario .*\/rules\/0\/times/);
  });

  it('scenario rules from the control API fire, and the report says what the SDK did next', async () => {
    const { code, results } = await runGate(nodeClient('retrying-client.mjs'));
    expect(code).toBe(0);
    const [rule] = results!.scenarios;
    expect(rule).toMatchObject({ id: 'busy-twice', fired: 2 });
    expect(rule!.episodes).toHaveLength(1);
    expect(rule!.episodes[0]).toMatchObject({ retries: 2, outcome: 'succeeded' });
    expect(rule!.episodes[0]!.pausesMs.every((ms) => ms >= 40)).toBe(true);
  });

  it('a scenario file: HTTP 502, 70001 once, a delay; a client that does not retry gave up', async () => {
    const file = scenarioFile({
      rules: [
        { id: 'sig-expired-once', operation: 'get_group_attr', answer: { errorCode: 70001 } },
        { id: 'gateway', operation: 'get_group_counter', answer: { httpStatus: 502 } },
        { id: 'slow-destroy', operation: 'destroy_group', delayMs: 300 },
        { id: 'never', operation: 'delete_group_attr', answer: { errorCode: 10002 } },
      ],
    });
    const { code, results } = await runGate(['--scenario', file, ...nodeClient('correct-client.mjs')]);
    expect(code).toBe(0);
    const byId = Object.fromEntries(results!.scenarios.map((s) => [s.id, s]));
    expect(byId['sig-expired-once']).toMatchObject({ fired: 1, episodes: [{ retries: 0, outcome: 'gave up' }] });
    expect(byId['gateway']).toMatchObject({ fired: 1, episodes: [{ retries: 0, outcome: 'gave up' }] });
    expect(byId['slow-destroy']).toMatchObject({ fired: 1 });
    expect(byId['never']).toMatchObject({ fired: 0, episodes: [] });
  });

  it('--require-coverage makes the exercised-answers matrix gate', async () => {
    const plain = await runGate(nodeClient('correct-client.mjs'));
    expect(plain.code).toBe(0);
    const gated = await runGate(['--require-coverage', ...nodeClient('correct-client.mjs')]);
    expect(gated.code).toBe(1);
    expect(gated.stderr.at(-1)).toMatch(
      /^sdk-gate: --require-coverage: \d+ operation\(s\) not shown every documented answer: .*create_group \(.*10007/,
    );
  });

  /** sdk-gate running the sleeping client as its own process, stopped by `signal` once the client called the mock. */
  async function interrupted(
    signal: NodeJS.Signals,
  ): Promise<{ code: number | null; reportDir: string; mockUrl: string }> {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-sdk-gate-sig-'));
    const sleepingClient = join(CLIENTS, 'sleeping-client.mjs');
    const gate = spawnCli(['sdk-gate', '--report-dir', reportDir, '--', process.execPath, sleepingClient]);
    const mockUrl = await vi.waitFor(
      () => {
        const ready = /ready (\S+)\n/.exec(gate.output());
        if (!ready) throw new Error('the client has not called the mock yet');
        return ready[1]!;
      },
      { timeout: 60_000, interval: 20 },
    );
    gate.child.kill(signal);
    const { code } = await gate.exited;
    return { code, reportDir, mockUrl };
  }

  it('SIGTERM reaches the command; its exit code comes back and the mock stops', async () => {
    const { code, reportDir, mockUrl } = await interrupted('SIGTERM');
    expect(code).toBe(42);
    expect(JSON.parse(readFileSync(join(reportDir, 'sdk-results.json'), 'utf8')).exitCode).toBe(42);
    await expect(fetch(`${mockUrl}/v4/group_open_http_svc/get_appid_group_list`, { method: 'POST' })).rejects.toThrow();
  });

  it('SIGINT reaches the command; one that does not handle it ends with 130', async () => {
    const { code, mockUrl } = await interrupted('SIGINT');
    expect(code).toBe(130);
    await expect(fetch(`${mockUrl}/v4/group_open_http_svc/get_appid_group_list`, { method: 'POST' })).rejects.toThrow();
  });
});
