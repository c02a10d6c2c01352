// "Every check can fail": the suites run against the mock with one deliberate deviation switched
// on, and the checks that enforce the deviated behaviour fail by id (while they pass without it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveTargetConfig, type TargetConfig } from '../../test-utils/config/index.ts';
import { startTarget } from '../../test-utils/runner/start-target.ts';
import type { MockServerOptions } from '../../test-utils/mock/index.ts';
import type { KnownDeviation } from '../../test-utils/mock/deviations.ts';
import { runSuites } from '../../test-utils/runner/run-suites.ts';
import { untilConclusive } from '../retry-inconclusive.ts';

// Every limit check but the API call rate (one behaviour a file: key-past-byte-limit, counter-count-at-limit, ...).
const LIMIT_SUITES = [
  'suites/limits/attr-',
  'suites/limits/counter-',
  'suites/limits/key-',
  'suites/limits/total-bytes-',
  'suites/limits/value-',
];

async function runSuitesAgainst(
  mockOptions: MockServerOptions | ((config: TargetConfig) => MockServerOptions),
  filters: string[],
): Promise<Map<string, string>> {
  const reportDir = mkdtempSync(join(tmpdir(), 'timc-can-fail-'));
  const config = resolveTargetConfig({ seed: '1', reportDir }, {});
  const options = typeof mockOptions === 'function' ? mockOptions(config) : mockOptions;
  const started = await startTarget(config, { mockOptions: options });
  try {
    const run = await runSuites({ target: started.target, filters, workers: 1 });
    return new Map(run.entries.map((entry) => [entry.id, entry.status]));
  } finally {
    await started.close();
  }
}

const catches: Partial<Record<KnownDeviation, string[]>> = {
  'limits.count-utf16-units': [
    'modify_group_attr/key-past-byte-limit/Public',
    'set_group_attr/key-past-byte-limit/Public',
    'modify_group_attr/value-past-byte-limit/Public',
    'update_group_counter/counter-key-past-byte-limit/Public',
  ],
  'attr.key-too-long-as-invalid-parameter': [
    'modify_group_attr/key-past-byte-limit/Public',
    'set_group_attr/key-past-byte-limit/Public',
  ],
  'attr.limits-on-request-only': [
    'modify_group_attr/key-count-after-write/Public',
    'modify_group_attr/total-bytes-after-write/Public',
  ],
};

describe('the limit checks can fail', { timeout: 120_000 }, () => {
  test('without a deviation every one of them passes', async () => {
    const statuses = await runSuitesAgainst({}, LIMIT_SUITES);
    for (const id of new Set(Object.values(catches).flat())) expect([id, statuses.get(id)]).toEqual([id, 'passed']);
  });

  for (const [deviation, ids] of Object.entries(catches) as Array<[KnownDeviation, string[]]>) {
    test(`${deviation} fails ${ids.join(', ')}`, async () => {
      const statuses = await runSuitesAgainst({ deviations: [deviation] }, LIMIT_SUITES);
      for (const id of ids) expect([id, statuses.get(id)]).toEqual([id, 'failed']);
    });
  }
});

describe('the rate and edition checks can fail', { timeout: 360_000 }, () => {
  test('a mock without rate limits fails the write-rate and call-rate checks', async () => {
    const ids = [
      'modify_group_attr/write-rate-per-group/Public',
      'set_group_attr/write-rate-per-group/Public',
      'get_group_attr/api-call-rate/Public',
      'clear_group_attr/counts-as-attr-write/Public',
    ];
    // A burst a loaded machine could not deliver within one second is "not run": measure again.
    const statuses = await untilConclusive(ids, () =>
      runSuitesAgainst({ rateLimits: false }, [
        'suites/limits/attr-write-rate',
        'suites/limits/api-call-rate',
        'suites/clear-group-attr/counts-as-attr-write',
      ]),
    );
    for (const id of ids) {
      expect([id, statuses.get(id)]).toEqual([id, 'failed']);
    }
  });

  test('a basic app that has the counters edition fails the 10059 check', async () => {
    const statuses = await runSuitesAgainst(
      (config) => ({
        apps: [
          { ...config.app, extraAdmins: [], countersEdition: true },
          { ...config.basicApp!, extraAdmins: [], countersEdition: true },
        ],
      }),
      ['suites/delete-group-counter/edition-missing', 'suites/delete-group-counter/unknown-group'],
    );
    expect(statuses.get('delete_group_counter/edition-missing/Public')).toBe('failed');
    expect(statuses.get('delete_group_counter/unknown-group')).toBe('passed');
  });
});

describe('the signing checks can fail', { timeout: 120_000 }, () => {
  test('a mock whose clock is two hours behind accepts the expired UserSig, failing its check', async () => {
    const statuses = await runSuitesAgainst({ clock: { offsetMs: -2 * 3600_000 } }, [
      'suites/signing/crafted-usersigs',
    ]);
    expect(statuses.get('get_group_attr/usersig-expired')).toBe('failed');
    expect(statuses.get('get_group_attr/usersig-other-key')).toBe('passed');
  });

  test('a mock whose clock is two days ahead refuses every valid UserSig, failing the acceptance checks', async () => {
    const statuses = await runSuitesAgainst({ clock: { offsetMs: 2 * 86_400_000 } }, [
      'suites/signing/crafted-usersigs',
    ]);
    for (const kind of ['valid', 'python-format', 'php-format', 'go-format', 'java-format', 'userbuf']) {
      expect([kind, statuses.get(`get_group_attr/usersig-${kind}`)]).toEqual([kind, 'failed']);
    }
  });
});
