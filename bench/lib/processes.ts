/**
 * The servers under load run in processes of their own: the reference mock and the proxy
 * (bench/lib/mock-process.ts and proxy-process.ts through tsx) and Stoplight Prism's mock. All are
 * stopped by their pid.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test-utils/contract/index.ts';
import { BENCH_DIR, PRISM_ENTRY } from './bench-deps.ts';
import type { ThreadCpuMs } from './thread-cpu.ts';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident set size from /proc (kB → bytes); undefined where /proc is absent. */
  rssBytes(): number | undefined;
  stop(): Promise<void>;
}

export interface MockMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface MockProcess extends ServerProcess {
  memory(): Promise<MockMemory>;
}

function procRss(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Sends { type } to the child; resolves with `field` of its first answer { type, [field] }. */
function ask<T>(child: ChildProcess, type: string, field: string): Promise<T> {
  return new Promise<T>((resolve) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message[field] as T);
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Forks a server entry of bench/lib/ (through tsx) with its options as JSON in argv[2]; resolves
 * once it sends { type: 'listening', url }.
 */
async function forkServer(
  entry: string,
  options: object,
  extraExecArgv: string[],
): Promise<{ child: ChildProcess; url: string; pid: number }> {
  const child = fork(join(BENCH_DIR, 'lib', entry), [JSON.stringify(options)], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx', ...extraExecArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const onMessage = (message: { type: string; url?: string }) => {
      if (message.type !== 'listening') return;
      child.off('message', onMessage);
      resolve(message.url as string);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before listening`)));
  });
  return { child, url, pid: child.pid as number };
}

export async function startMockProcess(options: { rateLimits: boolean; latencyMs?: number }): Promise<MockProcess> {
  const { child, url, pid } = await forkServer('mock-process.ts', options, ['--expose-gc']);
  return {
    url,
    pid,
    rssBytes: () => procRss(pid),
    memory: () => ask<MockMemory>(child, 'memory', 'usage'),
    stop: () => stopChild(child),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Prism's mock of `specPath`, request logging off (`-v silent`), static examples. */
export async function startPrismProcess(specPath: string): Promise<ServerProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(
    process.execPath,
    [PRISM_ENTRY, 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'silent', specPath],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}: ${output.slice(-2000)}`);
    try {
      await fetch(`${url}/`, { method: 'POST', signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stopChild(child);
        throw new Error(`Prism did not listen within 60 s: ${output.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const pid = child.pid as number;
  return { url, pid, rssBytes: () => procRss(pid), stop: () => stopChild(child) };
}

export interface ProxyProcess extends ServerProcess {
  /** CPU time of the proxy's threads so far (undefined without /proc). */
  threadCpu(): Promise<ThreadCpuMs | undefined>;
}

/** The recording proxy (bench/lib/proxy-process.ts through tsx) in front of `upstream`. */
export async function startProxyProcess(options: { upstream: string; recordFile?: string }): Promise<ProxyProcess> {
  const { child, url, pid } = await forkServer('proxy-process.ts', options, []);
  return {
    url,
    pid,
    rssBytes: () => procRss(pid),
    threadCpu: () => ask<ThreadCpuMs | undefined>(child, 'thread-cpu', 'cpu'),
    stop: () => stopChild(child),
  };
}
