// The server's switches: TLS, fault injection, latency, deviations, apps.
import { connect } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockServerHandle } from '../../test-utils/mock/index.ts';
import { KNOWN_DEVIATIONS } from '../../test-utils/mock/index.ts';
import { selfSignedCertificate } from '../../test-utils/mock/tls.ts';
import { callApi, createGroup, DEFAULT_FULL_APP, limitCode, limitMax, startTestMock } from './helpers.ts';

let mock: MockServerHandle | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('TLS', () => {
  it('tls: true serves https with a certificate made at start, trusted through the handle', async () => {
    mock = await startTestMock({ tls: true });
    expect(mock.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.protocol).toBe('https');
    expect(mock.caCert).toContain('BEGIN CERTIFICATE');
    const dispatcher = new Agent({ connect: { ca: mock.caCert } });
    try {
      const answer = await callApi(mock, 'get_appid_group_list', {}, { dispatcher });
      expect(answer.body.ErrorCode).toBe(0);
    } finally {
      await dispatcher.close();
    }
  });

  it('an untrusting client is refused by certificate verification (TLS is real)', async () => {
    mock = await startTestMock({ tls: true });
    await expect(callApi(mock, 'get_appid_group_list', {})).rejects.toThrow();
  });

  it("serves the caller's own certificate and key", async () => {
    const material = await selfSignedCertificate('localhost');
    mock = await startTestMock({ tls: material });
    expect(mock.caCert).toBe(material.cert);
    const dispatcher = new Agent({ connect: { ca: material.cert } });
    try {
      expect((await callApi(mock, 'get_appid_group_list', {}, { dispatcher })).body.ErrorCode).toBe(0);
    } finally {
      await dispatcher.close();
    }
  });
});

describe('fault injection', () => {
  it('share 1 with one kind answers that fault on every request and changes no state', async () => {
    mock = await startTestMock({ faults: { share: 1, kinds: ['10002'] } });
    const answer = await callApi(mock, 'create_group', { Type: 'Public', Name: 'x', GroupId: 'fault-free' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 10002 });
    expect(mock.state.snapshotGroup(DEFAULT_FULL_APP.sdkappid, 'fault-free')).toBeNull();
  });

  it('http502 answers a bare HTTP 502', async () => {
    mock = await startTestMock({ faults: { share: 1, kinds: ['http502'] } });
    const answer = await callApi(mock, 'get_appid_group_list', {});
    expect(answer.status).toBe(502);
  });

  it('drop closes the connection without an answer', async () => {
    mock = await startTestMock({ faults: { share: 1, kinds: ['drop'] } });
    await expect(callApi(mock, 'get_appid_group_list', {})).rejects.toThrow();
  });

  it('a share is seeded: the same seed gives the same sequence, and roughly the share', async () => {
    const sequence = async (seed: number): Promise<string[]> => {
      const m = await startTestMock({ rateLimits: false, faults: { share: 0.3, kinds: ['10002', 'http502'], seed } });
      try {
        const out: string[] = [];
        for (let i = 0; i < 100; i++) {
          const a = await callApi(m, 'get_group_info', { GroupIdList: ['x'] });
          out.push(a.status === 502 ? '502' : String(a.body.ErrorCode));
        }
        return out;
      } finally {
        await m.close();
      }
    };
    const first = await sequence(7);
    expect(await sequence(7)).toEqual(first);
    expect(await sequence(8)).not.toEqual(first);
    const faults = first.filter((c) => c !== '0').length;
    expect(faults).toBeGreaterThan(10);
    expect(faults).toBeLessThan(55);
    expect(new Set(first)).toEqual(new Set(['0', '10002', '502']));
  });

  it('refuses a share outside 0..1 and unknown kinds', async () => {
    await expect(startTestMock({ faults: { share: 2 } })).rejects.toThrow(/share/);
    await expect(startTestMock({ faults: { share: 0.5, kinds: ['teapot' as never] } })).rejects.toThrow(/teapot/);
  });
});

describe('latency', () => {
  it('latencyMs delays every answer', async () => {
    mock = await startTestMock({ latencyMs: 150 });
    const started = performance.now();
    await callApi(mock, 'get_appid_group_list', {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('deviations (plumbing for the mutation self-check)', () => {
  it('unknown deviation names are refused at start', async () => {
    await expect(startTestMock({ deviations: ['no-such-deviation'] })).rejects.toThrow(/no-such-deviation/);
  });

  it('limits.count-utf16-units lets a key that is too long in bytes through', async () => {
    const key = '键'.repeat(Math.floor(limitMax('attr.key.maxBytes') / 3) + 1);
    const results: number[] = [];
    for (const deviations of [[], ['limits.count-utf16-units']]) {
      mock = await startTestMock({ rateLimits: false, deviations });
      const groupId = await createGroup(mock);
      results.push(
        (await callApi(mock, 'modify_group_attr', { GroupId: groupId, GroupAttr: [{ key, value: 'v' }] })).body
          .ErrorCode!,
      );
      await mock.close();
      mock = undefined;
    }
    expect(results).toEqual([limitCode('attr.key.maxBytes'), 0]);
  });

  it('attr.key-too-long-as-invalid-parameter changes the code', async () => {
    mock = await startTestMock({ rateLimits: false, deviations: ['attr.key-too-long-as-invalid-parameter'] });
    const groupId = await createGroup(mock);
    const answer = await callApi(mock, 'modify_group_attr', {
      GroupId: groupId,
      GroupAttr: [{ key: 'k'.repeat(limitMax('attr.key.maxBytes') + 1), value: 'v' }],
    });
    expect(answer.body.ErrorCode).not.toBe(limitCode('attr.key.maxBytes'));
  });

  it('attr.limits-on-request-only lets the state grow past the key count', async () => {
    mock = await startTestMock({ rateLimits: false, deviations: ['attr.limits-on-request-only'] });
    const groupId = await createGroup(mock);
    const max = limitMax('attr.keys.maxCount');
    await callApi(mock, 'modify_group_attr', {
      GroupId: groupId,
      GroupAttr: Array.from({ length: max }, (_, i) => ({ key: `a${i}`, value: 'v' })),
    });
    expect(
      (await callApi(mock, 'modify_group_attr', { GroupId: groupId, GroupAttr: [{ key: 'extra', value: 'v' }] })).body
        .ErrorCode,
    ).toBe(0);
    expect(mock.state.snapshotGroup(DEFAULT_FULL_APP.sdkappid, groupId)!.attrs.length).toBe(max + 1);
  });

  it('every known deviation has a description', () => {
    for (const [name, description] of Object.entries(KNOWN_DEVIATIONS))
      expect(description.length, name).toBeGreaterThan(10);
  });
});

describe('apps, host and close', () => {
  it('refuses apps sharing an sdkappid', async () => {
    await expect(startTestMock({ apps: [DEFAULT_FULL_APP, DEFAULT_FULL_APP] })).rejects.toThrow(/share/);
  });

  it('close() ends keep-alive connections and frees the port', async () => {
    mock = await startTestMock();
    const socket = connect(mock.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await mock.close();
    await closed;
    await expect(
      new Promise((resolve, reject) => connect(mock!.port, '127.0.0.1').once('connect', resolve).once('error', reject)),
    ).rejects.toThrow();
    mock = undefined;
  });
});
