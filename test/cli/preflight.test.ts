// Issue 17.1: a set-up mistake is named by the preflight before any check or fixture: exit 2,
// a few lines, one of which says what is wrong and what to do, no ledger and no report.
// In-process for the six mistakes (no suite worker is ever started: the preflight refuses
// first), and once through the real bin for the exit code and the absence of a stack trace.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { captureIO } from '../helpers/io.ts';
import { fail, OK, startRecordingServer, targetFor as recordingTarget } from '../client/recording-server.ts';
import {
  DEFAULT_BASIC_APP,
  DEFAULT_FULL_APP,
  startMockServer,
  type MockServerHandle,
} from '../../test-utils/mock/index.ts';
import { describeUnreachable, preflight } from '../../test-utils/runner/preflight.ts';
import { runConformance } from '../../test-utils/runner/run-conformance.ts';
import { runJanitorCommand } from '../../test-utils/cli/janitor-command.ts';
import type { RunFlags } from '../../test-utils/config/index.ts';
import type { ResolvedTarget } from '../../test-utils/contract/types.ts';
import { execCli } from '../helpers/cli.ts';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return url;
}

/** A url target of the default full app (what the runner resolves from flags), for preflight alone. */
function urlTarget(baseUrl: string, groupIdPrefix: string, extra: Partial<ResolvedTarget> = {}): ResolvedTarget {
  return {
    kind: 'url',
    baseUrl,
    app: { ...DEFAULT_FULL_APP },
    seed: 1,
    strict: false,
    reportDir: tmpdir(),
    groupIdPrefix,
    ...extra,
  };
}

let mock: MockServerHandle;
let tlsMock: MockServerHandle;
let html: Server;
let htmlUrl: string;
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
  mock = await startMockServer({});
  tlsMock = await startMockServer({ tls: true });
  html = createServer((_req, res) => {
    res.writeHead(501, { 'content-type': 'text/html' });
    res.end('<html><body><h1>501 Not Implemented</h1></body></html>');
  });
  htmlUrl = await listen(html);
  silent = createServer(() => {});
  silentUrl = await listen(silent);
});
afterAll(async () => {
  await mock.close();
  await tlsMock.close();
  html.close();
  silent.closeAllConnections();
  silent.close();
});

const app = { sdkappid: String(DEFAULT_FULL_APP.sdkappid), secretKey: DEFAULT_FULL_APP.secretKey };

/** Each set-up mistake, the words its line must contain, and the flags that make it. */
const MISTAKES: [string, () => Promise<RunFlags>, RegExp][] = [
  ['a closed port', async () => ({ target: await closedPortUrl(), ...app }), /connection refused.*--target/],
  [
    'a server that answers HTTP 501 HTML',
    async () => ({ target: htmlUrl, ...app }),
    /does not speak the Tencent IM REST API.*HTTP 501/,
  ],
  [
    'an https mock with a self-signed certificate and no --ca-cert',
    async () => ({ target: tlsMock.url, ...app }),
    /not trusted.*--ca-cert/,
  ],
  [
    'a wrong secret key',
    async () => ({ target: mock.url, sdkappid: app.sdkappid, secretKey: 'a-wrong-secret-key-123' }),
    /secret key does not match SDKAppID 1400000001.*--secret-key/,
  ],
  [
    'an unknown sdkappid',
    async () => ({ target: mock.url, sdkappid: '1400999999', secretKey: app.secretKey }),
    /SDKAppID 1400999999 is not known.*--sdkappid/,
  ],
  [
    'an identifier that is not an App admin',
    async () => ({ target: mock.url, ...app, admin: 'just-a-user' }),
    /'just-a-user' is not an App admin.*--admin/,
  ],
  [
    'a wrong key for the basic app',
    async () => ({
      target: mock.url,
      ...app,
      basicSdkappid: String(DEFAULT_BASIC_APP.sdkappid),
      basicSecretKey: 'another-wrong-key-456',
    }),
    /^tim-conformance: preflight: basic app: the secret key does not match SDKAppID 1400000002.*--basic-secret-key/m,
  ],
  [
    'a server that accepts connections and never answers',
    async () => ({ target: silentUrl, ...app }),
    /did not answer within/,
  ],
];

