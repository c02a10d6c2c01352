/**
 * The proxy's judging thread, seen from the forwarding side: each forwarded exchange is handed
 * over with its bytes (transferred, not copied) and the forwarding loop goes back to forwarding;
 * the thread (proxy-judge-worker.ts) judges the exchanges in the order they were handed over,
 * appends them to the recording and hands the judged exchanges back. Exchanges travel in batches
 * (at most BATCH_MS apart): every message wakes the other thread, and on a busy machine a wake-up
 * costs the forwarding loop more than the judging of a request did. `drain` resolves once every
 * exchange handed over before it has been judged and written, and the recording is closed.
 */
import type { Worker } from 'node:worker_threads';
import type { JudgeApp, JudgeContext } from './exchange.ts';
import { siblingModule, startModuleWorker } from './module-worker.ts';
import type { ForwardedExchange, JudgedExchange } from './proxy-judging.ts';

/** The thread's workerData. */
export interface JudgeThreadData {
  apps: JudgeApp[];
  /** Judge each request alone too (the live line's findings). */
  judgeEach?: JudgeContext;
  /** The recording the thread creates (replacing a file there), writes and closes. */
  recordFile?: string;
}

/** Forwarding side → judging thread. */
export type ToJudgeThread = { type: 'exchanges'; exchanges: ForwardedExchange[] } | { type: 'drain' };

/** Judging thread → forwarding side. */
export type FromJudgeThread =
  | { type: 'ready' }
  /** The recording could not be opened (the error's code and syscall, as fs gives them). */
  | { type: 'cannot-record'; message: string; code?: string; syscall?: string }
  | { type: 'judged'; judged: JudgedExchange[] }
  | { type: 'drained' };

/** How long an exchange may wait for the batch it travels in, and how many a batch holds. */
const BATCH_MS = 20;
const BATCH_SIZE = 64;

export interface JudgeThread {
  /** Hands the exchange over; its byte arrays are transferred (unusable here afterwards). */
  judge(exchange: ForwardedExchange): void;
  /** Waits for every exchange handed over so far, closes the recording and ends the thread. */
  drain(): Promise<void>;
}

export async function startJudgeThread(
  data: JudgeThreadData,
  onJudged: (judged: JudgedExchange) => void,
): Promise<JudgeThread> {
  const worker: Worker = startModuleWorker(siblingModule('./proxy-judge-worker', import.meta.url), {
    workerData: data,
  });
  let failure: Error | undefined;
  let drained: (() => void) | undefined;
  let exited!: Promise<void>;
  await new Promise<void>((resolve, reject) => {
    exited = new Promise<void>((onExit) => worker.once('exit', () => onExit()));
    worker.on('message', (message: FromJudgeThread) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'cannot-record') reject(Object.assign(new Error(message.message), message));
      else if (message.type === 'judged') for (const judged of message.judged) onJudged(judged);
      else drained?.();
    });
    worker.on('error', (error) => {
      failure = error;
      reject(error);
      drained?.();
    });
    void exited.then(() => {
      reject(failure ?? new Error('the proxy judging thread ended before it was ready'));
      drained?.();
    });
  });
  // While the proxy listens, its server keeps the process alive; the thread must not.
  worker.unref();
  let batch: ForwardedExchange[] = [];
  let transfer: ArrayBuffer[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0) return;
    worker.postMessage({ type: 'exchanges', exchanges: batch } satisfies ToJudgeThread, transfer);
    batch = [];
    transfer = [];
  };
  let draining: Promise<void> | undefined;
  return {
    judge(exchange) {
      batch.push(exchange);
      transfer.push(exchange.body.buffer as ArrayBuffer);
      if (exchange.response) transfer.push(exchange.response.body.buffer as ArrayBuffer);
      if (batch.length >= BATCH_SIZE) flush();
      else timer ??= setTimeout(flush, BATCH_MS).unref();
    },
    drain() {
      draining ??= (async () => {
        flush();
        worker.ref();
        await new Promise<void>((resolve) => {
          drained = resolve;
          if (failure !== undefined) resolve();
          else worker.postMessage({ type: 'drain' } satisfies ToJudgeThread);
        });
        await exited;
        if (failure !== undefined) throw failure;
      })();
      return draining;
    },
  };
}
