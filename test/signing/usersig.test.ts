import { describe, expect, it } from 'vitest';
import { Api } from 'tls-sig-api-v2';
import {
  craftUserSig,
  decodeUserSig,
  hmacUserSig,
  signUserSig,
  signingString,
  userSigHmacMatches,
} from '../../test-utils/signing/index.ts';
import { DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';

// docs/signing.md: huangjj27/TLSSigAPI (Rust) fixed-time vectors.
const VECTOR_APP = {
  sdkappid: 1400000000,
  secretKey: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e',
  admin: 'administrator',
};
const VECTOR = { identifier: '0', nowSeconds: 1569910200, expireSeconds: 15552000 };
const VECTOR_SIG = 'CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY=';
const VECTOR_SIG_WITH_USERBUF = 'bC3u5cuslSg8Ds7KY58mhSkTrxunrFu50dkdkCYH4i8=';
const PUBLISHED_USERSIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAyKRWFGQWpQLFTU1NjeCiJZm5YDEzS0tDAyOYaHFmOtBM54KsUqeUwGLLqPK8UndHryCL-Lx8-1RPy7Ty1AijMk9f30hLk0x-r3CvSFulWgAPYy*9';
const PUBLISHED_USERSIG_WITH_USERBUF =
  'eJw9zEELwiAcBfDv4jmGs1lu0GkRUd0chMeWbv2zDdEZg*i7J5a92-s9eC-UnHj2VBZViGQYLWIHqcYJOoic0El9MQYkqvIC--Jd1GzAquCUUvLXCYZoq7LMMUnqnbKt78KvOB-u6Rr6AG299PTq3YP3bOvWR0HZcOO6sbMf7c5TLLXUtdgXwDbo-QEmHTZF';
/** npm tls-sig-api-v2@1.0.2 with the clock at the vector time (docs/signing.md cross-check). */
const NODE_LIBRARY_USERSIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwjDB4pTsxIKCzBQlK0MTAyiAyJRk5qYqWRmamllaGhoYwURTKwoyi8DipqZGcLXFmelKVkrOBVmlTimBxZZR5Xml7o5eQRb5efn*qZ6WaeWpEUZlnr6*kZYmmf5e4V6Rtkq1AAXZL70_';

describe('signUserSig', () => {
  it('reproduces the published fixed-time vector exactly', () => {
    expect(signUserSig(VECTOR_APP, VECTOR)).toBe(NODE_LIBRARY_USERSIG);
    expect(decodeUserSig(NODE_LIBRARY_USERSIG).json['TLS.sig']).toBe(VECTOR_SIG);
  });

  it('decodes back to the fields it was made from, in the Node library order', () => {
    const sig = signUserSig(DEFAULT_FULL_APP, { nowSeconds: 1_700_000_000, expireSeconds: 600 });
    const { json, raw } = decodeUserSig(sig);
    // Written in the Node library's order: the keys below stand in it.
    const expected = {
      'TLS.ver': '2.0',
      'TLS.identifier': DEFAULT_FULL_APP.admin,
      'TLS.sdkappid': DEFAULT_FULL_APP.sdkappid,
      'TLS.time': 1_700_000_000,
      'TLS.expire': 600,
      'TLS.sig': expect.any(String),
    };
    expect(json).toEqual(expected);
    expect(Object.keys(JSON.parse(raw))).toEqual(Object.keys(expected));
  });

  it('carries an HMAC that recomputation confirms, and only under the right key', () => {
    const sig = signUserSig(DEFAULT_FULL_APP, { identifier: 'someone' });
    const { json } = decodeUserSig(sig);
    expect(json['TLS.identifier']).toBe('someone');
    expect(userSigHmacMatches(json, DEFAULT_FULL_APP.secretKey)).toBe(true);
    expect(userSigHmacMatches(json, `${DEFAULT_FULL_APP.secretKey}x`)).toBe(false);
  });

  it('uses the current time and a one-day validity by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const { json } = decodeUserSig(signUserSig(DEFAULT_FULL_APP));
    const after = Math.floor(Date.now() / 1000);
    expect(json['TLS.time']).toBeGreaterThanOrEqual(before);
    expect(json['TLS.time']).toBeLessThanOrEqual(after);
    expect(json['TLS.expire']).toBe(86_400);
  });

  it('leaves Date.now as it was after pinning the clock', () => {
    const original = Date.now;
    signUserSig(DEFAULT_FULL_APP, { nowSeconds: 1 });
    expect(Date.now).toBe(original);
  });

  it('agrees with the library called directly', () => {
    const direct = new Api(DEFAULT_FULL_APP.sdkappid, DEFAULT_FULL_APP.secretKey).genUserSig('u1', 300);
    const { json } = decodeUserSig(direct);
    expect(userSigHmacMatches(json, DEFAULT_FULL_APP.secretKey)).toBe(true);
  });
});

describe('the published vectors', () => {
  it('have the HMAC of the signing string, keyed with the secret as text', () => {
    const fields = { identifier: '0', sdkappid: 1400000000, time: 1569910200, expire: 15552000 };
    expect(signingString(fields)).toBe(
      'TLS.identifier:0\nTLS.sdkappid:1400000000\nTLS.time:1569910200\nTLS.expire:15552000\n',
    );
    expect(hmacUserSig(VECTOR_APP.secretKey, fields)).toBe(VECTOR_SIG);
    expect(hmacUserSig(VECTOR_APP.secretKey, { ...fields, userbuf: 'YWJj' })).toBe(VECTOR_SIG_WITH_USERBUF);
  });

  it('decode from the full published strings (other key order, same signature)', () => {
    const plain = decodeUserSig(PUBLISHED_USERSIG);
    expect(plain.raw).toBe(
      '{"TLS.ver":"2.0","TLS.identifier":"0","TLS.sdkappid":1400000000,"TLS.expire":15552000,"TLS.time":1569910200,"TLS.sig":"CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY="}',
    );
    expect(userSigHmacMatches(plain.json, VECTOR_APP.secretKey)).toBe(true);
    const withBuf = decodeUserSig(PUBLISHED_USERSIG_WITH_USERBUF);
    expect(withBuf.json['TLS.userbuf']).toBe('YWJj');
    expect(withBuf.json['TLS.sig']).toBe(VECTOR_SIG_WITH_USERBUF);
    expect(userSigHmacMatches(withBuf.json, VECTOR_APP.secretKey)).toBe(true);
  });

  it('are reproduced by the crafted valid and userbuf kinds at the vector time', () => {
    expect(craftUserSig('valid', VECTOR_APP, VECTOR)).toBe(NODE_LIBRARY_USERSIG);
    const withBuf = decodeUserSig(craftUserSig('userbuf', VECTOR_APP, { ...VECTOR, userbuf: 'abc' }));
    expect(withBuf.json['TLS.sig']).toBe(VECTOR_SIG_WITH_USERBUF);
  });
});

describe('decodeUserSig', () => {
  it('says which step failed without echoing the sig', () => {
    const sig = signUserSig(DEFAULT_FULL_APP);
    for (const broken of [`${sig}!`, sig.slice(0, 20), 'e30_']) {
      let message = '';
      try {
        decodeUserSig(broken);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^UserSig (is not|does not|JSON)/);
      expect(message).not.toContain(broken);
    }
  });
});
