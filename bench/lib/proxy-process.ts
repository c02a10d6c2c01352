/**
 * Child-process entry: the recording proxy in a process of its own (as an SDK team runs it),
 * so that its event loop shares nothing with the load generator. argv[2] is JSON
 * { upstream, recordFile? }; the parent gets { type: 'listening', url }.
 */
import { startProxy } from '../../test-utils/sdk-gate/proxy-server.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as { upstream: string; recordFile?: string };
const proxy = await startProxy({
  upstream: options.upstream,
  ...(options.recordFile ? { recordFile: options.recordFile } : {}),
});
process.send?.({ type: 'listening', url: proxy.url });
process.on('disconnect', () => void proxy.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
