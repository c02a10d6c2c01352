/**
 * Which contract a run was judged against: the spec's info.version and a digest of the spec
 * file, recorded in results.json so that `tim-conformance merge` can refuse to combine runs that
 * judged by different contracts (an edited spec with an unchanged version is caught by the digest).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadSpec, SPEC_PATH } from '../contract/index.ts';

export interface SpecIdentity {
  version: string;
  /** The first 16 hex digits of the spec file's SHA-256. */
  digest: string;
}

let cached: SpecIdentity | undefined;

export function specIdentity(): SpecIdentity {
  cached ??= {
    version: String(loadSpec().info.version),
    digest: createHash('sha256').update(readFileSync(SPEC_PATH)).digest('hex').slice(0, 16),
  };
  return cached;
}
