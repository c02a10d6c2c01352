// Cassettes: the exchange format round-trips through a file, the usersig never reaches one (the
// facts learnt from it do), the shared traffic format is read, and bad files are one-line errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  buildExchange,
  CassetteError,
  CassetteWriter,
  parseCassette,
  readCassette,
  serializeExchange,
  writeCassette,
} from '../../test-utils/sdk-gate/cassette.ts';
import { exchangeBodyBytes, recordedBody } from '../../test-utils/sdk-gate/exchange.ts';
import { userSigFacts } from '../../test-utils/sdk-gate/usersig-facts.ts';
import { craftUserSig } from '../../test-utils/signing/index.ts';
import { BASIC, CONTEXT, exchange, FULL, sigFor, T0 } from './judge-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'timc-cassette-'));

describe('usersig facts', () => {
  test('every official format decodes to the same facts, HMAC valid', () => {
    for (const kind of ['valid', 'python-format', 'php-format', 'go-format', 'java-format', 'userbuf'] as const) {
      const facts = userSigFacts(
        craftUserSig(kind, FULL, { nowSeconds: T0, expireSeconds: 300 }),
        String(FULL.sdkappid),
        CONTEXT.apps,
      );
      expect(facts, kind).toEqual({
        decodes: true,
        identifier: FULL.admin,
        sdkappid: String(FULL.sdkappid),
        time: T0,
        expire: 300,
        hmac: 'valid',
      });
    }
  });

  test("another known app's key is named; without the key the HMAC is unknown", () => {
    const byBasic = sigFor({ ...BASIC, sdkappid: FULL.sdkappid });
    expect(userSigFacts(byBasic, String(FULL.sdkappid), CONTEXT.apps)).toMatchObject({
      hmac: 'invalid',
      signedWithKeyOf: String(BASIC.sdkappid),
    });
    expect(userSigFacts(sigFor(), String(FULL.sdkappid), [{ sdkappid: String(FULL.sdkappid), admins: [] }]).hmac).toBe(
      'unknown',
    );
    expect(userSigFacts('eJ-not-a-sig', String(FULL.sdkappid), CONTEXT.apps)).toMatchObject({
      decodes: false,
      hmac: 'unknown',
    });
  });
});

describe('exchanges and files', () => {
  test('a file round-trips, with the usersig redacted and its facts kept', () => {
    const sig = sigFor();
    const list = [
      exchange({ usersig: sig, body: '{"GroupId":"g","x":"值"}' }),
      exchange({
        body: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]),
        connection: { dropped: 'after-apply', scenarioRule: 'drop-after' },
      }),
    ];
    const file = join(dir, 'round.jsonl');
    writeCassette(file, list);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(sig);
    expect(text).not.toContain(FULL.secretKey);
    expect(text.trim().split('\n')).toHaveLength(2);
    const back = readCassette(file, { apps: CONTEXT.apps });
    expect(back).toEqual(list);
    expect(back[0]!.usersig).toMatchObject({ hmac: 'valid', identifier: FULL.admin });
    expect(exchangeBodyBytes(back[1]!)).toEqual(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]));
    expect(back[1]!.bodyBase64).toBeDefined();
  });

  test('a live recorder appends line by line; headers are lower-cased; repeated headers joined', () => {
    const writer = new CassetteWriter(join(dir, 'live.jsonl'));
    const e = buildExchange(
      {
        seq: 1,
        t: T0,
        method: 'POST',
        path: `/v4/group_open_http_svc/get_group_counter?usersig=${sigFor()}&sdkappid=${FULL.sdkappid}`,
        headers: { 'X-A': ['1', '2'], 'Content-Type': 'application/json' },
        body: '{}',
      },
      CONTEXT.apps,
    );
    writer.append(e);
    writer.append({ ...e, seq: 2 });
    expect(e.headers).toEqual({ 'x-a': '1, 2', 'content-type': 'application/json' });
    expect(readCassette(writer.path).map((x) => x.seq)).toEqual([1, 2]);
    expect(serializeExchange(e)).toContain('usersig=<redacted>');
  });

  test('a project line that still holds a raw usersig is learnt from and redacted on reading', () => {
    const e = exchange({});
    const raw = JSON.stringify({ ...e, path: e.path.replace('<redacted>', sigFor()), usersig: undefined });
    const [back] = parseCassette(raw, { apps: CONTEXT.apps });
    expect(back!.path).toContain('usersig=<redacted>');
    expect(back!.usersig?.hmac).toBe('valid');
  });

  test('the shared traffic format', () => {
    const line = {
      t: T0 + 0.5,
      method: 'POST',
      path: `/v4/group_open_http_svc/get_group_counter?sdkappid=${FULL.sdkappid}&identifier=${FULL.admin}&usersig=${sigFor()}&random=1&contenttype=json`,
      req_headers: { Host: 'x', 'User-Agent': 'GuzzleHttp/7' },
      req_body: '',
      chunked: false,
      status: 200,
      resp_body: '{"ActionStatus":"FAIL","ErrorCode":60003,"ErrorInfo":"x"}',
    };
    const [e] = parseCassette(`${JSON.stringify(line)}\n\n`, { apps: CONTEXT.apps });
    expect(e).toMatchObject({
      seq: 1,
      t: T0 + 0.5,
      body: '',
      headers: { host: 'x', 'user-agent': 'GuzzleHttp/7' },
      response: { status: 200 },
    });
    expect(e!.usersig?.hmac).toBe('valid');
    const dropped = parseCassette(JSON.stringify({ ...line, status: null, resp_body: null }), { apps: CONTEXT.apps });
    expect(dropped[0]!.response).toBeUndefined();
  });

  test('bad files are CassetteErrors naming the line', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"seq":1}\n');
    expect(() => readCassette(file)).toThrow(CassetteError);
    expect(() => readCassette(file)).toThrow(/line 1: an exchange needs/);
    expect(() => parseCassette('\n[1]\n', { source: 'x.jsonl' })).toThrow('x.jsonl line 2 is not a JSON object');
    expect(() => parseCassette('{', { source: 'x.jsonl' })).toThrow('x.jsonl line 1 is not JSON');
    expect(() => readCassette(join(dir, 'missing.jsonl'))).toThrow(/cannot read recording .*ENOENT/);
  });

  test('recordedBody keeps invalid UTF-8 as base64', () => {
    expect(recordedBody(Buffer.from('{"a":"é"}'))).toEqual({ body: '{"a":"é"}' });
    expect(recordedBody(Buffer.from([0xff]))).toEqual({ body: '\uFFFD', bodyBase64: '/w==' });
  });
});
