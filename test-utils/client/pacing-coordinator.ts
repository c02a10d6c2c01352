/**
 * The run-wide pacing coordinator: one SlidingWindowPacer in the runner process, reached by the
 * suite workers over loopback HTTP, for the APIs whose documented rate is too low to split
 * between workers (see runWideSlot in client.ts). Split 1/N, a 1 call/s API gives each of N
 * workers one call per N windows, and the checks of that API, which run in one worker, queue
 * although the other workers leave their share unused. Here every worker draws on the whole
 * documented rate, and the coordinator alone keeps the run under it.
 *
 * Endpoints (POST, JSON body):
 *   /admit  {slots}   answers {ticket} once the pacer admits the call (a long poll)
 *   /record {slots}   answers {ticket} at once; the call still counts (pacing bypass)
 *   /done   {ticket}  the call's response (or failure) has arrived; answers 204
 *   /breaker {streak, lastError}  a worker's transport breaker tripped (breaker.ts); answers
 *           204 and calls onBreakerTrip once, so the runner can stop the run
 * An admission counts as in flight until /done, then from /done's arrival for one window: the
 * pacer's own semantics (logged at response time), a little later, so a little safer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BreakerTrip } from './breaker.ts';
import { type PacerClock, type PaceSlot, type PaceTicket, SlidingWindowPacer } from './pacer.ts';

/**
 * How long an admitted ticket may stay without /done before the coordinator ends it itself.
 * Far above any one attempt of a call (the client's timeout is the server's 3 s + 2 s); it only
 * frees the slot of a worker that died between admission and response, which would otherwise
 * hold that API for the rest of the run.
 */
export const DEFAULT_TICKET_LEASE_MS = 60_000;

/** Bounds of what a worker may ask for (anything else is a bug, answered 400). */
const MAX_BODY_BYTES = 16 * 1024;
const MAX_KEY_LENGTH = 512;
const MAX_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface PacingCoordinator {
  /** http://127.0.0.1:<port>, what the workers are given. */
  readonly url: string;
  /** The pacer behind the endpoints (tests read its admissions). */
  readonly pacer: SlidingWindowPacer;
  /** Admissions so far (admit + record), per slot key. */
  admittedCount(key: string): number;
  /** Stops listening and drops open connections (waiting workers fall back to local pacing). */
  close(): Promise<void>;
}

export interface PacingCoordinatorOptions {
  pacer?: SlidingWindowPacer;
  leaseMs?: number;
  /** Called once, on the first worker's report that its transport breaker tripped. */
  onBreakerTrip?: (trip: BreakerTrip) => void;
}

class BadRequest extends Error {}

/**
 * The real clock whose sleeps do not keep the process alive: after close(), a long poll still
 * queued in the pacer must not hold the runner's exit for its wait.
 */
const unrefClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

function parseSlots(body: unknown): PaceSlot[] {
  const slots = (body as { slots?: unknown } | null)?.slots;
  if (!Array.isArray(slots) || slots.length === 0) throw new BadRequest('slots must be a non-empty array');
  return slots.map((slot: unknown) => {
    const { key, limit, windowMs } = (slot ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH)
      throw new BadRequest('slot.key must be a short non-empty string');
    if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1)
      throw new BadRequest('slot.limit must be a positive integer');
    if (typeof windowMs !== 'number' || !(windowMs > 0 && windowMs <= MAX_WINDOW_MS))
      throw new BadRequest('slot.windowMs must be a positive number of ms');
    return { key, limit, windowMs };
  });
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new BadRequest('body too large'));
      else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BadRequest('body is not JSON'));
      }
    });
  });
}

function answer(res: ServerResponse, status: number, body?: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startPacingCoordinator(options: PacingCoordinatorOptions = {}): Promise<PacingCoordinator> {
  const pacer = options.pacer ?? new SlidingWindowPacer({ clock: unrefClock });
  const leaseMs = options.leaseMs ?? DEFAULT_TICKET_LEASE_MS;
  const tickets = new Map<string, { ticket: PaceTicket; lease: NodeJS.Timeout }>();
  const admitted = new Map<string, number>();
  let nextTicket = 1;
  let tripped = false;

  function issue(slots: PaceSlot[], ticket: PaceTicket): string {
    const id = String(nextTicket++);
    const lease = setTimeout(() => finish(id), leaseMs);
    lease.unref();
    tickets.set(id, { ticket, lease });
    for (const slot of slots) admitted.set(slot.key, (admitted.get(slot.key) ?? 0) + 1);
    return id;
  }

  function finish(id: string): boolean {
    const held = tickets.get(id);
    if (!held) return false;
    tickets.delete(id);
    clearTimeout(held.lease);
    held.ticket.done();
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = req.method === 'POST' ? new URL(req.url ?? '/', 'http://coordinator').pathname : '';
    if (route !== '/admit' && route !== '/record' && route !== '/done' && route !== '/breaker') {
      answer(res, 404, { error: 'POST /admit, /record, /done or /breaker' });
      return;
    }
    const body = await readJson(req);
    if (route === '/breaker') {
      const { streak, lastError } = (body ?? {}) as { streak?: unknown; lastError?: unknown };
      if (typeof streak !== 'number' || typeof lastError !== 'string')
        throw new BadRequest('streak must be a number and lastError a string');
      answer(res, 204);
      if (!tripped) {
        tripped = true;
        options.onBreakerTrip?.({ streak, lastError: lastError.slice(0, 500) });
      }
      return;
    }
    if (route === '/done') {
      const id = (body as { ticket?: unknown } | null)?.ticket;
      if (typeof id !== 'string') throw new BadRequest('ticket must be a string');
      answer(res, finish(id) ? 204 : 404);
      return;
    }
    const slots = parseSlots(body);
    const ticket = route === '/record' ? pacer.record(slots) : await pacer.acquire(slots);
    if (res.destroyed) {
      // The worker gave up (its thread ended): it will never send this call, nor /done.
      ticket.done();
      return;
    }
    answer(res, 200, { ticket: issue(slots, ticket) });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BadRequest) answer(res, 400, { error: error.message });
      else answer(res, 500, { error: String((error as Error)?.message ?? error) });
    });
  });
  // Workers keep their connections for the whole run; a keep-alive timeout would close an idle
  // one just as a worker reuses it, which it would take for a coordinator that went away.
  server.keepAliveTimeout = 0;
  // A long poll may wait as long as the queue for its API is; no per-request time limit.
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    pacer,
    admittedCount: (key) => admitted.get(key) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const id of [...tickets.keys()]) finish(id);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
