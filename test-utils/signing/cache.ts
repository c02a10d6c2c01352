/**
 * Admin UserSigs reused across calls (the REST overview allows reusing one while watching its
 * expiry) and replaced before they come close to expiring, so a long run never sends a sig that
 * expires in flight.
 */
import { createHash } from 'node:crypto';
import type { AppCredentials } from '../contract/types.ts';
import { DEFAULT_USERSIG_EXPIRE_SECONDS, nowInSeconds, signUserSig } from './usersig.ts';

/** Replace a sig once less than this share of its validity is left ... */
const REFRESH_SHARE = 0.1;
/** ... or less than five minutes, whichever is longer. */
const REFRESH_MIN_SECONDS = 300;

export interface UserSigCacheOptions {
  expireSeconds?: number;
  /** Clock in Unix seconds (tests pass a fake one). */
  now?: () => number;
}

interface Entry {
  sig: string;
  signedAt: number;
}

export class UserSigCache {
  readonly expireSeconds: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();

  constructor(opts: UserSigCacheOptions = {}) {
    this.expireSeconds = opts.expireSeconds ?? DEFAULT_USERSIG_EXPIRE_SECONDS;
    this.#now = opts.now ?? nowInSeconds;
  }

  /** Seconds before expiry at which a cached sig is replaced. */
  get refreshMarginSeconds(): number {
    return Math.min(this.expireSeconds / 2, Math.max(this.expireSeconds * REFRESH_SHARE, REFRESH_MIN_SECONDS));
  }

  /** A valid sig for `identifier` (default the app's admin), signed anew when near expiry. */
  get(app: AppCredentials, identifier: string = app.admin): string {
    // The key is hashed so the map never holds the secret as a readable key.
    const keyHash = createHash('sha256').update(app.secretKey).digest('hex').slice(0, 16);
    const cacheKey = `${app.sdkappid}\u0000${identifier}\u0000${keyHash}`;
    const now = this.#now();
    const cached = this.#entries.get(cacheKey);
    if (cached && now < cached.signedAt + this.expireSeconds - this.refreshMarginSeconds) return cached.sig;
    const sig = signUserSig(app, { identifier, expireSeconds: this.expireSeconds, nowSeconds: now });
    this.#entries.set(cacheKey, { sig, signedAt: now });
    return sig;
  }

  clear(): void {
    this.#entries.clear();
  }
}
