/**
 * Child-process entry: the proxy command's run (runProxy: forwarding, the live line of every
 * request — computed, then dropped instead of printed —, the recording, the final judgement) in a
 * process of its own, as an SDK team runs it, so that its event loop shares nothing with the load
 * generator. argv[2] is JSON { upstream, recordFile? }; the parent gets { type: 'listening', url },
 * and { type: 'thread-cpu', cpu } for each { type: 'thread-cpu' } it sends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProxy } from '../../test-utils/sdk-gate/run-proxy.ts';
import { threadCpuMs } from './thread-cpu.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as { upstream: string; recordFile?: string };
const reportDir = mkdtempSync(join(tmpdir(), 'timc-bench-proxy-reports-'));
// runProxy stops on SIGTERM itself; a parent that went away stops it too.
const stop = new AbortController();
process.on('disconnect', () => stop.abort());
process.on('message', (message: { type?: string }) => {
  if (message.type === 'thread-cpu') process.send?.({ type: 'thread-cpu', cpu: threadCpuMs() });
});
await runProxy(
  {
    upstream: options.upstream,
    host: '127.0.0.1',
    port: 0,
    reportDir,
    ...(options.recordFile ? { recordFile: options.recordFile } : {}),
  },
  {
    out: (line) => {
      const listening = /^listening on (\S+)/.exec(line);
      if (listening) process.send?.({ type: 'listening', url: listening[1] });
    },
    err: () => {},
    signal: stop.signal,
  },
);
rmSync(reportDir, { recursive: true, force: true });
process.exit(0);
