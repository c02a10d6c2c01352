// A ResolvedTarget at a closed port, for tests that build check contexts, collect suites or
// write reports without a server: the same shape everywhere, each test naming what it relies on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedTarget } from '../test-utils/contract/types.ts';

/** `id` names the run's group-id prefix (timc-<id>-) and its report directory. */
export function closedPortTarget(
  id: string,
  overrides: Partial<ResolvedTarget> & { secretKey: string },
): ResolvedTarget {
  const { secretKey, ...rest } = overrides;
  return {
    kind: 'url',
    baseUrl: 'http://127.0.0.1:9',
    app: { sdkappid: 1400000001, secretKey, admin: 'administrator' },
    seed: 7,
    strict: false,
    reportDir: mkdtempSync(join(tmpdir(), `timc-${id}-`)),
    groupIdPrefix: `timc-${id}-`,
    ...rest,
  };
}
