import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  CRAFTED_USERSIG_KINDS,
  USERSIG_FIELDS,
  craftUserSig,
  decodeUserSig,
  hmacUserSig,
  javaHashMapOrder,
  unbase64UrlTencent,
  userSigHmacMatches,
} from '../../test-utils/signing/index.ts';
import { DEFAULT_FULL_APP as APP } from '../../test-utils/mock/default-apps.ts';

const NOW = 1_700_000_000;
const OPTS = { nowSeconds: NOW, expireSeconds: 3600 };
const valid = decodeUserSig(craftUserSig('valid', APP, OPTS));

function without<T extends Record<string, unknown>>(obj: T, ...keys: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...obj };
  for (const k of keys) delete copy[k];
  return copy;
}

function decodeFails(sig: string): string {
  try {
    decodeUserSig(sig);
  } catch (error) {
    return (error as Error).message;
  }
  return 'decoded';
}

describe('craftUserSig', () => {
  it("'valid' is a well-formed sig that recomputation confirms", () => {
    expect(valid.json).toMatchObject({
      'TLS.ver': '2.0',
      'TLS.identifier': APP.admin,
      'TLS.sdkappid': APP.sdkappid,
      'TLS.time': NOW,
      'TLS.expire': 3600,
    });
    expect(userSigHmacMatches(valid.json, APP.secretKey)).toBe(true);
  });

  it("'expired' is correctly signed and expired well before now", () => {
    const { json } = decodeUserSig(craftUserSig('expired', APP, OPTS));
    expect(userSigHmacMatches(json, APP.secretKey)).toBe(true);
    expect((json['TLS.time'] as number) + (json['TLS.expire'] as number)).toBeLessThan(NOW - 60);
    expect(without(json, 'TLS.time', 'TLS.sig')).toEqual(without(valid.json, 'TLS.time', 'TLS.sig'));
  });

  it("'other-key' differs only in the key its HMAC was made with", () => {
    const otherKey = 'another-app-secret-key';
    const { json } = decodeUserSig(craftUserSig('other-key', APP, { ...OPTS, otherKey }));
    expect(userSigHmacMatches(json, APP.secretKey)).toBe(false);
    expect(userSigHmacMatches(json, otherKey)).toBe(true);
    expect(without(json, 'TLS.sig')).toEqual(without(valid.json, 'TLS.sig'));
    const derived = decodeUserSig(craftUserSig('other-key', APP, OPTS)).json;
    expect(userSigHmacMatches(derived, APP.secretKey)).toBe(false);
  });

  it("'other-identifier' and 'other-sdkappid' are correctly signed for someone else", () => {
    const ident = decodeUserSig(craftUserSig('other-identifier', APP, OPTS)).json;
    expect(ident['TLS.identifier']).not.toBe(APP.admin);
    expect(userSigHmacMatches(ident, APP.secretKey)).toBe(true);
    expect(without(ident, 'TLS.identifier', 'TLS.sig')).toEqual(without(valid.json, 'TLS.identifier', 'TLS.sig'));

    const app = decodeUserSig(craftUserSig('other-sdkappid', APP, OPTS)).json;
    expect(app['TLS.sdkappid']).toBe(APP.sdkappid + 1);
    expect(userSigHmacMatches(app, APP.secretKey)).toBe(true);
    expect(without(app, 'TLS.sdkappid', 'TLS.sig')).toEqual(without(valid.json, 'TLS.sdkappid', 'TLS.sig'));
    const top = decodeUserSig(craftUserSig('other-sdkappid', { ...APP, sdkappid: 4294967295 }, OPTS)).json;
    expect(top['TLS.sdkappid']).toBe(4294967294);
  });

  it("'tampered-field' keeps the original HMAC over a raised expire (or earlier time)", () => {
    const { json } = decodeUserSig(craftUserSig('tampered-field', APP, OPTS));
    expect(json['TLS.sig']).toBe(valid.json['TLS.sig']);
    expect(json['TLS.expire']).toBeGreaterThan(valid.json['TLS.expire'] as number);
    expect(userSigHmacMatches(json, APP.secretKey)).toBe(false);
    expect(userSigHmacMatches({ ...json, 'TLS.expire': valid.json['TLS.expire'] }, APP.secretKey)).toBe(true);

    const time = decodeUserSig(craftUserSig('tampered-field', APP, { ...OPTS, tamperedField: 'TLS.time' })).json;
    expect(time['TLS.time']).toBe(NOW - 1);
    expect(time['TLS.sig']).toBe(valid.json['TLS.sig']);
    expect(userSigHmacMatches(time, APP.secretKey)).toBe(false);
  });

  it("'truncated' is the first half of a valid sig and does not inflate", () => {
    const whole = craftUserSig('valid', APP, OPTS);
    const cut = craftUserSig('truncated', APP, OPTS);
    expect(whole.startsWith(cut)).toBe(true);
    expect(cut.length).toBe(Math.floor(whole.length / 2));
    expect(decodeFails(cut)).toBe('UserSig is not zlib data');
  });

  it("'bad-base64' is refused by a strict decoder and useless to a lenient one", () => {
    const sig = craftUserSig('bad-base64', APP, OPTS);
    expect(decodeFails(sig)).toMatch(/not base64/);
    const lenient = Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64');
    expect(() => inflateSync(lenient)).toThrow();
  });

  it("'not-zlib' is the plain JSON of a valid sig", () => {
    const bytes = unbase64UrlTencent(craftUserSig('not-zlib', APP, OPTS));
    expect(bytes.toString('utf8')).toBe(valid.raw);
    expect(decodeFails(craftUserSig('not-zlib', APP, OPTS))).toBe('UserSig is not zlib data');
  });

  it("'not-json' inflates to the valid JSON without its closing brace", () => {
    const sig = craftUserSig('not-json', APP, OPTS);
    expect(inflateSync(unbase64UrlTencent(sig)).toString('utf8')).toBe(valid.raw.slice(0, -1));
    expect(decodeFails(sig)).toBe('UserSig does not hold JSON');
  });

  it.each(USERSIG_FIELDS)("'missing-field' can leave out %s and nothing else", (field) => {
    const { json } = decodeUserSig(craftUserSig('missing-field', APP, { ...OPTS, missingField: field }));
    expect(json).toEqual(without(valid.json, field));
  });

  it("'missing-field' leaves out TLS.sig by default", () => {
    expect(decodeUserSig(craftUserSig('missing-field', APP, OPTS)).json).toEqual(without(valid.json, 'TLS.sig'));
  });

  it("'wrong-separator' is signed over literal backslash-n lines", () => {
    const { json } = decodeUserSig(craftUserSig('wrong-separator', APP, OPTS));
    expect(userSigHmacMatches(json, APP.secretKey)).toBe(false);
    const fields = { identifier: APP.admin, sdkappid: APP.sdkappid, time: NOW, expire: 3600 };
    expect(json['TLS.sig']).toBe(hmacUserSig(APP.secretKey, fields, '\\n'));
    expect(without(json, 'TLS.sig')).toEqual(without(valid.json, 'TLS.sig'));
  });
});

