// `run --regions` without the internet: three reference mocks on https with one certificate for
// three regional host names stand in for Singapore, Seoul and Frankfurt (--resolve sends each
// name to its mock, --ca-cert trusts the certificate). Seoul's mock deviates; the combined
// report must show that region's differences and the run must exit 1.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { selfSignedCertificateFor } from '../../test-utils/mock/tls.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveRegion } from '../../test-utils/contract/index.ts';
import type { MockApp } from '../../test-utils/mock/default-apps.ts';
import { startMockServer, type MockServerHandle } from '../../test-utils/mock/index.ts';
import { regionTargetConfig, regionVariable } from '../../test-utils/runner/region-config.ts';
import type { RegionsMatrix } from '../../test-utils/runner/regions-report.ts';
import { runConformance } from '../../test-utils/runner/run-conformance.ts';
import { captureIO } from '../helpers/io.ts';

const REGIONS = ['singapore', 'seoul', 'frankfurt'] as const;
const DEVIATING = 'seoul';
/** get_group_attr answers GroupAttr instead of GroupAttrAry: the smoke check of a fresh group fails. */
const DEVIATION = 'shapes.attr-array-renamed';
const CAUGHT_BY = 'get_group_attr/smoke-fresh-group-ok/Public';

const apps: Record<string, MockApp> = Object.fromEntries(
  REGIONS.map((name, index) => [
    name,
    {
      sdkappid: 1400000101 + index,
      secretKey: `regional-test-key-${name}-not-secret`,
      admin: 'administrator',
      extraAdmins: [],
      countersEdition: true,
    },
  ]),
);
const hosts = Object.fromEntries(REGIONS.map((name) => [name, resolveRegion(name)!.host]));

const mocks: MockServerHandle[] = [];
let env: Record<string, string> = {};
let caPath = '';

beforeAll(async () => {
  const pems = await selfSignedCertificateFor(REGIONS.map((name) => hosts[name]!));
  const dir = mkdtempSync(join(tmpdir(), 'timc-regions-ca-'));
  caPath = join(dir, 'ca.pem');
  writeFileSync(caPath, pems.cert);
  const resolveEntries: string[] = [];
  for (const name of REGIONS) {
    const mock = await startMockServer({
      tls: { cert: pems.cert, key: pems.key },
      apps: [apps[name]!],
      ...(name === DEVIATING ? { deviations: [DEVIATION] } : {}),
    });
    mocks.push(mock);
    resolveEntries.push(`${hosts[name]}=127.0.0.1:${mock.port}`);
  }
  env = {
    TIM_RESOLVE: resolveEntries.join(','),
    TIM_CA_CERT: caPath,
    TIM_SEED: '4242',
    ...Object.fromEntries(
      REGIONS.flatMap((name) => [
        [`TIM_SDKAPPID_${name.toUpperCase()}`, String(apps[name]!.sdkappid)],
        [`TIM_SECRET_KEY_${name.toUpperCase()}`, apps[name]!.secretKey],
      ]),
    ),
  };
});

afterAll(async () => {
  await Promise.all(mocks.map((mock) => mock.close()));
});

async function runRegions(regions: string, reportDir: string, extraEnv: Record<string, string> = {}) {
  const { out, err, io } = captureIO();
  const code = await runConformance(
    { reportDir },
    { ...env, ...extraEnv },
    io,
    {
      suitesDir: 'suites/_smoke',
      workers: 1,
      regions,
      progress: { isTTY: false, write: (t) => err.push(t.replace(/\n$/, '')) },
    },
    { handleSignals: false },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a three-region matrix with one deviating region', { timeout: 120_000 }, () => {
  let run: Awaited<ReturnType<typeof runRegions>>;
  let reportDir = '';
  let matrix: RegionsMatrix;

  beforeAll(async () => {
    reportDir = mkdtempSync(join(tmpdir(), 'timc-regions-'));
    run = await runRegions('sgp,kr,ger', reportDir);
    matrix = JSON.parse(readFileSync(join(reportDir, 'regions.json'), 'utf8')) as RegionsMatrix;
  }, 120_000);

  test('exits 1 because one region has a gating failure', () => {
    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(/singapore: PASS/);
    expect(run.out).toMatch(/seoul: FAIL/);
    expect(run.out).toMatch(/frankfurt: PASS/);
  });

  test('each region ran against its own host with its own app and has its own reports', () => {
    for (const name of REGIONS) {
      const results = JSON.parse(readFileSync(join(reportDir, name, 'results.json'), 'utf8'));
      expect(results.target).toMatchObject({
        kind: 'region',
        region: name,
        baseUrl: `https://${hosts[name]}`,
        sdkappid: apps[name]!.sdkappid,
      });
      expect(results.seed).toBe(4242);
      expect(existsSync(join(reportDir, name, 'junit.xml'))).toBe(true);
    }
    // That only Seoul's run meets the deviation (next test) shows each run reached its own mock.
  });

  test('regions.json has the regions as columns and marks the deviating row', () => {
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'test-utils', 'runner', 'regions.schema.json'), 'utf8'),
    );
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    expect(validate(matrix), JSON.stringify(validate.errors)).toBe(true);
    expect(matrix.regions.map((r) => r.region)).toEqual([...REGIONS]);
    const row = matrix.checks.find((c) => c.id === CAUGHT_BY);
    expect(row).toMatchObject({
      differs: true,
      outcomes: { singapore: 'passed', seoul: 'failed', frankfurt: 'passed' },
    });
    const differing = matrix.checks.filter((c) => c.differs).map((c) => c.id);
    expect(differing).toEqual([CAUGHT_BY]);
    expect(matrix.differences).toBe(1);
    const unknownGroup = matrix.checks.find((c) => c.id === 'get_group_attr/smoke-unknown-group');
    expect(unknownGroup).toMatchObject({
      differs: false,
      outcomes: { singapore: 'passed', seoul: 'passed', frankfurt: 'passed' },
    });
  });

  test('the human combined reports (regions.md, regions.html) name the deviating check and every region', () => {
    for (const file of ['regions.md', 'regions.html']) {
      const text = readFileSync(join(reportDir, file), 'utf8');
      expect(text, file).toContain(CAUGHT_BY);
      for (const name of REGIONS) expect(text, file).toContain(name);
    }
    expect(run.out).toContain(join(reportDir, 'regions.html'));
  });

  test('progress names the region on each finished suite file', () => {
    for (const name of REGIONS)
      expect(run.err).toMatch(new RegExp(`\\[${name}\\] . suites/_smoke/get-group-attr\\.check\\.ts: 1/1 checks`));
    expect(run.err).toMatch(/\[seoul\] ✗ suites\/_smoke\/get-group-attr\.check\.ts: 1\/1 checks, 1 failed/);
  });

  test('no secret key appears in the output or any report', () => {
    const texts = [
      run.out,
      run.err,
      ...['regions.json', 'regions.md', 'regions.html'].map((file) => readFileSync(join(reportDir, file), 'utf8')),
    ];
    for (const name of REGIONS)
      texts.push(
        readFileSync(join(reportDir, name, 'results.json'), 'utf8'),
        readFileSync(join(reportDir, name, 'junit.xml'), 'utf8'),
      );
    for (const text of texts) for (const name of REGIONS) expect(text).not.toContain(apps[name]!.secretKey);
  });
});

