/**
 * The benchmarks' own dependencies (the load generator and Prism) live in bench/package.json so
 * that the project's `npm ci` stays lean; they are installed on first use with `npm --prefix
 * bench ci` and loaded from bench/node_modules. The types below are the parts of autocannon's
 * API the benchmarks use (tsc must pass without bench/node_modules). Note: a bare import in a
 * bench/ file resolves in bench/node_modules first (Prism brings its own yaml, chalk ...), so
 * bench files import the project's packages only through test-utils/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_MODULES = join(BENCH_DIR, 'node_modules');
export const PRISM_ENTRY = join(BENCH_MODULES, '@stoplight', 'prism-cli', 'dist', 'index.js');
const AUTOCANNON_PACKAGE = join(BENCH_MODULES, 'autocannon', 'package.json');

export function ensureBenchDeps(log: (line: string) => void): void {
  if (existsSync(PRISM_ENTRY) && existsSync(AUTOCANNON_PACKAGE)) return;
  log('bench: installing bench/package-lock.json (npm --prefix bench ci)');
  execFileSync('npm', ['--prefix', BENCH_DIR, 'ci', '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export interface LoadRequest {
  method: 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called before each request; may replace the body (autocannon's setupRequest). */
  setupRequest?: (request: LoadRequest) => LoadRequest;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  method?: 'POST';
  headers?: Record<string, string>;
  body?: string;
  requests?: LoadRequest[];
  /** Requests per second across all connections (a paced load instead of as fast as possible). */
  overallRate?: number;
}

/** Latencies are in milliseconds (autocannon records them with 1 ms resolution below p99.x). */
export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

export type LoadGenerator = (options: LoadOptions) => Promise<LoadResult>;

export function loadAutocannon(): LoadGenerator {
  const requireFromBench = createRequire(join(BENCH_DIR, 'package.json'));
  return requireFromBench('autocannon') as LoadGenerator;
}

export function autocannonVersion(): string {
  const requireFromBench = createRequire(join(BENCH_DIR, 'package.json'));
  return (requireFromBench('autocannon/package.json') as { version: string }).version;
}

export function prismVersion(): string {
  const requireFromBench = createRequire(join(BENCH_DIR, 'package.json'));
  return (requireFromBench('@stoplight/prism-cli/package.json') as { version: string }).version;
}
