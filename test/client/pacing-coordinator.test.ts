import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  createTimClient,
  needsRunWidePacing,
  PACING_WINDOW_MS,
  RemotePacer,
  remotePacerFor,
  SlidingWindowPacer,
  startPacingCoordinator,
  type PaceSlot,
} from '../../test-utils/client/index.ts';
import { operations } from '../../test-utils/contract/index.ts';
import { startRecordingServer, targetFor } from './recording-server.ts';
import { busiestWindow } from './arrivals.ts';

/** Two workers, as the runner has them at its smallest. */
const SHARE = 1 / 2;
/** An operation whose documented rate is paced run-wide (the group list, 1 call/s), from the spec. */
const slowOperation = operations().find((op) => needsRunWidePacing(op['x-tim-call-rate'].perSecond, SHARE))!;
const slowRate = slowOperation['x-tim-call-rate'].perSecond;
const fastOperation = operations().find((op) => !needsRunWidePacing(op['x-tim-call-rate'].perSecond, SHARE))!;

async function coordinator(options: Parameters<typeof startPacingCoordinator>[0] = {}) {
  const started = await startPacingCoordinator(options);
  // The clients' RemotePacer of this URL, made first so that a done() still on its way when the
  // test closes the coordinator does not print a fallback warning into the test output.
  const remote = remotePacerFor(started.url, { warn: () => {} });
  onTestFinished(async () => {
    await started.close();
    remote.close();
  });
  return started;
}

async function recordingServer() {
  const server = await startRecordingServer();
  onTestFinished(() => server.close());
  return server;
}

/** A client as one worker of `tim-conformance run` makes it: its own pacer, its share, the coordinator. */
function workerClient(baseUrl: string, pacingUrl: string) {
  const client = createTimClient(targetFor(baseUrl), {
    pacer: new SlidingWindowPacer(),
    workerShare: SHARE,
    pacingUrl,
  });
  onTestFinished(() => client.close());
  return client;
}

/** A URL where nothing listens (a coordinator that is down). */
async function refusedUrl(): Promise<string> {
  const gone = await startPacingCoordinator();
  await gone.close();
  return gone.url;
}

function apiKeyOf(operationId: string): string {
  return `api:${targetFor('http://unused').app.sdkappid}:${operationId}`;
}

