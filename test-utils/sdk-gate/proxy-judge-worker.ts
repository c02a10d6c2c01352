/**
 * The proxy's judging thread (started by proxy-judge-thread.ts): judges each forwarded exchange
 * (proxy-judging.ts), appends its line to the recording, hands the judged exchange back. Off the
 * forwarding event loop, so judging one request never delays forwarding the next; and at the
 * lowest scheduling priority, so that on a small machine a batch being judged does not hold a core
 * the forwarding loop (or the SDK, or the upstream on the same machine) is waiting for.
 */
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { serializeExchange } from './cassette.ts';
import type { FromJudgeThread, JudgeThreadData, ToJudgeThread } from './proxy-judge-thread.ts';
import { proxyJudging } from './proxy-judging.ts';
import { lowerThisThreadPriority } from '../process/lower-thread-priority.ts';

lowerThisThreadPriority();
const data = workerData as JudgeThreadData;
const port = parentPort!;
const send = (message: FromJudgeThread): void => port.postMessage(message);

/** The recording's stream, or the error to report when the file cannot be created. */
function openRecording(path: string): WriteStream | NodeJS.ErrnoException {
  try {
    return createWriteStream(path, { fd: openSync(path, 'w') });
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

function serve(recording: WriteStream | undefined): void {
  const judge = proxyJudging(data.apps, data.judgeEach);
  port.on('message', (message: ToJudgeThread) => {
    if (message.type === 'exchanges') {
      const judged = message.exchanges.map(judge);
      // The lines go to the stream as their exchanges are judged: a stopped proxy keeps all of
      // them (a killed one may lose the last few the OS had not been given yet).
      recording?.write(judged.map((j) => `${serializeExchange(j.exchange)}\n`).join(''));
      send({ type: 'judged', judged });
      return;
    }
    // Messages arrive in order: every exchange handed over before the drain has been judged.
    const done = (): void => {
      send({ type: 'drained' });
      port.close();
    };
    if (recording === undefined) done();
    else recording.end(done);
  });
  send({ type: 'ready' });
}

const recording = data.recordFile === undefined ? undefined : openRecording(data.recordFile);
if (recording instanceof Error) {
  const { message, code, syscall } = recording;
  send({ type: 'cannot-record', message, ...(code ? { code } : {}), ...(syscall ? { syscall } : {}) });
  port.close();
} else serve(recording);
