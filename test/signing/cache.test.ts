import { describe, expect, it } from 'vitest';
import { UserSigCache, decodeUserSig } from '../../test-utils/signing/index.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';

describe('UserSigCache', () => {
  it('reuses a sig until it comes within the margin of expiry, then signs anew', () => {
    let now = 1_700_000_000;
    const cache = new UserSigCache({ expireSeconds: 86_400, now: () => now });
    const first = cache.get(DEFAULT_FULL_APP);
    now += 86_400 - cache.refreshMarginSeconds - 1;
    expect(cache.get(DEFAULT_FULL_APP)).toBe(first);
    now += 1;
    const second = cache.get(DEFAULT_FULL_APP);
    expect(second).not.toBe(first);
    expect(decodeUserSig(second).json['TLS.time']).toBe(now);
  });

  it('keeps a margin of 10% of the validity, at least five minutes, at most half', () => {
    expect(new UserSigCache({ expireSeconds: 86_400 }).refreshMarginSeconds).toBe(8640);
    expect(new UserSigCache({ expireSeconds: 1000 }).refreshMarginSeconds).toBe(300);
    expect(new UserSigCache({ expireSeconds: 100 }).refreshMarginSeconds).toBe(50);
  });

  it('keeps one sig per app and identifier', () => {
    const cache = new UserSigCache({ now: () => 1_700_000_000 });
    const admin = decodeUserSig(cache.get(DEFAULT_FULL_APP)).json;
    const other = decodeUserSig(cache.get(DEFAULT_FULL_APP, 'user1')).json;
    const basic = decodeUserSig(cache.get(DEFAULT_BASIC_APP)).json;
    expect(admin['TLS.identifier']).toBe(DEFAULT_FULL_APP.admin);
    expect(other['TLS.identifier']).toBe('user1');
    expect(basic['TLS.sdkappid']).toBe(DEFAULT_BASIC_APP.sdkappid);
  });

  it('never serves a sig of one key for another key of the same app id', () => {
    const cache = new UserSigCache({ now: () => 1_700_000_000 });
    const a = cache.get(DEFAULT_FULL_APP);
    const b = cache.get({ ...DEFAULT_FULL_APP, secretKey: 'a-different-secret-key' });
    expect(a).not.toBe(b);
  });
});