describe('craftUserSig in the formats of the other official libraries', () => {
  it("'python-format' has json.dumps spacing and expire before time", () => {
    const { json, raw } = decodeUserSig(craftUserSig('python-format', APP, OPTS));
    expect(raw).toBe(
      `{"TLS.ver": "2.0", "TLS.identifier": "${APP.admin}", "TLS.sdkappid": ${APP.sdkappid}, "TLS.expire": 3600, "TLS.time": ${NOW}, "TLS.sig": "${String(valid.json['TLS.sig'])}"}`,
    );
    expect(json).toEqual(valid.json);
  });

  it("'python-format' and 'php-format' escape non-ASCII identifiers", () => {
    for (const kind of ['python-format', 'php-format'] as const) {
      const { json, raw } = decodeUserSig(craftUserSig(kind, APP, { ...OPTS, identifier: 'admin\u00e9' }));
      expect(raw).toContain('admin\\u00e9');
      expect(json['TLS.identifier']).toBe('admin\u00e9');
      expect(userSigHmacMatches(json, APP.secretKey)).toBe(true);
    }
  });

  it("'php-format' escapes every slash", () => {
    // Find a signing time whose HMAC contains a slash, so the escape is exercised.
    let now = NOW;
    while (
      !hmacUserSig(APP.secretKey, { identifier: APP.admin, sdkappid: APP.sdkappid, time: now, expire: 3600 }).includes(
        '/',
      )
    )
      now += 1;
    const { json, raw } = decodeUserSig(craftUserSig('php-format', APP, { ...OPTS, nowSeconds: now }));
    expect(raw).toContain('\\/');
    expect(raw).not.toMatch(/[^\\]\//);
    expect(userSigHmacMatches(json, APP.secretKey)).toBe(true);
  });

  it("'go-format' is stored uncompressed and ends with a newline", () => {
    const { json, raw, compressed } = decodeUserSig(craftUserSig('go-format', APP, OPTS));
    expect(compressed[0]).toBe(0x78);
    expect(compressed[1]).toBe(0x01); // FLEVEL 0: NoCompression
    expect(raw.endsWith('}\n')).toBe(true);
    expect(Object.keys(json)).toEqual([
      'TLS.ver',
      'TLS.identifier',
      'TLS.sdkappid',
      'TLS.expire',
      'TLS.time',
      'TLS.sig',
    ]);
    expect(json).toEqual(valid.json);
  });

  it("'java-format' has java.util.HashMap's key order", () => {
    const { json, raw } = decodeUserSig(craftUserSig('java-format', APP, OPTS));
    expect(Object.keys(JSON.parse(raw))).toEqual([
      'TLS.expire',
      'TLS.ver',
      'TLS.sdkappid',
      'TLS.identifier',
      'TLS.sig',
      'TLS.time',
    ]);
    expect(json).toEqual(valid.json);
  });

  it('javaHashMapOrder orders by bucket, then insertion', () => {
    // "Aa" and "BB" share String.hashCode 2112 (bucket 0); "a" is 97 (bucket 1).
    const keys = (entries: [string, number][]) => javaHashMapOrder(entries).map(([k]) => k);
    expect(
      keys([
        ['a', 1],
        ['BB', 2],
        ['Aa', 3],
      ]),
    ).toEqual(['BB', 'Aa', 'a']);
    expect(
      keys([
        ['a', 1],
        ['Aa', 2],
        ['BB', 3],
      ]),
    ).toEqual(['Aa', 'BB', 'a']);
  });

  it("'userbuf' adds TLS.userbuf and signs its line", () => {
    const { json } = decodeUserSig(craftUserSig('userbuf', APP, OPTS));
    expect(json['TLS.userbuf']).toBe('YWJj');
    expect(userSigHmacMatches(json, APP.secretKey)).toBe(true);
    expect(json['TLS.sig']).not.toBe(valid.json['TLS.sig']);
  });

  it('covers every declared kind', () => {
    for (const kind of CRAFTED_USERSIG_KINDS) expect(typeof craftUserSig(kind, APP, OPTS)).toBe('string');
  });
});
