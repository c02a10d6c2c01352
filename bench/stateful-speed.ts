/**
 * Figure 5: the stateful check's speed against the embedded reference mock over HTTP, through
 * the suites' own client (paced under the rates, at one worker's share of the per-API budget,
 * as in a run): steps and requests (steps plus read-backs) per second, per kind.
 */
import { startMockServer, DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../test-utils/mock/index.ts';
import { createPortedClient } from '../test-utils/fixtures/tim-client.ts';
import type { ResolvedTarget } from '../test-utils/contract/types.ts';
import { clientPort } from '../test-utils/stateful/client-port.ts';
import { runStatefulProperty } from '../test-utils/stateful/run-property.ts';
import type { StatefulKind } from '../test-utils/stateful/steps.ts';
import { SUITE_WORKERS } from '../test-utils/runner/pool.ts';

export interface StatefulSpeed {
  kind: StatefulKind;
  steps: number;
  requests: number;
  seconds: number;
}

export async function benchStatefulSpeed(seed = 1): Promise<StatefulSpeed[]> {
  const mock = await startMockServer();
  const admin = 'administrator';
  const target: ResolvedTarget = {
    kind: 'mock',
    baseUrl: mock.url,
    seed,
    strict: false,
    reportDir: 'reports',
    groupIdPrefix: 'timc-bench-',
    app: { sdkappid: DEFAULT_FULL_APP.sdkappid, secretKey: DEFAULT_FULL_APP.secretKey, admin },
    basicApp: { sdkappid: DEFAULT_BASIC_APP.sdkappid, secretKey: DEFAULT_BASIC_APP.secretKey, admin },
  };
  const client = await createPortedClient(target, { workerShare: 1 / SUITE_WORKERS });
  const out: StatefulSpeed[] = [];
  try {
    for (const kind of ['attributes', 'counters', 'isolation'] as const) {
      const start = performance.now();
      const result = await runStatefulProperty({
        kind,
        seed,
        port: clientPort(client, target),
        apps: {
          main: { sdkappid: target.app.sdkappid, countersEdition: true },
          basic: { sdkappid: target.basicApp!.sdkappid, countersEdition: false },
        },
      });
      out.push({ kind, steps: result.steps, requests: result.requests, seconds: (performance.now() - start) / 1000 });
    }
  } finally {
    await client.close();
    await mock.close();
  }
  return out;
}

export function formatStatefulSpeed(rows: StatefulSpeed[]): string {
  const lines = rows.map(
    (r) =>
      `  stateful/${r.kind.padEnd(10)} ${String(r.steps).padStart(5)} steps, ${String(r.requests).padStart(5)} requests in ${r.seconds.toFixed(1)} s: ${(r.steps / r.seconds).toFixed(0)} steps/s, ${(r.requests / r.seconds).toFixed(0)} requests/s`,
  );
  const steps = rows.reduce((n, r) => n + r.steps, 0);
  const seconds = rows.reduce((n, r) => n + r.seconds, 0);
  return [
    ...lines,
    `  all kinds (one after another): ${steps} operations in ${seconds.toFixed(1)} s = ${(steps / seconds).toFixed(0)} operations/s`,
  ].join('\n');
}
