// report.html as text: summary counts and lists, the matrix cells, the failure details, and
// that nothing a target answered becomes markup. (report-browser.test.ts reads it in chromium.)
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderHtmlReport, writeHumanReports } from '../../test-utils/report/index.ts';
import {
  DOC,
  entry,
  failed,
  HOSTILE,
  hostileResults,
  mixedResults,
  resultsOf,
  resultsWithExpectations,
} from './sample-results.ts';

function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start, `section ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

function cell(html: string, id: string): string {
  const match = html.match(
    new RegExp(`<td class="cell [^"]*" data-status="([^"]*)" data-id="${id.replace(/[/.]/g, '\\$&')}"`),
  );
  return match?.[1] ?? 'missing';
}

describe('report.html', () => {
  const html = renderHtmlReport(mixedResults());

  test('is one self-contained page: inline style, no script, nothing loaded from elsewhere', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });

  test('puts the summary first, then the matrix, then the failures', () => {
    const order = ['<section id="summary">', '<section id="matrix-section">', '<section id="failures">'].map((s) =>
      html.indexOf(s),
    );
    expect(order.every((i) => i > -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('the summary counts each outcome and lists gating failures, tentative findings and not-run checks with reasons', () => {
    const summary = section(html, 'summary');
    expect(summary).toContain('<td data-count="passed">4</td>');
    expect(summary).toContain('<td data-count="failed">1</td>');
    expect(summary).toContain('<td data-count="tentative">1</td>');
    expect(summary).toContain('<td data-count="not-run">1</td>');
    expect(summary).toMatch(
      /Gating failures \(1\)[\s\S]*clear_group_attr\/clears-every-key\/Public[\s\S]*got ErrorCode 10004, wanted 10010/,
    );
    expect(summary).toMatch(
      /Tentative findings[^(]*\([^)]*\) \(1\)[\s\S]*delete_group_counter\/empty-keys-deletes-all\/Public/,
    );
    expect(summary).toMatch(
      /Not run \(1\)[\s\S]*delete_group_counter\/edition-missing\/Public<\/code>: the target has no basic app/,
    );
    expect(html).toContain('id="verdict">FAIL<');
  });

  test('the matrix has a row per check and a column per group type, with each outcome in its cell', () => {
    const matrix = section(html, 'matrix-section');
    expect(matrix).toMatch(
      /<th scope="col">no group type<\/th><th scope="col">Private<\/th><th scope="col">Public<\/th>/,
    );
    expect(cell(matrix, 'get_group_attr/fresh-group-ok/Public')).toBe('passed');
    expect(cell(matrix, 'get_group_attr/unknown-group')).toBe('passed');
    expect(cell(matrix, 'clear_group_attr/clears-every-key/Public')).toBe('failed');
    expect(cell(matrix, 'clear_group_attr/clears-every-key/Private')).toBe('passed');
    expect(cell(matrix, 'delete_group_counter/empty-keys-deletes-all/Public')).toBe('tentative');
    expect(cell(matrix, 'delete_group_counter/edition-missing/Public')).toBe('not-run');
    // The failed cell links to its details.
    expect(matrix).toMatch(/data-id="clear_group_attr\/clears-every-key\/Public"><a href="#failure-1">FAIL<\/a>/);
    expect(matrix.match(/<tr class="operation">/g)).toHaveLength(3);
  });

  test('each failure shows the request as curl, the response, the expectation and the document', () => {
    const failures = section(html, 'failures');
    const first = failures.slice(failures.indexOf('id="failure-1"'), failures.indexOf('</article>'));
    expect(first).toContain('clear_group_attr/clears-every-key/Public');
    expect(first).toMatch(
      /<pre class="curl">curl -sS -X POST &#39;http:\/\/127\.0\.0\.1:9\/v4\/[^<]*usersig=&lt;redacted&gt;/,
    );
    expect(first).toContain(
      '<pre class="response">{\n  &quot;ActionStatus&quot;: &quot;FAIL&quot;,\n  &quot;ErrorCode&quot;: 10004,',
    );
    expect(first).toContain(
      '<dd class="expected">an unknown group: ErrorCode 10010 (documented-set: any of 10010, 10015)</dd>',
    );
    expect(first).toContain(`<a href="${DOC}" rel="noopener noreferrer">${DOC}</a>`);
    expect(first).toContain('tim-conformance run --seed 7 --grep &#39;clear_group_attr/clears-every-key/Public&#39;');
    expect(failures).toContain('id="failure-2"');
    expect(failures).not.toContain('id="failure-3"');
  });

  test('a passing run says so and has no failure details', () => {
    const passing = renderHtmlReport(resultsOf([entry('get_group_attr/a'), entry('get_group_attr/b/Public')]));
    expect(passing).toContain('id="verdict">PASS<');
    expect(section(passing, 'failures')).toContain('None.');
  });

  test('a failure without a request or a JSON response says so instead of showing empty blocks', () => {
    const page = renderHtmlReport(
      resultsOf([
        failed('get_group_attr/no-request', {
          failure: {
            curl: '',
            response: 'upstream said <b>502</b>',
            expected: 'an envelope',
            message: 'get_group_attr/no-request: not JSON',
          },
        }),
      ]),
    );
    expect(page).toContain('(no request was sent)');
    expect(page).toContain('<pre class="response">upstream said &lt;b&gt;502&lt;/b&gt;</pre>');
  });
});

describe('a hostile target', () => {
  const html = renderHtmlReport(hostileResults());

  test('cannot inject markup through a response, a message, a title or a reason', () => {
    expect(html).not.toContain('<script>window');
    expect(html).not.toContain('<img src=');
    expect(html).not.toContain('<b id="tim-injected">');
    expect(html).not.toContain('</pre></code></td></table>');
    expect(html).toContain('&lt;script&gt;window.__timInjected = 1&lt;/script&gt;');
    // Every tag left in the page is one of the report's own.
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].sort()).toEqual(
      [
        'a',
        'article',
        'body',
        'code',
        'dd',
        'dl',
        'dt',
        'h1',
        'h2',
        'h3',
        'head',
        'header',
        'html',
        'li',
        'meta',
        'p',
        'pre',
        'section',
        'span',
        'strong',
        'style',
        'table',
        'tbody',
        'td',
        'th',
        'thead',
        'title',
        'tr',
        'ul',
      ].filter((t) => tags.has(t)),
    );
    expect(tags.has('script') || tags.has('img') || tags.has('b')).toBe(false);
  });

  test('never links a javascript: document URL', () => {
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain(`<code>${HOSTILE.docUrl}</code>`);
  });

  test('a usersig the runner missed is redacted in the report', () => {
    expect(html).not.toContain(HOSTILE.usersig);
    expect(html).toContain('usersig=&lt;redacted&gt;');
  });
});

test('writeHumanReports writes report.html and report.md and returns their paths', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'timc-report-')), 'nested');
  const paths = writeHumanReports(mixedResults(), dir);
  expect(paths).toEqual([join(dir, 'report.html'), join(dir, 'report.md')]);
  for (const path of paths) expect(existsSync(path)).toBe(true);
  expect(readFileSync(paths[0]!, 'utf8')).toContain('clear_group_attr/clears-every-key/Public');
});

describe('a run with an expectations file', () => {
  const html = renderHtmlReport(resultsWithExpectations());

  test('counts known deviations and unexpected passes apart, and fails on the unexpected pass', () => {
    expect(html).toContain('id="verdict">FAIL<');
    expect(html).toContain('<td data-count="passed">1</td>');
    expect(html).toContain('<td data-count="failed">0</td>');
    expect(html).toContain('<td data-count="expected-failure">1</td>');
    expect(html).toContain('<td data-count="unexpected-pass">1</td>');
    expect(html).toContain('expectations expectations/sgp.json');
  });

  test('lists each with the reason the file gives, and the listed check that did not run', () => {
    const summary = section(html, 'summary');
    expect(summary).toMatch(
      /Unexpected passes[^<]*\(1\)[\s\S]*set_group_attr\/key-past-byte-limit\/Public<\/code><\/a>: listed as “sgp answered 10004 until May” but passed/,
    );
    expect(summary).toMatch(
      /Known deviations[^<]*\(1\)[\s\S]*modify_group_attr\/key-past-byte-limit\/Public<\/code><\/a>: sgp answers 10004 for a too-long key/,
    );
    expect(summary).toMatch(
      /Listed in the expectations file but not run to a verdict \(1\)[\s\S]*update_group_counter\/edition-missing\/Public/,
    );
    expect(cell(html, 'modify_group_attr/key-past-byte-limit/Public')).toBe('expected-failure');
    expect(cell(html, 'set_group_attr/key-past-byte-limit/Public')).toBe('unexpected-pass');
  });

  test('the unexpected pass says what to do instead of showing an empty request and response', () => {
    const failures = section(html, 'failures');
    const article = failures.slice(failures.indexOf('data-id="set_group_attr/key-past-byte-limit/Public"'));
    expect(article.slice(0, article.indexOf('</article>'))).toMatch(
      /but it passed[^<]*update the file \(--update-expectations\)/,
    );
    expect(article.slice(0, article.indexOf('</article>'))).not.toContain('no request was sent');
  });
});
