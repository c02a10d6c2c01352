/**
 * A worker thread running one of the project's modules, from its sources or from dist/. Node
 * runs dist/'s JavaScript as it is; a clone runs its TypeScript through tsx, whose loader a new
 * thread does not inherit when tsx was registered in-process (bin/tim-conformance.mjs, vitest):
 * the thread then registers tsx itself before importing the module.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `sibling` ('./x') next to the module at `moduleUrl`, with that module's extension (.ts or .js). */
export function siblingModule(sibling: string, moduleUrl: string): URL {
  return new URL(`${sibling}${moduleUrl.endsWith('.ts') ? '.ts' : '.js'}`, moduleUrl);
}

export function startModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
