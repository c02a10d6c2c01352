// report.md, read through a GFM renderer (marked) the way GitHub shows $GITHUB_STEP_SUMMARY:
// summary counts and lists first, the matrix table, failure details, and no markup from a target.
import { describe, expect, test } from 'vitest';
import {
  MARKDOWN_BLOCK_CHARS,
  MARKDOWN_BUDGET_BYTES,
  renderMarkdownReport,
} from '../../test-utils/report/markdown-report.ts';
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
import { renderGfm } from './gfm.ts';

/** The rendered matrix as rows of cell texts. */
function matrixRows(html: string): string[][] {
  const table = html.slice(html.indexOf('Matrix: operations'));
  const body = table.slice(table.indexOf('<tbody>'), table.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<\/?code>/g, '')),
  );
}

describe('report.md', () => {
  const md = renderMarkdownReport(mixedResults());
  const html = renderGfm(md);

  test('starts with the verdict and a table of counts', () => {
    expect(md.split('\n')[0]).toBe('## tim-conformance: ❌ FAIL');
    expect(html).toMatch(
      /<th align="right">✅ passed<\/th>\s*<th align="right">❌ failed \(gating\)<\/th>\s*<th align="right">⚠️ tentative findings<\/th>\s*<th align="right">⏭️ not run<\/th>/,
    );
    expect(html).toMatch(
      /<td align="right">4<\/td>\s*<td align="right">1<\/td>\s*<td align="right">1<\/td>\s*<td align="right">1<\/td>/,
    );
  });

  test('lists gating failures, tentative findings and not-run checks with their reasons before the matrix', () => {
    const at = (text: string) => md.indexOf(text);
    expect(at('### Gating failures (1)')).toBeGreaterThan(0);
    expect(at('### Tentative findings')).toBeGreaterThan(at('### Gating failures'));
    expect(at('### Not run (1)')).toBeGreaterThan(at('### Tentative findings'));
    expect(at('### Matrix')).toBeGreaterThan(at('### Not run'));
    expect(at('### Failures (2)')).toBeGreaterThan(at('### Matrix'));
    expect(html).toContain('<li><code>delete_group_counter/edition-missing/Public</code>: the target has no basic app');
    expect(html).toContain(
      '<li><code>clear_group_attr/clears-every-key/Public</code>: got ErrorCode 10004, wanted 10010</li>',
    );
  });

  test('the matrix is a GFM table: operation, check, then a column per group type', () => {
    expect(html).toMatch(
      /<th>operation<\/th>\s*<th>check<\/th>\s*<th align="center">no group type<\/th>\s*<th align="center">Private<\/th>\s*<th align="center">Public<\/th>/,
    );
    expect(matrixRows(html)).toEqual([
      ['clear_group_attr', 'clears-every-key', '', '✅', '❌'],
      ['delete_group_counter', 'edition-missing', '', '', '⏭️'],
      ['delete_group_counter', 'empty-keys-deletes-all', '', '', '⚠️'],
      ['get_group_attr', 'fresh-group-ok', '', '✅', '✅'],
      ['get_group_attr', 'unknown-group', '✅', '', ''],
    ]);
  });

  test('each failure has the curl line, the response, the expectation and the document link', () => {
    const details = html.slice(html.indexOf('Failures (2)'));
    expect(details).toMatch(
      /<code class="language-sh">curl -sS -X POST &#39;http:\/\/127\.0\.0\.1:9\/v4\/[^<]*usersig=&lt;redacted&gt;/,
    );
    expect(details).toContain('<code class="language-json">{\n  &quot;ActionStatus&quot;: &quot;FAIL&quot;,');
    expect(details).toContain(
      '<strong>Expected:</strong> an unknown group: ErrorCode 10010 (documented-set: any of 10010, 10015)',
    );
    expect(details).toContain(`<strong>Document:</strong> <a href="${DOC}">${DOC}</a>`);
  });

  test('a passing run has no failure sections', () => {
    const passing = renderMarkdownReport(resultsOf([entry('get_group_attr/a')]));
    expect(passing.split('\n')[0]).toBe('## tim-conformance: ✅ PASS');
    expect(passing).not.toContain('### Failures');
    expect(passing).not.toContain('### Gating failures');
  });
});

describe('report.md from a hostile target', () => {
  const md = renderMarkdownReport(hostileResults());
  const html = renderGfm(md);

  test('renders no element the target wrote and no javascript: link', () => {
    expect(html).not.toMatch(/<(script|img|b|del|details|h1)[\s>]/);
    // The report's own bold labels and italics remain; the target's **bold** does not.
    expect(html).not.toContain('<strong>bold</strong>');
    expect(html).toContain('**bold**');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain('id="tim-injected"');
    // Only the report's own links remain: none to the target's beacon or pixel.
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([]);
    expect(html).toContain('&lt;script&gt;window.__timInjected = 1&lt;/script&gt;');
  });

  test('keeps a usersig the runner missed out of the summary', () => {
    expect(md).not.toContain(HOSTILE.usersig);
    expect(md).toContain('usersig=<redacted>');
  });
});

describe('size for $GITHUB_STEP_SUMMARY (1 MiB per step)', () => {
  test('thousands of large failures stay under the budget; the rest are listed by id', () => {
    const big = 'x'.repeat(50_000);
    const tests = Array.from({ length: 2000 }, (_, i) =>
      failed(
        `get_group_attr/big-${String(i).padStart(4, '0')}`,
        {},
        { ActionStatus: 'FAIL', ErrorCode: 10004, ErrorInfo: big },
      ),
    );
    const md = renderMarkdownReport(resultsOf(tests));
    expect(Buffer.byteLength(md)).toBeLessThan(MARKDOWN_BUDGET_BYTES + 400_000);
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
    expect(md).toContain('more characters in report.html');
    expect(md).toMatch(/\d+ more failure\(s\), shortened/);
    expect(md).toContain('`get_group_attr/big-1999`');
    expect(md).not.toContain('x'.repeat(MARKDOWN_BLOCK_CHARS + 1));
  });
});

test('report.md shows known deviations and unexpected passes of an expectations file', () => {
  const md = renderMarkdownReport(resultsWithExpectations());
  expect(md.split('\n')[0]).toBe('## tim-conformance: ❌ FAIL');
  expect(md).toContain(
    '| ✅ passed | ❌ failed (gating) | ⚠️ tentative findings | ⏭️ not run | ☑️ known deviations | ❗ unexpected passes |',
  );
  expect(md).toContain('| 1 | 0 | 0 | 0 | 1 | 1 |');
  expect(md).toContain('- `set_group_attr/key-past-byte-limit/Public`: sgp answered 10004 until May');
  expect(md).toContain('- `modify_group_attr/key-past-byte-limit/Public`: sgp answers 10004 for a too-long key');
  expect(md).toContain('- `update_group_counter/edition-missing/Public`');
});
