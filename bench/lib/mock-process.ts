/**
 * Child-process entry: the reference mock in a process of its own, so that the load generator
 * and the bench's bookkeeping do not share its event loop and its memory can be read alone.
 * argv[2] is a JSON MockServerOptions subset; the parent gets { url } once it listens and may
 * ask { type: 'memory' } (answered after a full GC, when started with --expose-gc).
 */
import { startMockServer, type MockServerOptions } from '../../test-utils/mock/index.ts';

type Request = { type: 'memory' } | { type: 'close' };

const options = JSON.parse(process.argv[2] ?? '{}') as Pick<MockServerOptions, 'rateLimits' | 'latencyMs'>;
const mock = await startMockServer({ rateLimits: options.rateLimits, latencyMs: options.latencyMs });
process.send?.({ type: 'listening', url: mock.url });

process.on('message', (message: Request) => {
  if (message.type === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    process.send?.({ type: 'memory', usage: process.memoryUsage(), usersigCacheSize: mock.usersigCacheSize() });
  } else if (message.type === 'close') {
    void mock.close().then(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
