import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  describeTarget,
  makeGroupIdPrefix,
  parseResolve,
  resolveTargetConfig,
  type RunFlags,
  GROUP_ID_PREFIX_PATTERN,
} from '../../test-utils/config/index.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';

const KEY = 'a-secret-key-for-tests-0123456789';
const BASIC_KEY = 'another-secret-key-for-tests-987';

function configError(flags: RunFlags, env: Record<string, string | undefined>): ConfigError {
  try {
    resolveTargetConfig(flags, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveTargetConfig: the mock (default)', () => {
  it('defaults to the mock with its two default apps, admin administrator, reports/ and a random seed', () => {
    const config = resolveTargetConfig({}, {});
    expect(config.kind).toBe('mock');
    expect(config.baseUrl).toBeUndefined();
    expect(config.app).toEqual({
      sdkappid: DEFAULT_FULL_APP.sdkappid,
      secretKey: DEFAULT_FULL_APP.secretKey,
      admin: 'administrator',
    });
    expect(config.basicApp?.sdkappid).toBe(DEFAULT_BASIC_APP.sdkappid);
    expect(config.reportDir).toBe('reports');
    expect(config.strict).toBe(false);
    expect(config.seedSource).toBe('random');
    expect(Number.isSafeInteger(config.seed)).toBe(true);
  });

  it('uses given credentials for the mock when both are given', () => {
    const config = resolveTargetConfig({}, { TIM_SDKAPPID: '1400009999', TIM_SECRET_KEY: KEY, TIM_ADMIN: 'boss' });
    expect(config.app).toEqual({ sdkappid: 1400009999, secretKey: KEY, admin: 'boss' });
  });

  it('refuses half of a credential pair for the mock', () => {
    expect(configError({}, { TIM_SDKAPPID: '1400009999' }).variable).toBe('TIM_SECRET_KEY');
    expect(configError({}, { TIM_SECRET_KEY: KEY }).variable).toBe('TIM_SDKAPPID');
  });
});

describe('resolveTargetConfig: a URL or a region', () => {
  const creds = { TIM_SDKAPPID: '1400000123', TIM_SECRET_KEY: KEY };

  it('takes a base URL and keeps its origin only', () => {
    const config = resolveTargetConfig({}, { ...creds, TIM_TARGET: 'https://mock.example:8443/' });
    expect(config).toMatchObject({ kind: 'url', baseUrl: 'https://mock.example:8443' });
    expect(config.basicApp).toBeUndefined();
  });

  it('maps region:<name or alias> to https and the host of the spec', () => {
    expect(resolveTargetConfig({}, { ...creds, TIM_TARGET: 'region:singapore' })).toMatchObject({
      kind: 'region',
      region: 'singapore',
      baseUrl: 'https://adminapisgp.im.qcloud.com',
    });
    expect(resolveTargetConfig({}, { ...creds, TIM_TARGET: 'region:sgp' }).baseUrl).toBe(
      'https://adminapisgp.im.qcloud.com',
    );
    expect(resolveTargetConfig({}, { ...creds, TIM_TARGET: 'region:china' }).baseUrl).toBe(
      'https://console.tim.qq.com',
    );
  });

  it('requires the sdkappid and the secret key, naming flag and variable', () => {
    const noId = configError({}, { TIM_TARGET: 'region:sgp', TIM_SECRET_KEY: KEY });
    expect(noId.message).toMatch(/--sdkappid or TIM_SDKAPPID is required/);
    expect(noId.variable).toBe('TIM_SDKAPPID');
    const noKey = configError({ target: 'http://127.0.0.1:9' }, { TIM_SDKAPPID: '1400000123' });
    expect(noKey.message).toMatch(/--secret-key or TIM_SECRET_KEY is required when the target is a URL/);
  });

  it.each([
    ['abc', /must be a positive integer up to 4294967295/],
    ['0', /positive integer/],
    ['4294967296', /positive integer/],
    ['-5', /positive integer/],
    ['12.5', /positive integer/],
  ])('refuses the sdkappid %s', (value, message) => {
    expect(configError({}, { ...creds, TIM_TARGET: 'region:sgp', TIM_SDKAPPID: value }).message).toMatch(message);
  });

  it('accepts the largest sdkappid', () => {
    expect(
      resolveTargetConfig({}, { ...creds, TIM_SDKAPPID: '4294967295', TIM_TARGET: 'region:sgp' }).app.sdkappid,
    ).toBe(4294967295);
  });

  it.each([
    ['ftp://host', /must use http or https/],
    ['http://host/v4', /without path, query or fragment/],
    ['http://host?x=1', /without path, query or fragment/],
    ['http://user:pw@host', /user name or password/],
    ['not a url', /neither 'mock', 'region:<name>' nor a URL/],
  ])('refuses the target %s', (target, message) => {
    const error = configError({ target }, creds);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('--target flag');
  });

  it('lists the known regions when one is unknown', () => {
    const error = configError({}, { ...creds, TIM_TARGET: 'region:atlantis' });
    expect(error.message).toMatch(/unknown region 'atlantis'/);
    expect(error.message).toContain('singapore');
    expect(error.message).toContain('china');
  });
});

describe('resolveTargetConfig: the other inputs', () => {
  it('lets flags override the environment', () => {
    const config = resolveTargetConfig(
      {
        target: 'http://127.0.0.1:8080',
        sdkappid: '1400000200',
        secretKey: KEY,
        admin: 'flagadmin',
        reportDir: 'out',
        seed: '42',
        strict: false,
      },
      {
        TIM_TARGET: 'region:sgp',
        TIM_SDKAPPID: '1',
        TIM_SECRET_KEY: 'ignored-secret-key',
        TIM_ADMIN: 'envadmin',
        TIM_REPORT_DIR: 'x',
        TIM_SEED: '7',
        TIM_STRICT: '1',
      },
    );
    expect(config).toMatchObject({
      kind: 'url',
      baseUrl: 'http://127.0.0.1:8080',
      seed: 42,
      seedSource: 'flag',
      reportDir: 'out',
      strict: false,
    });
    expect(config.app).toEqual({ sdkappid: 1400000200, secretKey: KEY, admin: 'flagadmin' });
  });

  it('reads the seed and strictness from the environment', () => {
    expect(resolveTargetConfig({}, { TIM_SEED: '-12' })).toMatchObject({ seed: -12, seedSource: 'env' });
    for (const yes of ['1', 'true', 'YES']) expect(resolveTargetConfig({}, { TIM_STRICT: yes }).strict).toBe(true);
    for (const no of ['0', 'false', 'no', '']) expect(resolveTargetConfig({}, { TIM_STRICT: no }).strict).toBe(false);
    expect(configError({}, { TIM_STRICT: 'maybe' }).variable).toBe('TIM_STRICT');
    expect(configError({}, { TIM_SEED: '1.5' }).message).toMatch(/TIM_SEED must be an integer/);
    expect(configError({ seed: 'x' }, {}).message).toMatch(/--seed flag must be an integer/);
  });

  it('takes the basic app only as a pair, and never the main app twice', () => {
    const base = { TIM_TARGET: 'region:sgp', TIM_SDKAPPID: '1400000123', TIM_SECRET_KEY: KEY };
    const config = resolveTargetConfig(
      {},
      { ...base, TIM_BASIC_SDKAPPID: '1400000124', TIM_BASIC_SECRET_KEY: BASIC_KEY },
    );
    expect(config.basicApp).toEqual({ sdkappid: 1400000124, secretKey: BASIC_KEY, admin: 'administrator' });
    expect(configError({}, { ...base, TIM_BASIC_SDKAPPID: '1400000124' }).variable).toBe('TIM_BASIC_SECRET_KEY');
    expect(configError({}, { ...base, TIM_BASIC_SECRET_KEY: BASIC_KEY }).variable).toBe('TIM_BASIC_SDKAPPID');
    expect(
      configError({}, { ...base, TIM_BASIC_SDKAPPID: '1400000123', TIM_BASIC_SECRET_KEY: BASIC_KEY }).message,
    ).toMatch(/same app/);
  });

  it('reads TIM_CA_CERT as a PEM file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'timc-config-'));
    const pem = join(dir, 'ca.pem');
    writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const notPem = join(dir, 'note.txt');
    writeFileSync(notPem, 'hello');
    expect(resolveTargetConfig({}, { TIM_CA_CERT: pem })).toMatchObject({
      caCertPath: pem,
      caCert: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(configError({}, { TIM_CA_CERT: join(dir, 'missing.pem') }).message).toMatch(/cannot be read/);
    expect(configError({}, { TIM_CA_CERT: notPem }).message).toMatch(/holds no PEM certificate/);
  });

  it('parses host overrides for the connector', () => {
    expect(parseResolve('adminapisgp.im.qcloud.com=127.0.0.1:8443, Console.tim.qq.com=127.0.0.1')).toEqual({
      'adminapisgp.im.qcloud.com': '127.0.0.1:8443',
      'console.tim.qq.com': '127.0.0.1',
    });
    expect(parseResolve('h.example=[::1]:443')).toEqual({ 'h.example': '::1:443' });
    expect(resolveTargetConfig({}, { TIM_RESOLVE: 'a.example=127.0.0.1' }).resolve).toEqual({
      'a.example': '127.0.0.1',
    });
    expect(configError({}, { TIM_RESOLVE: 'a.example=not-an-ip' }).variable).toBe('TIM_RESOLVE');
    expect(configError({}, { TIM_RESOLVE: 'a.example=127.0.0.1:99999' }).variable).toBe('TIM_RESOLVE');
  });

  it('never puts a secret key in an error message', () => {
    const secret = 'k3Yz9';
    const error = configError({}, { TIM_TARGET: 'region:sgp', TIM_SDKAPPID: '1400000123', TIM_SECRET_KEY: secret });
    expect(error.message).toMatch(/shorter than 8 characters/);
    expect(error.message).not.toContain(secret);
    const basic = configError({}, { TIM_BASIC_SDKAPPID: 'nope', TIM_BASIC_SECRET_KEY: BASIC_KEY });
    expect(basic.message).not.toContain(BASIC_KEY);
  });
});

describe('group id prefix and description', () => {
  it('makes timc-<8 lower-case characters>- prefixes that leave room for 12 more and @TGS#_', () => {
    const a = makeGroupIdPrefix(1, 1000);
    const b = makeGroupIdPrefix(1, 1000);
    expect(a).toMatch(/^timc-[a-z0-9]{8}-$/);
    expect(a).toMatch(GROUP_ID_PREFIX_PATTERN);
    expect(a).not.toBe(b);
    expect(Buffer.byteLength(`@TGS#_${a}${'x'.repeat(12)}`)).toBeLessThanOrEqual(48);
  });

  it('describes a target without its secret keys', () => {
    const config = resolveTargetConfig(
      {},
      {
        TIM_TARGET: 'region:sgp',
        TIM_SDKAPPID: '1400000123',
        TIM_SECRET_KEY: KEY,
        TIM_BASIC_SDKAPPID: '1400000124',
        TIM_BASIC_SECRET_KEY: BASIC_KEY,
      },
    );
    const text = JSON.stringify(describeTarget(config));
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(BASIC_KEY);
    expect(describeTarget(config)).toMatchObject({
      kind: 'region',
      region: 'singapore',
      sdkappid: 1400000123,
      basicSdkappid: 1400000124,
    });
  });
});
