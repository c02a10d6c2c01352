import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveTargetConfig } from '../../test-utils/config/index.ts';
import { startTarget } from '../../test-utils/runner/start-target.ts';

describe('startTarget', () => {
  it('starts the embedded mock on a loopback port and fills baseUrl and the prefix', async () => {
    const started = await startTarget(resolveTargetConfig({ seed: '5' }, {}));
    onTestFinished(() => started.close());
    expect(started.target.kind).toBe('mock');
    expect(started.target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.target.groupIdPrefix).toMatch(/^timc-[a-z0-9]{8}-$/);
    expect(started.target.seed).toBe(5);
    const response = await fetch(`${started.target.baseUrl}/v4/group_open_http_svc/get_group_info`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(200);
  });

  it('serves https with the mock certificate in caCert when asked', async () => {
    const started = await startTarget(resolveTargetConfig({}, {}), { mockOptions: { tls: true } });
    onTestFinished(() => started.close());
    expect(started.target.baseUrl).toMatch(/^https:\/\//);
    expect(started.target.caCert).toContain('BEGIN CERTIFICATE');
  });

  it('starts nothing for a URL target and keeps its base URL', async () => {
    const config = resolveTargetConfig(
      { target: 'http://127.0.0.1:9', sdkappid: '1400000001', secretKey: 'some-secret-key-x' },
      {},
    );
    const started = await startTarget(config);
    expect(started.target.baseUrl).toBe('http://127.0.0.1:9');
    await started.close();
  });
});
