/**
 * A StatefulPort straight into the reference mock's request pipeline (no socket): the project
 * tests drive thousands of steps through it quickly, with the mock's clock in the test's hands.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { toDeviationSet } from '../../test-utils/mock/deviations.ts';
import { answerApiRequest, type PipelineRuntime } from '../../test-utils/mock/pipeline.ts';
import { mockRules } from '../../test-utils/mock/rules.ts';
import { MockState } from '../../test-utils/mock/state.ts';
import { UserSigVerifier } from '../../test-utils/mock/usersig-verify.ts';
import { signUserSig } from '../../test-utils/signing/index.ts';
import { getOperation } from '../../test-utils/contract/index.ts';
import { parseExact } from '../../test-utils/stateful/exact-json.ts';
import { observe } from '../../test-utils/stateful/judge.ts';
import type { AppConfig, StatefulPort } from '../../test-utils/stateful/session.ts';
import type { AppName } from '../../test-utils/stateful/steps.ts';

export interface InProcessMock {
  port: StatefulPort;
  apps: Record<AppName, AppConfig>;
  runtime: PipelineRuntime;
}

/** A client pacing under the rates, as seen by the mock: every request 250 ms after the last. */
function pacedNow(): () => number {
  let t = Date.now();
  return () => (t += 250);
}

export function inProcessMock(opts: { deviations?: string[]; now?: () => number } = {}): InProcessMock {
  const runtime: PipelineRuntime = {
    rules: mockRules(),
    state: new MockState([DEFAULT_FULL_APP, DEFAULT_BASIC_APP]),
    verifier: new UserSigVerifier(),
    now: opts.now ?? pacedNow(),
    rateLimits: true,
    deviations: toDeviationSet(opts.deviations),
    callWindows: new Map(),
  };
  const creds = { main: DEFAULT_FULL_APP, basic: DEFAULT_BASIC_APP };
  const sigs = { main: signUserSig(DEFAULT_FULL_APP), basic: signUserSig(DEFAULT_BASIC_APP) };
  let counter = 0;
  const port: StatefulPort = {
    async call(operation, bodyText, app) {
      const path = getOperation(operation).path;
      const url = `${path}?sdkappid=${creds[app].sdkappid}&identifier=${creds[app].admin}&usersig=${encodeURIComponent(sigs[app])}&random=1&contenttype=json`;
      const text = answerApiRequest(runtime, 'POST', url, Buffer.from(bodyText, 'utf8'));
      const curl = `curl -sS -X POST 'http://mock${path}?sdkappid=${creds[app].sdkappid}&identifier=${creds[app].admin}&usersig=<redacted>' --data-raw '${bodyText}'`;
      return { observed: observe(parseExact(text)), curl };
    },
    newGroupId(slot) {
      counter += 1;
      return `${slot.type === 'Community' ? '@TGS#_' : ''}timc-inproc-${counter}-${randomBytes(3).toString('hex')}`;
    },
  };
  return {
    port,
    apps: {
      main: { sdkappid: DEFAULT_FULL_APP.sdkappid, countersEdition: true },
      basic: { sdkappid: DEFAULT_BASIC_APP.sdkappid, countersEdition: false },
    },
    runtime,
  };
}
