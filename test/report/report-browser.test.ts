// report.html and regions.html in a real headless browser (Debian's chromium): a failing run
// against a deviating reference mock renders with its matrix and failure details, the page
// makes no network request, a hostile target's markup stays text, and a screenshot is taken.
// Skipped only when chromium is missing locally; .ci/run sets TIM_REQUIRE_BROWSER=1 so CI fails instead.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { resolveTargetConfig } from '../../test-utils/config/index.ts';
import { startTarget } from '../../test-utils/runner/start-target.ts';
import { writeHumanReports, writeRegionalReports } from '../../test-utils/report/index.ts';
import { buildResults, type ResultsFile } from '../../test-utils/runner/results.ts';
import { writeReports } from '../../test-utils/runner/run-conformance.ts';
import { runSuites } from '../../test-utils/runner/run-suites.ts';
import { describeInChromium } from './browser.ts';
import { HOSTILE, hostileResults } from './sample-results.ts';

/** A real run of the clear_group_attr suites against a mock whose clear removes nothing. */
async function failingRun(reportDir: string): Promise<ResultsFile> {
  const config = resolveTargetConfig({ seed: '11', reportDir }, {});
  const started = await startTarget(config, { mockOptions: { deviations: ['semantics.clear-is-noop'] } });
  try {
    const run = await runSuites({ target: started.target, filters: ['suites/clear-group-attr/'], workers: 1 });
    return buildResults(started.target, run.entries, run.reason);
  } finally {
    await started.close();
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

let dir: string;
let results: ResultsFile;

async function writeFailingRunReports(): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'timc-report-browser-'));
  results = await failingRun(dir);
  writeReports(results, dir);
}

describeInChromium('report.html in chromium', writeFailingRunReports, (browser) => {
  test('the failing run renders: verdict, summary, the matrix with its cells, no request, no error', async () => {
    const failing = results.tests.filter((t) => t.status === 'failed' && t.gating).map((t) => t.id);
    expect(failing).toContain('clear_group_attr/clears-every-key/Public');
    const report = await browser.open(join(dir, 'report.html'));
    const { page } = report;
    expect(await page.title()).toMatch(/^tim-conformance FAIL: reference mock/);
    expect(await page.locator('#verdict').innerText()).toBe('FAIL');
    expect(await page.locator('#counts td[data-count="failed"]').innerText()).toBe(String(results.summary.failed));
    expect(await page.locator('#gating-failures + ul li').count()).toBe(failing.length);

    const matrix = page.locator('table#matrix');
    await expect.poll(() => matrix.isVisible()).toBe(true);
    const headings = await matrix.locator('thead th').allInnerTexts();
    expect(headings.slice(0, 2)).toEqual(['check', 'no group type']);
    expect(headings).toEqual(expect.arrayContaining(['Private', 'Public', 'ChatRoom', 'AVChatRoom']));
    const cell = matrix.locator('td[data-id="clear_group_attr/clears-every-key/Public"]');
    expect(await cell.innerText()).toBe('FAIL');
    expect(await cell.getAttribute('data-status')).toBe('failed');
    const passing = results.tests.find((t) => t.status === 'passed')!;
    expect(await matrix.locator(`td[data-id="${passing.id}"]`).innerText()).toBe('pass');
    expect(await matrix.locator('td.cell:not(.absent)').count()).toBe(results.tests.length);

    expect(report.requests).toEqual([]);
    expect(report.errors).toEqual([]);
  });

  test('a failure shows its curl line, response, expectation and document link, reached from its matrix cell', async () => {
    const { page, requests } = await browser.open(join(dir, 'report.html'));
    await page.locator('td[data-id="clear_group_attr/clears-every-key/Public"] a').click();
    const article = page.locator('article[data-id="clear_group_attr/clears-every-key/Public"]');
    expect(new URL(page.url()).hash).toBe(`#${await article.getAttribute('id')}`);
    expect(await article.locator('dd.request pre').innerText()).toMatch(
      /^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/v4\/group_open_attr_http_svc\/get_group_attr\?.*usersig=<redacted>/,
    );
    expect(await article.locator('dd.response pre').innerText()).toContain('"GroupAttrAry": [');
    expect(await article.locator('dd.expected').innerText()).toMatch(/get_group_attr answers GroupAttrAry \[\]/);
    const link = article.locator('dd.doc a');
    expect(await link.getAttribute('href')).toMatch(
      /^https:\/\/(www\.)?tencentcloud\.com\/.*document\/product\/1047\//,
    );
    expect(requests).toEqual([]);
  });

  test('a hostile response body stays text: nothing runs, no element is injected, nothing is fetched', async () => {
    const hostileDir = mkdtempSync(join(tmpdir(), 'timc-report-hostile-'));
    const [htmlPath] = writeHumanReports(hostileResults(), hostileDir);
    const { page, requests, errors } = await browser.open(htmlPath!);
    expect(await page.evaluate(() => (globalThis as { __timInjected?: number }).__timInjected)).toBeUndefined();
    expect(await page.locator('#tim-injected').count()).toBe(0);
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.locator('article.failure dd.response pre').innerText()).toContain(
      HOSTILE.body.replace(/"/g, '\\"'),
    );
    expect(await page.locator('body').innerText()).not.toContain(HOSTILE.usersig);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('regions.html renders with regions as columns and the differing row first and highlighted', async () => {
    const regionsDir = mkdtempSync(join(tmpdir(), 'timc-report-regions-'));
    const same = {
      ...results,
      tests: results.tests.map((t) => ({ ...t, status: 'passed' as const, failure: undefined })),
    };
    const [htmlPath] = writeRegionalReports(
      [
        { region: 'sgp', results: same },
        { region: 'kr', results },
        { region: 'ger', results: same },
      ],
      regionsDir,
    );
    const { page, requests } = await browser.open(htmlPath!);
    expect(await page.locator('table#matrix thead th').allInnerTexts()).toEqual(['check', 'sgp', 'kr', 'ger']);
    const first = page.locator('table#matrix tbody tr').first();
    expect(await first.getAttribute('class')).toBe('differs');
    expect(await first.locator('td').allInnerTexts()).toEqual(['pass', 'FAIL', 'pass']);
    const background = (row: string) =>
      page
        .locator(`table#matrix tbody tr.${row} th.check`)
        .first()
        .evaluate(
          (el) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(
              el,
            ).backgroundColor,
        );
    expect(await background('differs')).not.toBe(await background('same'));
    expect(await page.locator('#differing-count').innerText()).toBe(
      String(results.summary.failed + results.summary.tentativeFailed),
    );
    expect(requests).toEqual([]);
  });

  test('the request recorder sees a page that does fetch something (so "no request" above can fail)', async () => {
    const probe = join(mkdtempSync(join(tmpdir(), 'timc-report-probe-')), 'probe.html');
    writeFileSync(probe, '<!DOCTYPE html><title>probe</title><img src="http://127.0.0.1:9/pixel.png">');
    const { requests } = await browser.open(probe);
    await expect.poll(() => requests).toEqual(['http://127.0.0.1:9/pixel.png']);
  });

  test('the screenshot helper writes a full-page PNG', async () => {
    const report = await browser.open(join(dir, 'report.html'));
    const path = join(process.env.TIM_SCREENSHOT_DIR ?? dir, 'report.png');
    await report.screenshot(path);
    const { width, height } = pngSize(path);
    expect(width).toBe(1280);
    expect(height).toBeGreaterThan(900);
  });
});