describe('run: the preflight names each set-up mistake, exit 2, nothing left behind', { timeout: 30_000 }, () => {
  it.each(MISTAKES)('%s', async (_name, flagsFor, line) => {
    const reportDir = join(mkdtempSync(join(tmpdir(), 'timc-preflight-')), 'reports');
    const { out, err, io } = captureIO();
    const runSuites = () => Promise.reject(new Error('no check may run after a failed preflight'));
    const code = await runConformance(
      { ...(await flagsFor()), reportDir },
      {},
      io,
      { progress: false },
      {
        handleSignals: false,
        runSuites,
      },
    );
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(line);
    expect(out.length + err.length).toBeLessThanOrEqual(3);
    expect(existsSync(reportDir)).toBe(false);
  });

  it('passes a mock with the right credentials, for both apps', async () => {
    const target = urlTarget(mock.url, 'timc-preflt01-', { basicApp: { ...DEFAULT_BASIC_APP } });
    expect(await preflight(target)).toEqual({ ok: true });
  });

  it('lets a server with a broken envelope (ErrorCode as a string) through: the checks name that, it is no set-up mistake', async () => {
    const deviating = await startMockServer({ deviations: ['envelope.errorcode-as-string'] });
    onTestFinished(() => deviating.close());
    const target = urlTarget(deviating.url, 'timc-preflt02-');
    expect(await preflight(target)).toEqual({ ok: true });
    // The credentials are still judged from the string code.
    expect(
      await preflight({ ...target, app: { ...DEFAULT_FULL_APP, secretKey: 'a-wrong-secret-key-123' } }),
    ).toMatchObject({ ok: false, problem: expect.stringMatching(/secret key does not match/) });
  });

  it('names an answer the runner would not read (nested too deep) in a sentence', async () => {
    const deep = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"ErrorCode":0,"A":${'['.repeat(1000)}${']'.repeat(1000)}}`);
    });
    const url = await listen(deep);
    onTestFinished(() => void deep.close());
    const target = urlTarget(url, 'timc-preflt03-');
    expect(await preflight(target)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(
        /is not this API's server: a POST to \S+ was answered, but the answer is JSON nested deeper than \d+ levels/,
      ),
    });
  });

  it('tries a rate refusal again instead of calling it a mistake', async () => {
    const server = await startRecordingServer((_r, i) => (i === 0 ? fail(60007) : OK));
    onTestFinished(() => server.close());
    expect(await preflight(recordingTarget(server.url))).toEqual({ ok: true });
    // The main app twice (refused, then answered), the basic app once.
    expect(server.requests).toHaveLength(3);
  });

  it.each([
    ['ENOTFOUND', /does not resolve \(DNS: ENOTFOUND\)/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /does not name that host/],
    ['UND_ERR_CONNECT_TIMEOUT', /did not answer within 4\.5 s/],
    ['ECONNRESET', /closed the connection without answering/],
  ])('names %s', (code, words) => {
    expect(
      describeUnreachable('https://example.test:8443', { networkError: 'x', networkErrorCode: code }, 4500),
    ).toMatch(words);
  });
});

describe('janitor: the same preflight', { timeout: 30_000 }, () => {
  it('refuses a wrong secret key before touching any ledger', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-preflight-janitor-'));
    const err: string[] = [];
    const code = await runJanitorCommand(
      { target: mock.url, sdkappid: app.sdkappid, secretKey: 'a-wrong-secret-key-123', reportDir },
      {},
      { out: () => {}, err: (t) => err.push(t) },
      {
        createClient: () => Promise.reject(new Error('the janitor may not start after a failed preflight')),
      },
    );
    expect(code).toBe(2);
    expect(err).toEqual([expect.stringMatching(/secret key does not match/)]);
    expect(readdirSync(reportDir)).toEqual([]);
  });
});

describe('the bin', { timeout: 60_000 }, () => {
  it('exits 2 with one line and no stack trace for a closed port', async () => {
    const target = await closedPortUrl();
    const reportDir = join(mkdtempSync(join(tmpdir(), 'timc-preflight-bin-')), 'reports');
    const { code, stderr } = await execCli(
      ['run', '--target', target, '--sdkappid', app.sdkappid, '--report-dir', reportDir],
      { TIM_SECRET_KEY: app.secretKey },
    );
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^tim-conformance: preflight: nothing accepts connections at 127\.0\.0\.1:\d+ \(connection refused\)/,
      ),
    ]);
    expect(stderr).not.toContain('    at ');
    expect(existsSync(reportDir)).toBe(false);
  });
});
