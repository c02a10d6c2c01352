/**
 * `tim-conformance --version`: the version in the package's own package.json. That file is two
 * directories up from the sources (test-utils/cli/) and three from the build (dist/test-utils/cli/).
 */
import { existsSync, readFileSync } from 'node:fs';

const CANDIDATES = ['../../package.json', '../../../package.json'];

export function packageVersion(): string {
  for (const candidate of CANDIDATES) {
    const url = new URL(candidate, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'tim-conformance' && typeof pkg.version === 'string') return pkg.version;
  }
  return 'unknown';
}
