/**
 * The proxy's judging thread, seen from the forwarding side: each forwarded exchange is handed
 * over with its bytes (transferred, not copied) and the forwarding loop goes back to forwarding;
 * the thread (proxy-judge-worker.ts) judges the exchanges in the order they were handed over,
 * appends them to the recording and hands each judged exchange back. `drain` resolves once every
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
export type ToJudgeThread = { type: 'exchange'; exchange: ForwardedExchange } | { type: 'drain' };

/** Judging thread → forwarding side. */
export type FromJudgeThread =
  | { type: 'ready' }
  /** The recording could not be opened (the error's code and syscall, as fs gives them). */
  | { type: 'cannot-record'; message: string; code?: string; syscall?: string }
  | { type: 'judged'; judged: JudgedExchange }
  | { type: 'drained' };

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
      else if (message.type === 'judged') onJudged(message.judged);
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
  let draining: Promise<void> | undefined;
  return {
    judge(exchange) {
      const transfer = [exchange.body.buffer, ...(exchange.response ? [exchange.response.body.buffer] : [])];
      worker.postMessage({ type: 'exchange', exchange } satisfies ToJudgeThread, transfer as ArrayBuffer[]);
    },
    drain() {
      draining ??= (async () => {
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
