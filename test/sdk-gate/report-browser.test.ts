// sdk-report.html in a real headless browser (Debian's chromium, as test/report/report-browser
// does for report.html): the PHP traffic's report renders its verdict, counts, findings and the
// matrix of answers; a finding is reached from its summary line; hostile request text stays text;
// the page makes no request and logs no error. Skipped only when chromium is missing locally;
// TIM_REQUIRE_BROWSER=1 makes that a failure.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readCassette } from '../../test-utils/sdk-gate/cassette.ts';
import { judgeExchanges } from '../../test-utils/sdk-gate/judge.ts';
import { SDK_REPORT_FILES, writeSdkReports, type SdkResultsFile } from '../../test-utils/sdk-gate/report/index.ts';
import { describeInChromium } from '../report/browser.ts';
import { CONTEXT, exchange, HOSTILE } from './judge-helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');

let dir: string;
let results: SdkResultsFile;

async function writePhpTrafficReports(): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'timc-sdk-browser-'));
  const file = join(ROOT, 'test', 'fixtures', 'sdk-traffic', 'php.jsonl');
  results = writeSdkReports(dir, judgeExchanges(readCassette(file, { apps: CONTEXT.apps }), CONTEXT), {
    command: 'judge php.jsonl',
  });
}

describeInChromium('sdk-report.html in chromium', writePhpTrafficReports, (browser) => {
  test('verdict, counts, findings by status and the matrix render; no request, no error', async () => {
    const { page, requests, errors } = await browser.open(join(dir, SDK_REPORT_FILES.html));
    expect(await page.title()).toBe('tim-conformance SDK requests FAIL: judge php.jsonl');
    expect(await page.locator('#verdict').innerText()).toBe('FAIL');
    expect(await page.locator('#counts td[data-count="gating"]').innerText()).toBe(
      String(results.summary.gatingFindings),
    );
    expect(await page.locator('#gating-findings + ul li').count()).toBe(results.summary.gatingFindings);
    expect(await page.locator('#note-findings + ul li').count()).toBe(results.summary.notes);
    const row = page.locator('table#operations tr[data-operation="get_group_counter"]');
    expect(await row.locator('td').nth(2).innerText()).toContain('60003');
    expect(await page.locator('table#operations tbody tr').count()).toBe(results.operations.length);
    expect(await page.locator('table#rules tbody tr').count()).toBe(results.rules.length);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a finding is reached from its summary line and shows the request as sent', async () => {
    const { page } = await browser.open(join(dir, SDK_REPORT_FILES.html));
    await page.locator('#gating-findings + ul li a', { hasText: 'body.json-object' }).click();
    const article = page.locator('article[data-rule="body.json-object"]');
    expect(new URL(page.url()).hash).toBe(`#${await article.getAttribute('id')}`);
    expect(await article.locator('pre[data-field="request-line"]').innerText()).toMatch(
      /^POST \/v4\/group_open_http_svc\/get_group_counter\?.*usersig=<redacted>/,
    );
    expect(await article.locator('pre[data-field="body"]').innerText()).toBe('(empty body)');
    expect(await article.locator('dd a').first().getAttribute('href')).toMatch(/^https:\/\//);
  });

  test('hostile request text stays text: nothing runs, nothing is injected or fetched', async () => {
    const hostileDir = mkdtempSync(join(tmpdir(), 'timc-sdk-hostile-'));
    const judgement = judgeExchanges(
      [
        exchange({
          operation: 'modify_group_attr',
          body: JSON.stringify({ GroupId: HOSTILE, GroupAttr: [{ key: HOSTILE, value: 'v' }] }),
        }),
      ],
      CONTEXT,
    );
    writeSdkReports(hostileDir, judgement, { command: `judge ${HOSTILE}` });
    const { page, requests, errors } = await browser.open(join(hostileDir, SDK_REPORT_FILES.html));
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.locator('article pre[data-field="body"]').first().innerText()).toContain(
      '<script>alert(1)</script>',
    );
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
