/**
 * `region:<name>` without the internet: a local HTTPS server with a self-signed certificate for
 * the regional host name answers, the client's connector sends the socket to 127.0.0.1, and the
 * URL, Host header and TLS server name stay those of the real host.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { selfSignedCertificateFor } from '../../test-utils/mock/tls.ts';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTimClient, SlidingWindowPacer } from '../../test-utils/client/index.ts';
import { resolveTargetConfig } from '../../test-utils/config/index.ts';
import { startTarget } from '../../test-utils/runner/start-target.ts';
import type { ResolvedTarget } from '../../test-utils/contract/types.ts';
import { DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { decodeUserSig, userSigHmacMatches } from '../../test-utils/signing/index.ts';

const HOST = 'adminapisgp.im.qcloud.com';

interface Seen {
  encrypted: boolean;
  servername: string | false | null | undefined;
  host: string | undefined;
  method: string | undefined;
  url: URL;
  body: string;
}

const seen: Seen[] = [];
let port = 0;
let caPath = '';
let close: () => Promise<void>;

beforeAll(async () => {
  const pems = await selfSignedCertificateFor([HOST]);
  const dir = mkdtempSync(join(tmpdir(), 'timc-region-'));
  caPath = join(dir, 'ca.pem');
  writeFileSync(caPath, pems.cert);
  const server = createServer({ cert: pems.cert, key: pems.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const socket = req.socket as TLSSocket;
      seen.push({
        encrypted: socket.encrypted === true,
        servername: socket.servername,
        host: req.headers.host,
        method: req.method,
        url: new URL(req.url ?? '/', 'https://recorded'),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', GroupAttrAry: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
});

afterAll(() => close());

async function regionTarget(extra: { caCert?: boolean; resolve?: string } = {}): Promise<ResolvedTarget> {
  const config = resolveTargetConfig(
    {
      target: 'region:sgp',
      sdkappid: String(DEFAULT_FULL_APP.sdkappid),
      secretKey: DEFAULT_FULL_APP.secretKey,
      resolve: extra.resolve ?? `${HOST}=127.0.0.1:${port}`,
      ...(extra.caCert === false ? {} : { caCert: caPath }),
    },
    {},
  );
  const started = await startTarget(config);
  onTestFinished(() => started.close());
  return started.target;
}

describe('region:<name> against a local HTTPS server', () => {
  it('sends https to the regional host name, path and documented query', async () => {
    seen.length = 0;
    const target = await regionTarget();
    expect(target.baseUrl).toBe(`https://${HOST}`);
    const client = createTimClient(target, { pacer: new SlidingWindowPacer() });
    onTestFinished(() => client.close());

    const result = await client.call('get_group_attr', { GroupId: `${target.groupIdPrefix}g1` });
    await client.call('modify_group_attr', {
      GroupId: `${target.groupIdPrefix}g1`,
      GroupAttr: [{ key: 'k', value: 'v' }],
    });
    expect(result.httpStatus).toBe(200);
    expect(result.schemaErrors).toEqual([]);
    expect(result.request.url.startsWith(`https://${HOST}/v4/group_open_attr_http_svc/get_group_attr?`)).toBe(true);
    expect(result.curl).toContain(`--resolve '${HOST}:443:127.0.0.1'`);

    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.encrypted).toBe(true);
      expect(request.servername).toBe(HOST);
      expect(request.host).toBe(HOST);
      expect(request.method).toBe('POST');
      const params = request.url.searchParams;
      expect([...params.keys()]).toEqual(['sdkappid', 'identifier', 'usersig', 'random', 'contenttype']);
      expect(params.get('sdkappid')).toBe(String(DEFAULT_FULL_APP.sdkappid));
      expect(params.get('identifier')).toBe('administrator');
      expect(params.get('contenttype')).toBe('json');
      expect(Number(params.get('random'))).toBeLessThanOrEqual(4294967295);
      expect(userSigHmacMatches(decodeUserSig(params.get('usersig') ?? '').json, DEFAULT_FULL_APP.secretKey)).toBe(
        true,
      );
    }
    expect(seen.map((r) => r.url.pathname)).toEqual([
      '/v4/group_open_attr_http_svc/get_group_attr',
      '/v4/group_open_http_svc/modify_group_attr',
    ]);
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({
      GroupId: `${target.groupIdPrefix}g1`,
      GroupAttr: [{ key: 'k', value: 'v' }],
    });
  });

  it('does not trust the self-signed certificate unless it is given', async () => {
    seen.length = 0;
    const target = await regionTarget({ caCert: false });
    const client = createTimClient(target, { pacer: new SlidingWindowPacer() });
    onTestFinished(() => client.close());
    const result = await client.call('get_group_attr', { GroupId: `${target.groupIdPrefix}g1` });
    expect(result.httpStatus).toBe(0);
    expect(result.networkError).toMatch(/certificate/i);
    expect(seen).toHaveLength(0);
  });

  it('checks the certificate against the regional name, not the address it connects to', async () => {
    seen.length = 0;
    // The china region's host, sent to the same server: its certificate does not name that host.
    const config = resolveTargetConfig(
      {
        target: 'region:china',
        sdkappid: String(DEFAULT_FULL_APP.sdkappid),
        secretKey: DEFAULT_FULL_APP.secretKey,
        resolve: `console.tim.qq.com=127.0.0.1:${port}`,
        caCert: caPath,
      },
      {},
    );
    const started = await startTarget(config);
    const client = createTimClient(started.target, { pacer: new SlidingWindowPacer() });
    onTestFinished(() => client.close());
    const result = await client.call('get_group_attr', { GroupId: 'x' });
    expect(result.httpStatus).toBe(0);
    expect(result.networkErrorCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(seen).toHaveLength(0);
  });
});
