/**
 * Figure 2: what verifying a UserSig costs the mock per request, with a cold cache (decode,
 * inflate, JSON, HMAC) and a warm one (a Map lookup plus the identifier/sdkappid/expiry checks),
 * and proof that the warm path neither inflates nor HMACs: zlib.inflateSync and
 * crypto.createHmac are wrapped with counters (module.syncBuiltinESMExports makes the verifier's
 * ESM imports see the wrappers) while the same signatures are verified cold, then warm.
 * For scale, the whole request pipeline (answerApiRequest, get_group_attr) is timed warm too.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { DEFAULT_FULL_APP } from '../test-utils/mock/index.ts';
import { answerApiRequest, type PipelineRuntime } from '../test-utils/mock/pipeline.ts';
import { mockRules } from '../test-utils/mock/rules.ts';
import { MockState } from '../test-utils/mock/state.ts';
import { UserSigVerifier } from '../test-utils/mock/usersig-verify.ts';
import { nowInSeconds, signUserSig } from '../test-utils/signing/index.ts';
import { signedPath } from './lib/tim-request.ts';
import { fixed, table, verdict } from './lib/report.ts';

const DISTINCT_SIGS = 1000;
const ROUNDS = 7;
const WARM_REPEATS = 200_000;

export interface SigFigures {
  coldMicros: number;
  warmMicros: number;
  warmOneSigMicros: number;
  pipelineWarmMicros: number;
  cold: { verifications: number; inflates: number; hmacs: number };
  warm: { verifications: number; inflates: number; hmacs: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Microseconds per call of `fn(i)` for i in [0, count), median of ROUNDS rounds (setup() before each). */
function timePerCall(count: number, setup: () => void, fn: (i: number) => void): number {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    setup();
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / count);
  }
  return median(samples);
}

interface CallCounters {
  inflates: number;
  hmacs: number;
  restore(): void;
}

/** Wraps the two expensive primitives the verifier imports; restore() puts the originals back. */
function countPrimitiveCalls(): CallCounters {
  const require = createRequire(import.meta.url);
  const zlib = require('node:zlib') as typeof import('node:zlib');
  const crypto = require('node:crypto') as typeof import('node:crypto');
  const originalInflate = zlib.inflateSync;
  const originalHmac = crypto.createHmac;
  const counters: CallCounters = {
    inflates: 0,
    hmacs: 0,
    restore() {
      zlib.inflateSync = originalInflate;
      crypto.createHmac = originalHmac;
      syncBuiltinESMExports();
    },
  };
  zlib.inflateSync = ((...args: Parameters<typeof originalInflate>) => {
    counters.inflates += 1;
    return originalInflate(...args);
  }) as typeof originalInflate;
  crypto.createHmac = ((...args: Parameters<typeof originalHmac>) => {
    counters.hmacs += 1;
    return originalHmac(...args);
  }) as typeof originalHmac;
  syncBuiltinESMExports();
  return counters;
}