describe('run-wide pacing coordinator', () => {
  it('finds an operation too slow to split between workers in the spec, and one that is not', () => {
    expect(slowOperation).toBeDefined();
    expect(fastOperation).toBeDefined();
    expect(needsRunWidePacing(slowRate, 1)).toBe(false);
  });

  it('admits at most the documented rate per window across two workers that share it', async () => {
    const server = await recordingServer();
    const run = await coordinator();
    const workers = [workerClient(server.url, run.url), workerClient(server.url, run.url)];
    const perWorker = 2;
    await Promise.all(
      workers.flatMap((client) => Array.from({ length: perWorker }, () => client.call(slowOperation.operationId, {}))),
    );
    const arrivals = server.requests.map((r) => r.at);
    expect(arrivals).toHaveLength(workers.length * perWorker);
    // Each worker's local share would let both send at once; the coordinator does not.
    expect(busiestWindow(arrivals, 1000)).toBeLessThanOrEqual(slowRate);
    expect(run.admittedCount(apiKeyOf(slowOperation.operationId))).toBe(workers.length * perWorker);
  });

  it("leaves APIs that split well to each worker's own pacer", async () => {
    const server = await recordingServer();
    const run = await coordinator();
    const client = workerClient(server.url, run.url);
    await Promise.all(Array.from({ length: 3 }, () => client.call(fastOperation.operationId, {})));
    expect(server.requests).toHaveLength(3);
    expect(run.admittedCount(apiKeyOf(fastOperation.operationId))).toBe(0);
  });

  it('lets a call bypass pacing at once, and still counts it at the coordinator', async () => {
    const server = await recordingServer();
    const run = await coordinator();
    const client = workerClient(server.url, run.url);
    const burst = slowRate + 2;
    await Promise.all(
      Array.from({ length: burst }, () => client.call(slowOperation.operationId, {}, { pacing: false })),
    );
    expect(
      busiestWindow(
        server.requests.map((r) => r.at),
        1000,
      ),
    ).toBe(burst);
    await vi.waitFor(() => expect(run.admittedCount(apiKeyOf(slowOperation.operationId))).toBe(burst));
  });

  it("falls back to the worker's share when the coordinator is down, with one warning line", async () => {
    const server = await recordingServer();
    const down = await refusedUrl();
    // The clients' RemotePacer is the one of this URL in the process: made here, it warns to the test.
    const warnings: string[] = [];
    remotePacerFor(down, { warn: (line) => warnings.push(line) });
    // Two clients of one worker share its pacer (as a worker's checks do).
    const pacer = new SlidingWindowPacer();
    const clients = [0, 1].map(() =>
      createTimClient(targetFor(server.url), { pacer, workerShare: SHARE, pacingUrl: down }),
    );
    onTestFinished(() => Promise.all(clients.map((c) => c.close())).then(() => {}));
    const results = await Promise.all(clients.map((client) => client.call(slowOperation.operationId, {})));
    expect(results.every((r) => r.httpStatus === 200)).toBe(true);
    // The local slot of this worker's share: one call per 1/SHARE windows.
    expect(
      busiestWindow(
        server.requests.map((r) => r.at),
        Math.floor(PACING_WINDOW_MS / SHARE) - 100,
      ),
    ).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^tim-conformance: pacing coordinator http:\/\/127\.0\.0\.1:\d+ unreachable \(ECONNREFUSED\)/,
    );
    expect(warnings[0]).not.toContain('\n');
  });

  it('lets waiting workers go on with their local slot when the coordinator closes', async () => {
    const run = await startPacingCoordinator();
    const warn = vi.fn();
    const remote = new RemotePacer(run.url, { warn });
    onTestFinished(() => remote.close());
    const slot: PaceSlot = { key: 'k', limit: 1, windowMs: 60_000 };
    const local = new SlidingWindowPacer();
    const fallback = () => local.acquire([slot]);
    const held = await remote.acquire([slot], fallback);
    const waiting = remote.acquire([slot], fallback);
    await run.close();
    (await waiting).done();
    held.done();
    expect(remote.unreachable).toBe(true);
    expect(local.admissions('k')).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('ends a ticket that is never marked done after its lease, so the API is not held for the run', async () => {
    const run = await coordinator({ leaseMs: 200 });
    const remote = new RemotePacer(run.url, { warn: () => {} });
    onTestFinished(() => remote.close());
    const slot: PaceSlot = { key: 'k', limit: 1, windowMs: 100 };
    const fallback = () => Promise.reject(new Error('the coordinator is up: no fallback expected'));
    const abandoned = await remote.acquire([slot], fallback);
    const next = await remote.acquire([slot], fallback);
    next.done();
    // A late done() of the leased ticket is harmless.
    abandoned.done();
    await vi.waitFor(() => expect(run.pacer.admissions('k').every(Number.isFinite)).toBe(true));
    expect(run.admittedCount('k')).toBe(2);
    expect(remote.unreachable).toBe(false);
  });

  it('refuses malformed requests instead of pacing them', async () => {
    const run = await coordinator();
    const post = (path: string, body: unknown) =>
      fetch(new URL(path, run.url), {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }).then((r) => r.status);
    expect(await post('/admit', { slots: [{ key: 'k', limit: 0, windowMs: 1000 }] })).toBe(400);
    expect(await post('/admit', { slots: [] })).toBe(400);
    expect(await post('/record', 'not json')).toBe(400);
    expect(await post('/done', { ticket: 7 })).toBe(400);
    expect(await post('/done', { ticket: 'never-issued' })).toBe(404);
    expect(await post('/elsewhere', {})).toBe(404);
    expect(await post('/record', { slots: [{ key: 'k', limit: 1, windowMs: 1000 }] })).toBe(200);
  });
});

describe('the breaker endpoint', () => {
  it('calls onBreakerTrip once, whatever the number of workers that report', async () => {
    const trips: unknown[] = [];
    const coordinator = await startPacingCoordinator({ onBreakerTrip: (trip) => trips.push(trip) });
    onTestFinished(() => coordinator.close());
    for (const streak of [5, 6]) {
      const answer = await fetch(`${coordinator.url}/breaker`, {
        method: 'POST',
        body: JSON.stringify({ streak, lastError: 'connect ECONNREFUSED' }),
      });
      expect(answer.status).toBe(204);
    }
    expect(trips).toEqual([{ streak: 5, lastError: 'connect ECONNREFUSED' }]);
    const bad = await fetch(`${coordinator.url}/breaker`, { method: 'POST', body: JSON.stringify({ streak: 'x' }) });
    expect(bad.status).toBe(400);
  });
});
