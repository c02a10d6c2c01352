// The regional matrix: regions as columns, checks as rows, differing rows first and counted,
// a region that could not run shown once (not as a difference on every row), and escaping.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderGfm } from './gfm.ts';
import { describe, expect, test } from 'vitest';
import {
  buildRegionalModel,
  renderRegionalHtml,
  renderRegionalMarkdown,
  writeRegionalReports,
  type RegionalRun,
} from '../../test-utils/report/index.ts';
import { entry, failed, HOSTILE, resultsOf } from './sample-results.ts';

function regionResults(region: string, deviating: boolean) {
  return resultsOf(
    [
      entry('get_group_attr/fresh-group-ok/Public'),
      deviating
        ? failed('clear_group_attr/clears-every-key/Public')
        : entry('clear_group_attr/clears-every-key/Public'),
      entry('modify_group_attr/key-past-byte-limit/Public'),
    ],
    { target: { ...resultsOf([]).target, kind: 'region', region, baseUrl: `https://adminapi${region}.im.qcloud.com` } },
  );
}

/** Three regions, one of which deviates on one check. */
function threeRegions(): RegionalRun[] {
  return [
    { region: 'sgp', results: regionResults('sgp', false) },
    { region: 'kr', results: regionResults('kr', true) },
    { region: 'ger', results: regionResults('ger', false) },
  ];
}

describe('the regional model', () => {
  test('puts the differing row first and counts it', () => {
    const model = buildRegionalModel(threeRegions());
    expect(model.columns.map((c) => [c.region, c.verdict])).toEqual([
      ['sgp', 'PASS'],
      ['kr', 'FAIL'],
      ['ger', 'PASS'],
    ]);
    expect(model.differing).toBe(1);
    expect(model.rows.map((r) => [r.id, r.cells, r.differs])).toEqual([
      ['clear_group_attr/clears-every-key/Public', ['passed', 'failed', 'passed'], true],
      ['get_group_attr/fresh-group-ok/Public', ['passed', 'passed', 'passed'], false],
      ['modify_group_attr/key-past-byte-limit/Public', ['passed', 'passed', 'passed'], false],
    ]);
  });

  test('a check missing from one region that ran is a difference', () => {
    const runs = threeRegions();
    runs[2]!.results!.tests.pop();
    const model = buildRegionalModel(runs);
    expect(model.rows.find((r) => r.id === 'modify_group_attr/key-past-byte-limit/Public')).toMatchObject({
      cells: ['passed', 'passed', 'absent'],
      differs: true,
    });
  });

  test('a region that could not run is shown in its column, not as a difference on every row', () => {
    const runs: RegionalRun[] = [
      ...threeRegions(),
      { region: 'usa', results: null, error: 'TIM_SECRET_KEY_USA is not set' },
    ];
    const model = buildRegionalModel(runs);
    expect(model.differing).toBe(1);
    expect(model.columns[3]).toMatchObject({
      region: 'usa',
      verdict: 'NOT RUN',
      error: 'TIM_SECRET_KEY_USA is not set',
    });
    const html = renderRegionalHtml(runs);
    expect(html).toContain('TIM_SECRET_KEY_USA is not set');
    expect(html).toContain('data-id="usa:get_group_attr/fresh-group-ok/Public">no run</td>');
  });
});

describe('regions.html', () => {
  const html = renderRegionalHtml(threeRegions());

  test('has regions as columns and a row per check, the differing row first and highlighted', () => {
    expect(html).toMatch(
      /<thead><tr><th scope="col">check<\/th><th scope="col" data-region="sgp">sgp<\/th><th scope="col" data-region="kr">kr<\/th><th scope="col" data-region="ger">ger<\/th><\/tr><\/thead>/,
    );
    const rows = [...html.matchAll(/<tr class="(differs|same)" data-id="([^"]+)">/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ['differs', 'clear_group_attr/clears-every-key/Public'],
      ['same', 'get_group_attr/fresh-group-ok/Public'],
      ['same', 'modify_group_attr/key-past-byte-limit/Public'],
    ]);
    expect(html).toContain('data-status="failed" data-id="kr:clear_group_attr/clears-every-key/Public">FAIL</td>');
    expect(html).toContain('<strong id="differing-count">1</strong>');
  });

  test('summarises the difference with what the deviating region answered', () => {
    const differences = html.slice(html.indexOf('id="differences"'), html.indexOf('</section>'));
    expect(differences).toContain('<code>clear_group_attr/clears-every-key/Public</code>');
    expect(differences).toContain('<strong>kr</strong> (FAIL): got ErrorCode 10004, wanted 10010');
    expect(differences).not.toContain('<strong>sgp</strong>');
  });
});

describe('regions.md', () => {
  test('is a GFM table with regions as columns, the differing row first and marked', () => {
    const md = renderRegionalMarkdown(threeRegions());
    expect(md.split('\n')[0]).toBe('## tim-conformance regional matrix: 1 check(s) differ');
    const html = renderGfm(md);
    expect(html).toMatch(
      /<th>check<\/th>\s*<th align="center">sgp<\/th>\s*<th align="center">kr<\/th>\s*<th align="center">ger<\/th>/,
    );
    const matrix = html.slice(html.indexOf('Matrix: checks'));
    const firstRow = matrix.slice(matrix.indexOf('<tbody>')).match(/<tr>([\s\S]*?)<\/tr>/)![1]!;
    expect([...firstRow.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1])).toEqual([
      '🔶 <code>clear_group_attr/clears-every-key/Public</code>',
      '✅',
      '❌',
      '✅',
    ]);
    expect(html).toContain('<strong>kr</strong> ❌ got ErrorCode 10004, wanted 10010');
  });

  test('escapes region names and findings', () => {
    const runs = threeRegions();
    runs[1]!.region = '<img src=x>';
    runs[1]!.results!.tests[1]!.failure!.message = `clear_group_attr/clears-every-key/Public: ${HOSTILE.body} ${HOSTILE.markdown}`;
    const html = renderGfm(renderRegionalMarkdown(runs));
    expect(html).not.toMatch(/<(img|script|b)[\s>]/);
    expect(html).not.toContain('<strong>bold</strong>');
    const page = renderRegionalHtml(runs);
    expect(page).not.toMatch(/<(img|script|b)[\s>]/);
  });
});

test('writeRegionalReports writes regions.html and regions.md, linking each region’s own report when it exists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'timc-regions-'));
  mkdirSync(join(dir, 'kr'));
  writeFileSync(join(dir, 'kr', 'report.html'), '<!DOCTYPE html>');
  const paths = writeRegionalReports(threeRegions(), dir);
  expect(paths).toEqual([join(dir, 'regions.html'), join(dir, 'regions.md')]);
  for (const path of paths) expect(existsSync(path)).toBe(true);
  const html = readFileSync(paths[0]!, 'utf8');
  expect(html).toContain('<a href="kr/report.html">report</a>');
  expect(html).not.toContain('sgp/report.html');
  expect(readFileSync(paths[1]!, 'utf8')).toContain('[FAIL](kr/report.html)');
  // The failing cell leads to the failure's details in the region's own report.
  expect(html).toContain(
    'data-id="kr:clear_group_attr/clears-every-key/Public"><a href="kr/report.html#failure-1">FAIL</a></td>',
  );
});
