// Issue 10, safety rails: --max-groups / TIM_MAX_GROUPS caps the groups one run creates. The
// fixture layer refuses the creation past the cap before create_group is sent, counting the
// run's ledger (shared by all its workers); without the option nothing changes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seededFaker } from '../../test-utils/check/seeded-faker.ts';
import { ConfigError, resolveTargetConfig } from '../../test-utils/config/index.ts';
import { startTarget } from '../../test-utils/runner/start-target.ts';
import type { ResolvedTarget } from '../../test-utils/contract/types.ts';
import { createGroupFixture, MaxGroupsReachedError } from '../../test-utils/fixtures/create-group.ts';
import { createPortedClient, type PortedClient } from '../../test-utils/fixtures/tim-client.ts';
import { DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { startMockServer } from '../../test-utils/mock/index.ts';
import { runCliToEnd } from '../helpers/cli.ts';

describe('configuration', () => {
  test('the flag and TIM_MAX_GROUPS give a cap, the flag wins, absent means none', () => {
    expect(resolveTargetConfig({}, {}).maxGroups).toBeUndefined();
    expect(resolveTargetConfig({ maxGroups: '1' }, {}).maxGroups).toBe(1);
    expect(resolveTargetConfig({}, { TIM_MAX_GROUPS: '30' }).maxGroups).toBe(30);
    expect(resolveTargetConfig({ maxGroups: '2' }, { TIM_MAX_GROUPS: '30' }).maxGroups).toBe(2);
  });

  test.each(['0', '-1', '1.5', 'ten'])('%s is a configuration error naming the flag and the variable', (value) => {
    const error = (() => {
      try {
        resolveTargetConfig({}, { TIM_MAX_GROUPS: value });
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.variable).toBe('TIM_MAX_GROUPS');
    expect(error?.message).toContain('TIM_MAX_GROUPS');
    expect(() => resolveTargetConfig({ maxGroups: value }, {})).toThrow(/--max-groups flag must be a positive integer/);
  });

  test('the started target carries the cap to the workers', async () => {
    const started = await startTarget(resolveTargetConfig({ maxGroups: '4' }, {}));
    try {
      expect(started.target.maxGroups).toBe(4);
    } finally {
      await started.close();
    }
  });
});

describe('the fixture layer against the reference mock', () => {
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  const clients: PortedClient[] = [];

  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await mock?.close();
  });

  const targetWith = (prefix: string, maxGroups?: number): ResolvedTarget => ({
    kind: 'mock',
    baseUrl: mock.url,
    app: { sdkappid: DEFAULT_FULL_APP.sdkappid, secretKey: DEFAULT_FULL_APP.secretKey, admin: DEFAULT_FULL_APP.admin },
    seed: 5,
    strict: false,
    reportDir: mkdtempSync(join(tmpdir(), 'timc-cap-')),
    groupIdPrefix: prefix,
    ...(maxGroups === undefined ? {} : { maxGroups }),
  });
  const groupsWith = (prefix: string) =>
    [...(mock.state.apps.get(DEFAULT_FULL_APP.sdkappid)?.groups.keys() ?? [])].filter((id) => id.includes(prefix));

  test('the creation past the cap is refused with a clear error and never sent', async () => {
    const target = targetWith('timc-capa0001-', 2);
    const client = await createPortedClient(target);
    clients.push(client);
    await createGroupFixture(client, { type: 'Public', target, faker: seededFaker(1, 'a') });
    await createGroupFixture(client, { type: 'Private', target, faker: seededFaker(1, 'b') });
    const third = createGroupFixture(client, { type: 'Public', target, faker: seededFaker(1, 'c') });
    await expect(third).rejects.toThrow(MaxGroupsReachedError);
    await expect(third).rejects.toThrow('run reached --max-groups 2');
    expect(groupsWith('timc-capa0001-')).toHaveLength(2);
  });

  test('another client of the same run (another worker) shares the count', async () => {
    const target = targetWith('timc-capb0001-', 1);
    const first = await createPortedClient(target);
    const second = await createPortedClient(target);
    clients.push(first, second);
    await createGroupFixture(first, { type: 'Public', target, faker: seededFaker(2, 'a') });
    await expect(createGroupFixture(second, { type: 'Public', target, faker: seededFaker(2, 'b') })).rejects.toThrow(
      'run reached --max-groups 1',
    );
    expect(groupsWith('timc-capb0001-')).toHaveLength(1);
  });

  test('without a cap nothing is refused', async () => {
    const target = targetWith('timc-capc0001-');
    const client = await createPortedClient(target);
    clients.push(client);
    for (const key of ['a', 'b', 'c'])
      await createGroupFixture(client, { type: 'Public', target, faker: seededFaker(3, key) });
    expect(groupsWith('timc-capc0001-')).toHaveLength(3);
  });
});

describe.sequential('a spawned run', { timeout: 60_000 }, () => {
  function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-cap-run-'));
    return runCliToEnd(
      ['run', '--suites', join('suites', 'isolation'), '--workers', '1', '--report-dir', reportDir, ...args],
      env,
    );
  }

  test('TIM_MAX_GROUPS=1 fails the run with "run reached --max-groups 1"', async () => {
    const { code, output } = await run([], { TIM_MAX_GROUPS: '1' });
    expect(code, output).toBe(1);
    expect(output).toContain('run reached --max-groups 1');
  });

  test('by default (no cap) the same run passes', async () => {
    const { code, output } = await run([]);
    expect(code, output).toBe(0);
    expect(output).not.toContain('--max-groups');
  });

  test('--max-groups 1 fails the run the same way', async () => {
    const { code, output } = await run(['--max-groups', '1']);
    expect(code, output).toBe(1);
    expect(output).toContain('run reached --max-groups 1');
  });
});
