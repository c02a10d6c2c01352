/**
 * One client per suite worker: its keep-alive pool and its pacing window are shared by every
 * check the worker runs (the suites run with isolate: false, so this module lives as long as
 * the worker). Each worker paces to its share of the per-API budget, so the whole run stays
 * under the documented rate; APIs too slow to split are paced at the runner's coordinator
 * instead (timPacingUrl), when the runner started one.
 */
import { inject } from 'vitest';
import type { ResolvedTarget } from '../contract/types.ts';
import type { CheckClient } from './context.ts';
import { createPortedClient } from '../fixtures/tim-client.ts';

export type CheckClientFactory = (
  target: ResolvedTarget,
  rateShare: number,
  pacingUrl?: string,
) => CheckClient | Promise<CheckClient>;

let factory: CheckClientFactory | undefined;
/** One client per target (base URL and app) this worker talks to; usually exactly one. */
const current = new Map<string, Promise<CheckClient>>();

const defaultFactory: CheckClientFactory = (target, rateShare, pacingUrl) =>
  createPortedClient(
    target,
    pacingUrl === undefined ? { workerShare: rateShare } : { workerShare: rateShare, pacingUrl },
  );

/** Replaces how the worker's client is made (project tests pass a fake). Resets the current one. */
export function setCheckClientFactory(next: CheckClientFactory | undefined): void {
  factory = next;
  current.clear();
}

/** The fraction of the per-API budget this worker may use: 1 / the number of suite workers. */
export function workerRateShare(): number {
  let workers: number | undefined;
  try {
    workers = inject('timWorkers');
  } catch {
    workers = undefined;
  }
  return typeof workers === 'number' && workers > 1 ? 1 / workers : 1;
}

/** The runner's pacing coordinator, when this worker runs under `tim-conformance run`. */
export function runPacingUrl(): string | undefined {
  try {
    const url = inject('timPacingUrl');
    return typeof url === 'string' && url !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function workerClient(target: ResolvedTarget): Promise<CheckClient> {
  const key = `${target.baseUrl} ${target.app.sdkappid}`;
  let client = current.get(key);
  if (client === undefined) {
    client = Promise.resolve((factory ?? defaultFactory)(target, workerRateShare(), runPacingUrl()));
    current.set(key, client);
  }
  return client;
}

/**
 * A client that is created on its first call, so a check that never calls (or a project test
 * with no client module) costs nothing. Owned-group marks made before then are replayed.
 */
export function lazyWorkerClient(target: ResolvedTarget): CheckClient {
  let real: CheckClient | undefined;
  const owned: string[] = [];
  const get = async (): Promise<CheckClient> => {
    if (!real) {
      real = await workerClient(target);
      for (const id of owned.splice(0)) real.markGroupOwned(id);
    }
    return real;
  };
  return {
    async call(operationId, body, opts) {
      return (await get()).call(operationId, body, opts);
    },
    markGroupOwned(groupId) {
      if (real) real.markGroupOwned(groupId);
      else owned.push(groupId);
    },
    redact(text) {
      return real?.redact ? real.redact(text) : text;
    },
  };
}