describe('regional configuration errors', () => {
  test('a region without its app is exit 2 naming the missing variable, before any request', async () => {
    const reportDir = mkdtempSync(join(tmpdir(), 'timc-regions-cfg-'));
    const { TIM_SECRET_KEY_SEOUL: _dropped, ...withoutSeoulKey } = env;
    const { out, err, io } = captureIO();
    const code = await runConformance(
      { reportDir },
      withoutSeoulKey,
      io,
      { suitesDir: 'suites/_smoke', regions: 'sgp,kr', progress: false },
      { handleSignals: false },
    );
    expect(code).toBe(2);
    expect(err).toEqual([
      'tim-conformance: region seoul needs its own app (an app lives in one region): set TIM_SECRET_KEY_SEOUL.',
    ]);
    expect(out).toEqual([]);
    expect(existsSync(join(reportDir, 'singapore'))).toBe(false);
  });
});

describe('regional credentials', () => {
  const singapore = resolveRegion('sgp')!;

  test('variables are named after the canonical region name', () => {
    expect(regionVariable('TIM_SDKAPPID', resolveRegion('us')!)).toBe('TIM_SDKAPPID_SILICON_VALLEY');
    expect(regionVariable('TIM_SECRET_KEY', singapore)).toBe('TIM_SECRET_KEY_SINGAPORE');
  });

  test('each region gets its own app, admin override and report subdirectory', () => {
    const config = regionTargetConfig(
      singapore,
      { reportDir: '/tmp/r' },
      {
        TIM_SDKAPPID_SINGAPORE: '1400000201',
        TIM_SECRET_KEY_SINGAPORE: 'singapore-key-not-secret',
        TIM_SDKAPPID: '1400000999',
        TIM_SECRET_KEY: 'global-key-not-used',
        TIM_ADMIN: 'global-admin',
        TIM_ADMIN_SINGAPORE: 'sg-admin',
      },
    );
    expect(config).toMatchObject({
      kind: 'region',
      region: 'singapore',
      baseUrl: `https://${singapore.host}`,
      app: { sdkappid: 1400000201, secretKey: 'singapore-key-not-secret', admin: 'sg-admin' },
      reportDir: join('/tmp/r', 'singapore'),
    });
    expect(config.basicApp).toBeUndefined();
  });

  test('an invalid value names the regional variable and never shows a secret key', () => {
    expect(() =>
      regionTargetConfig(
        singapore,
        {},
        { TIM_SDKAPPID_SINGAPORE: 'abc', TIM_SECRET_KEY_SINGAPORE: 'singapore-key-not-secret' },
      ),
    ).toThrow(
      /^region singapore: TIM_SDKAPPID_SINGAPORE must be a positive integer .*got 'abc'; set TIM_SDKAPPID_SINGAPORE\.$/,
    );
    let message = '';
    try {
      regionTargetConfig(singapore, {}, { TIM_SDKAPPID_SINGAPORE: '1400000201', TIM_SECRET_KEY_SINGAPORE: 'short' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^region singapore: TIM_SECRET_KEY_SINGAPORE is shorter than 8 characters; set TIM_SECRET_KEY_SINGAPORE to/,
    );
    expect(message).not.toContain("short'");
  });

  test('the app without the edition needs both of its regional variables', () => {
    expect(() =>
      regionTargetConfig(
        singapore,
        {},
        {
          TIM_SDKAPPID_SINGAPORE: '1400000201',
          TIM_SECRET_KEY_SINGAPORE: 'singapore-key-not-secret',
          TIM_BASIC_SDKAPPID_SINGAPORE: '1400000202',
        },
      ),
    ).toThrow(/^region singapore: .*set TIM_BASIC_SECRET_KEY_SINGAPORE too/);
  });
});
