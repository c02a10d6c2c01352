// sdk-gate against deliberately broken clients: each defect breaks one documented request rule,
// and the gate must name it with a finding whose recorded request shows the defect; a gating
// defect exits 1, a tentative one or a note leaves the client's exit code (0). No report file
// holds the secret key (one client sends it on purpose) or a usersig.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { RULES } from '../../test-utils/sdk-gate/rules/index.ts';
import { nodeClient, runGate, type GateFinding } from './helpers.ts';

type Shows = (request: GateFinding['request']) => boolean;

const DEFECTS: Array<[defect: string, rules: string[], operation: string, shows: Shows]> = [
  ['get-method', ['request.method-post', 'body.json-object'], 'get_group_attr', (r) => r.method === 'GET'],
  [
    'unknown-path',
    ['request.path-documented'],
    '/v4/group_open_http_svc/get_group_attrs',
    (r) => r.path.includes('/get_group_attrs?'),
  ],
  ['missing-contenttype', ['query.parameters-present'], 'get_group_attr', (r) => !('contenttype' in r.query)],
  ['missing-random', ['query.parameters-present'], 'get_group_attr', (r) => !('random' in r.query)],
  ['random-out-of-range', ['query.parameters-well-formed'], 'get_group_attr', (r) => r.query.random === '4294967296'],
  ['random-repeated', ['query.random-unique'], 'get_group_attr', (r) => r.query.random === '12345'],
  [
    'legacy-path',
    ['request.path-legacy'],
    'get_group_attr',
    (r) => r.path.startsWith('/v4/group_open_http_svc/get_group_attr?'),
  ],
  ['group-list-too-fast', ['rate.api-calls'], 'get_appid_group_list', (r) => r.path.includes('/get_appid_group_list?')],
  ['counter-mode-omitted', ['body.counter-mode-given'], 'update_group_counter', (r) => !r.body.includes('Mode')],
  [
    'custom-id-reserved-prefix',
    ['body.group-custom-id'],
    'create_group',
    (r) => r.body.includes('"GroupId":"@TGS#mine"'),
  ],
  ['secret-key-sent', ['request.no-secret'], 'get_group_attr', (r) => r.headers['x-tim-secret'] === '<redacted>'],
  ['wrong-key', ['usersig.hmac'], 'get_group_attr', (r) => r.query.usersig === '<redacted>'],
  [
    'identifier-mismatch',
    ['usersig.identifier-matches'],
    'get_group_attr',
    (r) => r.query.identifier === 'administrator',
  ],
  ['not-admin', ['identifier.app-admin'], 'get_group_attr', (r) => r.query.identifier === 'ordinary-user'],
  ['expired-usersig', ['usersig.not-expired'], 'get_group_attr', (r) => r.query.usersig === '<redacted>'],
  ['usersig-garbage', ['usersig.decodes'], 'get_group_attr', (r) => r.query.usersig === '<redacted>'],
  [
    'usersig-other-sdkappid',
    ['usersig.hmac', 'usersig.sdkappid-matches'],
    'get_group_attr',
    (r) => r.query.sdkappid !== String(DEFAULT_BASIC_APP.sdkappid),
  ],
  ['unknown-sdkappid', ['sdkappid.known-app'], 'get_group_attr', (r) => r.query.sdkappid === '1234567'],
  ['usersig-not-renewed', ['usersig.not-expired', 'usersig.renewed'], 'get_group_attr', (r) => r.method === 'POST'],
  ['body-not-json', ['body.json-object'], 'get_group_attr', (r) => r.body.startsWith('GroupId=')],
  ['invalid-utf8', ['body.utf8'], 'get_group_attr', (r) => r.bodyBase64 !== undefined],
  ['no-content-type', ['request.content-type'], 'get_group_attr', (r) => !('content-type' in r.headers)],
  ['counter-value-string', ['body.schema'], 'update_group_counter', (r) => r.body.includes('"Value":"5"')],
  ['counter-value-float', ['body.integer-literals'], 'update_group_counter', (r) => r.body.includes('"Value":5.0')],
  ['counter-value-exponent', ['body.integer-literals'], 'update_group_counter', (r) => r.body.includes('"Value":1e3')],
  ['mode-lowercase', ['body.schema'], 'update_group_counter', (r) => r.body.includes('"Mode":"increase"')],
  ['field-case', ['body.name-case'], 'modify_group_attr', (r) => r.body.includes('"Key":"k1"')],
  ['key-too-long', ['limit.attr.key.maxBytes'], 'modify_group_attr', (r) => r.body.includes('k'.repeat(33))],
  ['empty-attr-list', ['body.attr-list-not-empty'], 'modify_group_attr', (r) => r.body.includes('"GroupAttr":[]')],
  [
    'counters-on-basic-app',
    ['app.edition'],
    'get_group_counter',
    (r) => r.query.sdkappid === String(DEFAULT_BASIC_APP.sdkappid),
  ],
  ['counters-on-community', ['group.type-supported'], 'get_group_counter', (r) => r.body.includes('@TGS#_')],
  ['attr-writes-too-fast', ['rate.group-attr-writes'], 'modify_group_attr', (r) => r.body.includes('GroupAttr')],
  [
    'increase-resent-after-drop',
    ['retry.no-double-count'],
    'update_group_counter',
    (r) => r.body.includes('"Mode":"Increase"'),
  ],
];

describe.concurrent('sdk-gate names each defect of a broken client', { timeout: 60_000 }, () => {
  it.each(DEFECTS)('%s → %j', async (defect, rules, operation, shows) => {
    const { code, results, reportDir } = await runGate(nodeClient('broken-client.mjs', defect));
    for (const file of readdirSync(reportDir)) {
      const text = readFileSync(join(reportDir, file), 'utf8');
      expect(text, file).not.toContain(DEFAULT_FULL_APP.secretKey);
      expect(text, file).not.toMatch(/\be[AJN][A-Za-z0-9*_-]{40,}/);
    }
    expect(results).toBeDefined();
    const findings = results!.findings;
    expect([...new Set(findings.map((f) => f.rule))].sort()).toEqual([...rules].sort());
    for (const rule of rules) {
      const finding = findings.find((f) => f.rule === rule)!;
      expect(finding.operation).toBe(operation);
      expect(finding.docUrl).toMatch(/^https:\/\//);
      expect(shows(finding.request), `${rule}: recorded request ${JSON.stringify(finding.request)}`).toBe(true);
    }
    expect(code).toBe(findings.some((f) => f.status === 'gating') ? 1 : 0);
  });
});

describe('the broken clients', () => {
  it('break every request rule (the limits share one rule body: one limit stands for them)', () => {
    const broken = new Set(DEFECTS.flatMap(([, rules]) => rules));
    const missing = RULES.map((r) => r.id).filter(
      (id) => !broken.has(id) && !(id.startsWith('limit.') && [...broken].some((b) => b.startsWith('limit.'))),
    );
    expect(missing).toEqual([]);
  });
});