export function benchUserSigVerify(): SigFigures {
  const app = DEFAULT_FULL_APP;
  const now = nowInSeconds();
  // Distinct signatures (one per signing second) so that every first verification is a miss.
  const sigs = Array.from({ length: DISTINCT_SIGS }, (_, i) => signUserSig(app, { nowSeconds: now - i }));
  const requestFor = (usersig: string) => ({
    usersig,
    identifier: app.admin,
    sdkappid: app.sdkappid,
    secretKey: app.secretKey,
    nowSeconds: now,
  });
  const requests = sigs.map(requestFor);

  let verifier = new UserSigVerifier({ cacheSize: DISTINCT_SIGS });
  const check = (i: number) => {
    if (verifier.verify(requests[i]!) !== 'ok') throw new Error('a benchmark UserSig did not verify');
  };
  const coldMicros = timePerCall(
    DISTINCT_SIGS,
    () => (verifier = new UserSigVerifier({ cacheSize: DISTINCT_SIGS })),
    check,
  );
  // The verifier of the last cold round holds every signature: the same loop is now all hits.
  const warmMicros = timePerCall(DISTINCT_SIGS, () => {}, check);
  const one = requests[0]!;
  const warmOneSigMicros = timePerCall(
    WARM_REPEATS,
    () => {},
    () => verifier.verify(one),
  );

  // The whole pipeline for one get_group_attr with a warm cache, without HTTP.
  const rules = mockRules();
  const state = new MockState([app]);
  const group = state.apps.get(app.sdkappid)!.addGroup('bench-group', 'Public', 'bench', app.admin, now);
  for (let i = 0; i < 4; i += 1) group.attrs.set(`attr_key_${i}`, `attr value ${i}`);
  const runtime: PipelineRuntime = {
    rules,
    state,
    verifier: new UserSigVerifier(),
    now: Date.now,
    rateLimits: false,
    deviations: new Set(),
    callWindows: new Map(),
  };
  const path = signedPath('get_group_attr', app, sigs[0]);
  const body = Buffer.from(JSON.stringify({ GroupId: 'bench-group' }));
  if (!answerApiRequest(runtime, 'POST', path, body).includes('"ErrorCode":0'))
    throw new Error('the pipeline refused the benchmark request');
  const pipelineWarmMicros = timePerCall(
    WARM_REPEATS / 10,
    () => {},
    () => answerApiRequest(runtime, 'POST', path, body),
  );

  // Proof: count the primitives while verifying cold, then warm.
  const counters = countPrimitiveCalls();
  let cold;
  let warm;
  try {
    verifier = new UserSigVerifier({ cacheSize: DISTINCT_SIGS });
    for (let i = 0; i < DISTINCT_SIGS; i += 1) check(i);
    cold = { verifications: DISTINCT_SIGS, inflates: counters.inflates, hmacs: counters.hmacs };
    counters.inflates = 0;
    counters.hmacs = 0;
    const repeats = 10;
    for (let r = 0; r < repeats; r += 1) for (let i = 0; i < DISTINCT_SIGS; i += 1) check(i);
    warm = { verifications: DISTINCT_SIGS * repeats, inflates: counters.inflates, hmacs: counters.hmacs };
  } finally {
    counters.restore();
  }
  return { coldMicros, warmMicros, warmOneSigMicros, pipelineWarmMicros, cold, warm };
}

export function formatUserSigVerify(f: SigFigures): string {
  const proven =
    f.cold.inflates === f.cold.verifications &&
    f.cold.hmacs === f.cold.verifications &&
    f.warm.inflates === 0 &&
    f.warm.hmacs === 0;
  return [
    table(
      ['UserSig verification (in process)', 'µs/request', 'inflateSync calls', 'createHmac calls'],
      [
        [
          `cold cache (${DISTINCT_SIGS} distinct sigs, first sight)`,
          fixed(f.coldMicros, 2),
          `${f.cold.inflates} / ${f.cold.verifications}`,
          `${f.cold.hmacs} / ${f.cold.verifications}`,
        ],
        [
          `warm cache (the same ${DISTINCT_SIGS} sigs again)`,
          fixed(f.warmMicros, 3),
          `${f.warm.inflates} / ${f.warm.verifications}`,
          `${f.warm.hmacs} / ${f.warm.verifications}`,
        ],
        ['warm cache, one sig repeated', fixed(f.warmOneSigMicros, 3), '', ''],
        ['whole pipeline, get_group_attr, warm (no HTTP)', fixed(f.pipelineWarmMicros, 2), '', ''],
      ],
    ),
    `cold/warm = ${fixed(f.coldMicros / f.warmMicros, 0)}×; warm path neither inflates nor HMACs (counted): ${verdict(proven)}`,
    '(the mock keeps 1024 (sdkappid, usersig) pairs by default, LRU: test-utils/mock/usersig-verify.ts)',
  ].join('\n');
}
