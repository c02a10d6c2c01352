// Test helper: open a report in Debian's chromium (never a downloaded browser) through
// playwright-core, record every request the page makes, and take a full-page screenshot.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

export const CHROMIUM_PATH = process.env.TIM_CHROMIUM ?? '/usr/bin/chromium';

/** Set by .ci/run: a missing chromium fails the browser tests instead of skipping them. */
export const BROWSER_REQUIRED = process.env.TIM_REQUIRE_BROWSER === '1';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export const CHROMIUM_MISSING = `chromium not found at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) to run the report's browser tests`;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenedReport {
  page: Page;
  /** Every URL the page asked for besides the report itself. */
  requests: string[];
  /** Console errors and page errors (a CSP violation shows up here). */
  errors: string[];
  screenshot(path: string): Promise<void>;
}

export interface ReportBrowser {
  open(htmlPath: string): Promise<OpenedReport>;
  close(): Promise<void>;
}

export async function launchReportBrowser(): Promise<ReportBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'timc-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      offline: true,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    async open(htmlPath) {
      const page = await context.newPage();
      const own = pathToFileURL(htmlPath).href;
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        if (request.url() !== own) requests.push(request.url());
      });
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(own, { waitUntil: 'load' });
      return {
        page,
        requests,
        errors,
        screenshot: async (path) => {
          await page.screenshot({ path, fullPage: true });
        },
      };
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A describe block whose tests open reports in chromium: skipped with the reason when chromium is
 * missing locally (a failure when TIM_REQUIRE_BROWSER=1); one browser for the block, launched
 * before its tests and closed after them. `setUp` writes the reports the tests open.
 */
export function describeInChromium(
  title: string,
  setUp: () => Promise<void>,
  tests: (browser: Pick<ReportBrowser, 'open'>) => void,
): void {
  const available = chromiumAvailable();
  if (!available && !BROWSER_REQUIRED) {
    test.skip(`${title}: ${CHROMIUM_MISSING}`, () => {});
  }
  describe.runIf(available || BROWSER_REQUIRED)(title, { timeout: 120_000 }, () => {
    let launched: ReportBrowser | undefined;
    beforeAll(async () => {
      expect(available, CHROMIUM_MISSING).toBe(true);
      await setUp();
      launched = await launchReportBrowser();
    }, 180_000);
    afterAll(async () => {
      await launched?.close();
    });
    tests({ open: (htmlPath) => launched!.open(htmlPath) });
  });
}
