/**
 * A throw-away project that installs the packed tarball as an SDK repository would, without the
 * network: its package-lock.json is cut from this repository's lock (the packages a run needs,
 * plus @types/node for the type check), so `npm ci --offline` takes every package from the npm
 * cache that this repository's own `npm ci` filled. An `npm install` of the tarball would need
 * the registry's package documents, which `npm ci` does not cache.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  dev?: boolean;
  devOptional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface Lock {
  packages: Record<string, LockEntry>;
}

/** Where Node would find `name` from the package installed at `from` (a lock key), as the lock lays it out. */
function locate(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/** The lock entries of `roots` and everything they depend on. */
function closure(packages: Record<string, LockEntry>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = packages[key]!;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = locate(packages, key, name);
      if (found) queue.push(found);
    }
  }
  return seen;
}

/** Writes package.json and package-lock.json of a project that depends on `tarball` (a path relative to `dir`) and @types/node. */
export function writeConsumerProject(repoRoot: string, dir: string, tarball: string): void {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lock;
  const own = lock.packages['']!;
  const runtime = Object.keys(own.dependencies ?? {}).map((name) => `node_modules/${name}`);
  const keys = closure(lock.packages, [...runtime, 'node_modules/@types/node']);
  const typesNode = lock.packages['node_modules/@types/node']!.version!;
  const dependencies = { 'tim-conformance': `file:${tarball}`, '@types/node': typesNode };
  const packages: Record<string, LockEntry> = {
    '': { name: 'consumer', version: '1.0.0', dependencies },
    'node_modules/tim-conformance': {
      version: String(own.version),
      resolved: `file:${tarball}`,
      dependencies: own.dependencies ?? {},
      bin: own.bin,
      engines: own.engines,
    },
  };
  for (const key of [...keys].sort()) {
    const { dev: _dev, devOptional: _devOptional, ...entry } = lock.packages[key]!;
    packages[key] = entry;
  }
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: 'consumer', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
}
