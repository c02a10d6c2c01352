// The escaping helpers every report value goes through.
import { registerSecretKey } from '../../test-utils/client/redact.ts';
import { describe, expect, test } from 'vitest';
import {
  escapeHtml,
  escapeMarkdownText,
  isSafeLink,
  markdownCode,
  markdownCodeBlock,
  markdownLink,
  reportText,
} from '../../test-utils/report/escape.ts';
import { HOSTILE } from './sample-results.ts';
import { renderGfm, renderGfmInline } from './gfm.ts';

describe('escapeHtml', () => {
  test('turns every HTML special into an entity', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  test('leaves no tag, quote or raw ampersand in hostile text', () => {
    const out = escapeHtml(HOSTILE.body);
    expect(out).not.toMatch(/[<>"']/);
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
  });
});

describe('links', () => {
  test('only plain http(s) URLs are links', () => {
    expect(isSafeLink('https://www.tencentcloud.com/document/product/1047/44187')).toBe(true);
    expect(isSafeLink('http://127.0.0.1:9/x')).toBe(true);
    for (const url of [
      HOSTILE.docUrl,
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      'https://x.example/"onmouseover="x',
      'https://a b',
      '',
    ]) {
      expect([url, isSafeLink(url)]).toEqual([url, false]);
    }
  });

  test('markdownLink makes an autolink of a safe URL and code of anything else', () => {
    expect(markdownLink('https://x.example/doc')).toBe('<https://x.example/doc>');
    expect(renderGfmInline(markdownLink(HOSTILE.docUrl))).toBe('<code>javascript:alert(document.domain)</code>');
  });
});

describe('Markdown', () => {
  test('running text renders as the same text, with no element made from it', () => {
    const text = `${HOSTILE.body} ${HOSTILE.markdown} $x$ ~~gone~~ _em_ www.example.com https://x.example/ @someone #12 :x:`;
    const html = renderGfmInline(escapeMarkdownText(text));
    expect(html).not.toMatch(/<(script|img|b|a|strong|em|code|del)[\s>]/);
    // The rendered HTML, read back as text, is the input (on one line).
    const decoded = html
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    expect(decoded).toBe(text);
  });

  test('a leading block marker stays text', () => {
    for (const text of ['# heading', '- item', '+ item', '1. item', '2) item', '=== setext']) {
      expect([text, renderGfm(escapeMarkdownText(text)).trim()]).toEqual([text, `<p>${text}</p>`]);
    }
  });

  test('newlines never start a new block', () => {
    expect(renderGfm(escapeMarkdownText('a\n# b\r\n- c\n\n1. d')).trim()).toBe('<p>a # b - c  1. d</p>');
  });

  test('a code span holds any backticks and, in a table, any pipe', () => {
    const text = 'a `b` `` c ``` d';
    expect(renderGfmInline(markdownCode(text))).toBe(`<code>${text.replace(/&/g, '&amp;')}</code>`);
    const table = renderGfm(`| h |\n|---|\n| ${markdownCode('x | y `z`', true)} |`);
    expect(table).toContain('<td><code>x | y `z`</code></td>');
    expect(renderGfmInline(markdownCode('<b>x</b>'))).toBe('<code>&lt;b&gt;x&lt;/b&gt;</code>');
  });

  test('a fenced block cannot be closed by the text inside it', () => {
    const text = 'line\n```\n# not a heading\n````\n<script>x</script>';
    const html = renderGfm(markdownCodeBlock(text, 'text'));
    expect(html).not.toContain('<h1');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
    expect(html.match(/<pre>/g)).toHaveLength(1);
  });
});

describe('reportText', () => {
  test('a secret key known to the process never reaches a report', () => {
    const key = 'report-escape-test-secret-key-0123456789';
    registerSecretKey(key);
    expect(reportText(`{"ErrorInfo":"bad key ${key}"} ${encodeURIComponent(key)}`)).not.toContain(key);
  });

  test('a usersig that slipped through the runner is redacted again', () => {
    const out = reportText(`curl 'http://h/v4/x?usersig=${HOSTILE.usersig}&random=1' and ${HOSTILE.usersig}`);
    expect(out).not.toContain(HOSTILE.usersig);
    expect(out).toContain('usersig=<redacted>&random=1');
  });
});
