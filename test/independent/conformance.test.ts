// Every suite (hand-written and generated) against an independently written server (./server.ts)
// that follows the behaviour profile but shares no code with the reference mock and differs from
// it where nothing is specified (group ids, array order, timing): no gating check may fail, so the
// checks depend on documented behaviour only, not on the reference mock's quirks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { resolveTargetConfig } from '../../test-utils/config/index.ts';
import { startTarget } from '../../test-utils/runner/start-target.ts';
import { runSuites } from '../../test-utils/runner/run-suites.ts';
import { startIndependentServer, type IndependentServer } from './server.ts';

const FULL = {
  sdkappid: 1500000001,
  secretKey: 'independent-server-full-app-test-key',
  admin: 'administrator',
  counters: true,
};
const BASIC = {
  sdkappid: 1500000002,
  secretKey: 'independent-server-basic-app-test-key',
  admin: 'administrator',
  counters: false,
};
const STATE_AND_SIGNING_CHECKS = [
  'clear_group_attr/frees-key-slots/Public',
  'set_group_attr/frees-removed-key-slots/Public',
  'delete_group_attr/frees-slot-and-bytes/Public',
  'get_group_attr/read-after-write-shows-it/Public',
  'delete_group_counter/increase-restarts-from-zero/Public',
  'delete_group_counter/frees-counter-slots/Public',
  'modify_group_attr/refused-writes-change-nothing/Public',
  'set_group_attr/refused-writes-change-nothing/Public',
  'update_group_counter/refused-write-changes-nothing/Public',
  'modify_group_attr/other-app-group-not-found/Public',
  'update_group_counter/other-app-group-not-found/Public',
  'update_group_counter/counter-count-past-limit-rejected/Public',
  'update_group_counter/counter-key-past-limit-rejected/Public',
  'update_group_counter/float-value-rejected/Public',
  'update_group_counter/string-value-rejected/Public',
  'update_group_counter/int64-max-overflow-rejected/Public',
  'update_group_counter/int64-min-overflow-rejected/Public',
  'get_group_attr/usersig-sig-first-byte-changed',
  'get_group_attr/usersig-sig-middle-byte-changed',
  'get_group_attr/usersig-sig-last-byte-changed',
  'get_group_attr/usersig-expired-seconds-ago',
  'get_group_attr/usersig-seconds-left',
];

let server: IndependentServer;
beforeAll(async () => {
  server = await startIndependentServer([FULL, BASIC]);
});
afterAll(async () => {
  await server.close();
});

test('no gating check of any suite fails against an independent server', { timeout: 240_000 }, async () => {
  const config = resolveTargetConfig(
    {
      target: server.url,
      seed: '7',
      reportDir: mkdtempSync(join(tmpdir(), 'timc-independent-')),
      sdkappid: String(FULL.sdkappid),
      secretKey: FULL.secretKey,
      basicSdkappid: String(BASIC.sdkappid),
      basicSecretKey: BASIC.secretKey,
    },
    {},
  );
  const started = await startTarget(config);
  try {
    const run = await runSuites({ target: started.target, filters: [], workers: 2 });
    const gatingFailures = run.entries
      .filter((e) => e.status === 'failed' && e.gating)
      .map((e) => `${e.id}: ${e.failure?.message.split('\n')[0] ?? ''}`);
    expect(gatingFailures).toEqual([]);
    expect(run.entries.filter((e) => e.status === 'passed').length).toBeGreaterThan(300);
    // Nothing gating was skipped for lack of support (the server does all five group types); a
    // rate burst the machine was too busy to deliver within one second is the only allowed skip.
    const skipped = run.entries.filter(
      (e) => e.status === 'skipped' && e.gating && !/cannot be tested from here/.test(e.reason ?? ''),
    );
    expect(skipped.map((e) => `${e.id}: ${e.reason ?? ''}`)).toEqual([]);
    // The checks of the profile's state, isolation, counter-limit and signing rows ran and passed
    // (written from the profile, so they must hold against any conformant server).
    const passed = new Set(run.entries.filter((e) => e.status === 'passed').map((e) => e.id));
    expect(STATE_AND_SIGNING_CHECKS.filter((id) => !passed.has(id))).toEqual([]);
  } finally {
    await started.close();
  }
});
