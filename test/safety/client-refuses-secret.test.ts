// Issue 10, secrets: the client refuses to put a secret key on the wire, whatever the channel
// (any query parameter, the path, a header's value or name, a JSON body member or member name,
// a raw body as text or bytes) and whatever the form (as is, URL-encoded, JSON-escaped), for the
// target's keys and for an app given per call. A recording server proves nothing was sent, and
// the refusal never repeats the key. Complements test/client/redaction.test.ts.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createTimClient,
  SecretInRequestError,
  SlidingWindowPacer,
  type CallOptions,
  type TimClient,
} from '../../test-utils/client/index.ts';
import { type RecordingServer, startRecordingServer, targetFor, TEST_PREFIX } from '../client/recording-server.ts';

// Characters that make the raw, URL-encoded and JSON-escaped forms all differ.
const KEY = `sk/${randomBytes(12).toString('hex')}+"\\é`;
const BASIC_KEY = `bk ${randomBytes(12).toString('hex')}&=`;
const GROUP = `${TEST_PREFIX}secret`;

let server: RecordingServer;
let client: TimClient;
beforeAll(async () => {
  server = await startRecordingServer();
  const target = targetFor(server.url);
  client = createTimClient(
    { ...target, app: { ...target.app, secretKey: KEY }, basicApp: { ...target.basicApp!, secretKey: BASIC_KEY } },
    { pacer: new SlidingWindowPacer(), retryPolicy: { maxAttempts: 1 } },
  );
});
afterAll(async () => {
  await client?.close();
  await server?.close();
});

const FORMS: Array<[string, (key: string) => string]> = [
  ['as is', (k) => k],
  ['URL-encoded', (k) => encodeURIComponent(k)],
  ['JSON-escaped', (k) => JSON.stringify(k).slice(1, -1)],
];

/** Every place a caller could put text into a request, with the text `k`. */
const CHANNELS: Array<[string, (k: string) => [string, unknown, CallOptions]]> = [
  ...(['sdkappid', 'identifier', 'usersig', 'random', 'contenttype'] as const).map(
    (param): [string, (k: string) => [string, unknown, CallOptions]] => [
      `query ${param}`,
      (k) => ['get_group_attr', { GroupId: GROUP }, { query: { [param]: k } }],
    ],
  ),
  ['identifier option', (k) => ['get_group_attr', { GroupId: GROUP }, { identifier: k }]],
  ['usersig option', (k) => ['get_group_attr', { GroupId: GROUP }, { usersig: k }]],
  ['path', (k) => ['get_group_attr', { GroupId: GROUP }, { path: `/v4/group_open_attr_http_svc/get_group_attr/${k}` }]],
  ['header value', (k) => ['get_group_attr', { GroupId: GROUP }, { headers: { 'x-note': k } }]],
  ['header name', (k) => ['get_group_attr', { GroupId: GROUP }, { headers: { [`x-${k}`]: '1' } }]],
  ['body member value', (k) => ['get_group_attr', { GroupId: GROUP, Note: { deep: [k] } }, {}]],
  ['body member name', (k) => ['get_group_attr', { GroupId: GROUP, [k]: 1 }, {}]],
  ['raw body text', (k) => ['get_group_attr', undefined, { rawBody: `{"GroupId":"${GROUP}","x":"${k}"}` }]],
  [
    'raw body bytes',
    (k) => ['get_group_attr', undefined, { rawBody: Buffer.from(`{"GroupId":"${GROUP}","x":"${k}"}`) }],
  ],
];

async function refusal(operationId: string, body: unknown, opts: CallOptions): Promise<Error | undefined> {
  return client.call(operationId, body, opts).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
}

describe('the client never sends a secret key', () => {
  test('the recording server does receive ordinary calls (so "nothing arrived" below means something)', async () => {
    const before = server.requests.length;
    await client.call('get_group_attr', { GroupId: GROUP });
    expect(server.requests.length).toBe(before + 1);
    const sent =
      JSON.stringify(server.requests.at(-1)!.headers) + server.requests.at(-1)!.url.href + server.requests.at(-1)!.body;
    for (const key of [KEY, BASIC_KEY]) for (const [, form] of FORMS) expect(sent).not.toContain(form(key));
  });

  for (const [channel, make] of CHANNELS) {
    test.each(FORMS)(`${channel}, key %s: refused, nothing sent, key not repeated`, async (_form, encode) => {
      for (const key of [KEY, BASIC_KEY]) {
        const before = server.requests.length;
        const [operationId, body, opts] = make(encode(key));
        const error = await refusal(operationId, body, opts);
        // A header name the HTTP layer itself refuses is also "not sent".
        if (!(error instanceof SecretInRequestError)) expect(channel).toBe('header name');
        expect(error).toBeInstanceOf(Error);
        expect(server.requests.length).toBe(before);
        for (const [, form] of FORMS) expect(`${error?.message}\n${error?.stack}`).not.toContain(form(key));
      }
    });
  }

  test('the key of an app given per call is refused too', async () => {
    const perCall = {
      sdkappid: 1400000777,
      secretKey: `pc-${randomBytes(10).toString('hex')}`,
      admin: 'administrator',
    };
    const before = server.requests.length;
    expect(await refusal('get_group_attr', { GroupId: GROUP, x: perCall.secretKey }, { app: perCall })).toBeInstanceOf(
      SecretInRequestError,
    );
    expect(server.requests.length).toBe(before);
  });

  test('a key anywhere inside any JSON body is refused (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 3 }),
        fc.nat(),
        fc.constantFrom(KEY, BASIC_KEY),
        async (value, where, key) => {
          // Put the key at a random point of a random document: as a string value, or inside one.
          const doc = JSON.stringify({ GroupId: GROUP, v: value });
          const strings = [...doc.matchAll(/"(?:[^"\\]|\\.)*"/g)];
          const target = strings[where % strings.length]!;
          const at = target.index! + 1;
          const raw = `${doc.slice(0, at)}${JSON.stringify(key).slice(1, -1)}${doc.slice(at)}`;
          const before = server.requests.length;
          const error = await refusal('get_group_attr', JSON.parse(raw), {});
          expect(error).toBeInstanceOf(SecretInRequestError);
          expect(server.requests.length).toBe(before);
        },
      ),
      { numRuns: 150, seed: 1123 },
    );
  });
});
