/**
 * A worker's side of the run-wide pacing coordinator (pacing-coordinator.ts): admits a call
 * through the coordinator's pacer instead of this process's one.
 *
 * If the coordinator cannot be reached (refused, reset, a non-2xx answer), the run must not hang
 * nor stop: from then on this process paces with its local share-based slot, the way it did
 * before there was a coordinator, and says so in one line on stderr (one per worker). The
 * fallback is for good: a coordinator that went away does not come back within a run, and
 * switching to and fro would lose the count of either side.
 */
import { writeSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { PaceSlot, PaceTicket } from './pacer.ts';

export interface RemotePacerOptions {
  /** Where the one fallback warning goes; default the process's stderr (writeToStderr). */
  warn?: (line: string) => void;
}

/**
 * Straight to file descriptor 2: inside a suite worker, vitest takes over process.stderr and
 * hands what is written there to the reporters, and the runner's reporters do not print it.
 */
export function writeToStderr(line: string): void {
  try {
    writeSync(2, `${line}\n`);
  } catch {
    // No stderr to warn on: the fallback goes on regardless.
  }
}

class CoordinatorError extends Error {}

export class RemotePacer {
  readonly url: string;
  readonly #agent = new Agent({ keepAlive: true });
  readonly #warn: (line: string) => void;
  #unreachable = false;

  constructor(url: string, options: RemotePacerOptions = {}) {
    this.url = url;
    this.#warn = options.warn ?? writeToStderr;
  }

  /** True once the coordinator failed: every later call uses its local fallback. */
  get unreachable(): boolean {
    return this.#unreachable;
  }

  /** Waits until the coordinator admits the call; `fallback` when it cannot be reached. */
  async acquire(slots: readonly PaceSlot[], fallback: () => Promise<PaceTicket>): Promise<PaceTicket> {
    if (this.#unreachable) return fallback();
    try {
      return this.#ticket(await this.#post('/admit', { slots }));
    } catch (error) {
      this.#fail(error);
      return fallback();
    }
  }

  /**
   * Counts a call that bypasses pacing, without delaying it: the call goes out at once and the
   * coordinator hears of it on the side. A loopback round trip lands well within the window
   * the call is counted in, and done() waits for the ticket before it reports the response.
   */
  record(slots: readonly PaceSlot[], fallback: () => PaceTicket): PaceTicket {
    if (this.#unreachable) return fallback();
    const recorded: Promise<PaceTicket> = this.#post('/record', { slots }).then(
      (answer) => this.#ticket(answer),
      (error: unknown) => {
        this.#fail(error);
        return fallback();
      },
    );
    return {
      done: () => {
        void recorded.then((ticket) => ticket.done());
      },
    };
  }

  #ticket(answer: unknown): PaceTicket {
    const id = (answer as { ticket?: unknown } | undefined)?.ticket;
    if (typeof id !== 'string') throw new CoordinatorError('the coordinator answered without a ticket');
    let finished = false;
    return {
      done: () => {
        if (finished) return;
        finished = true;
        // A lost /done only keeps the slot until the coordinator's lease ends it.
        this.#post('/done', { ticket: id }).catch((error: unknown) => this.#fail(error));
      },
    };
  }

  #fail(error: unknown): void {
    if (this.#unreachable) return;
    this.#unreachable = true;
    const err = error as { code?: string; message?: string };
    const why = err.code ?? err.message ?? String(error);
    this.#warn(
      `tim-conformance: pacing coordinator ${this.url} unreachable (${why}); pacing low-rate APIs with this worker's share instead`,
    );
  }

  #post(path: string, body: unknown, retried = false): Promise<unknown> {
    const payload = JSON.stringify(body);
    return new Promise<unknown>((resolve, reject) => {
      const req = request(new URL(path, this.url), {
        method: 'POST',
        agent: this.#agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 299) {
            // An unknown ticket (404 on /done) was already ended by its lease: nothing to do.
            if (path === '/done' && status === 404) resolve(undefined);
            else reject(new CoordinatorError(`HTTP ${status} on ${path}`));
            return;
          }
          try {
            resolve(text === '' ? undefined : JSON.parse(text));
          } catch {
            reject(new CoordinatorError(`a body that is not JSON on ${path}`));
          }
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket can be closed by the peer just as it is reused; the request never
        // reached the coordinator, so one retry on a fresh socket is safe.
        if (!retried && req.reusedSocket && error.code === 'ECONNRESET')
          this.#post(path, body, true).then(resolve, reject);
        else reject(error);
      });
      req.end(payload);
    });
  }

  /** Closes the kept-alive sockets (tests; a worker's ones end with its thread). */
  close(): void {
    this.#agent.destroy();
  }
}

const perUrl = new Map<string, RemotePacer>();

/**
 * One RemotePacer per coordinator URL in this process (thread): one pool, one fallback state.
 * The options of the first caller hold for the URL.
 */
export function remotePacerFor(url: string, options: RemotePacerOptions = {}): RemotePacer {
  let pacer = perUrl.get(url);
  if (!pacer) {
    pacer = new RemotePacer(url, options);
    perUrl.set(url, pacer);
  }
  return pacer;
}
