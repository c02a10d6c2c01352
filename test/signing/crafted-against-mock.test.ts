import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimClient, SlidingWindowPacer, type TimClient } from '../../test-utils/client/index.ts';
import { resolveTargetConfig } from '../../test-utils/config/index.ts';
import { startTarget, type StartedTarget } from '../../test-utils/runner/start-target.ts';
import { ACCEPTABLE_USERSIG_KINDS, CRAFTED_USERSIG_KINDS, craftUserSig } from '../../test-utils/signing/index.ts';

// The crafted sigs and the reference mock's verifier were written independently; each kind
// must get the verdict its defect calls for.
let started: StartedTarget;
let client: TimClient;

beforeAll(async () => {
  started = await startTarget(resolveTargetConfig({}, {}));
  client = createTimClient(started.target, { pacer: new SlidingWindowPacer() });
});

afterAll(async () => {
  await client.close();
  await started.close();
});

describe('crafted UserSigs against the reference mock', () => {
  it.each(CRAFTED_USERSIG_KINDS)('%s', async (kind) => {
    const usersig = craftUserSig(kind, started.target.app);
    // get_group_info: paced at 200/s (get_appid_group_list is limited to 1/s).
    const result = await client.call(
      'get_group_info',
      { GroupIdList: [`${started.target.groupIdPrefix}none`] },
      { usersig },
    );
    if (ACCEPTABLE_USERSIG_KINDS.includes(kind)) expect(result.errorCode).toBe(0);
    else expect(result.errorCode, `${kind} answered ${JSON.stringify(result.body)}`).toBeGreaterThanOrEqual(70001);
  });
});
