/**
 * Escaping for the human reports. Everything in results.json may carry text the target chose
 * (a response body, an ErrorInfo, a group id echoed back), so every value goes through one of
 * these before it reaches HTML or Markdown; nothing is interpolated raw.
 */
import { redact } from '../client/redact.ts';

/** Text for an HTML element body or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A link target only when it is a plain http(s) URL: `javascript:` and friends stay text. */
export function isSafeLink(url: string): boolean {
  return /^https?:\/\/[^\s<>"'`]+$/i.test(url);
}

// Characters GitHub-flavoured Markdown reads as inline syntax anywhere in running text: code,
// emphasis, strikethrough, links and images, table pipes, math, backslash escapes, and what
// GitHub turns into links or pictures by itself (http://, www., @mention, #123, :emoji:).
const MARKDOWN_INLINE = /[\\`*_[\]|~$:@#]|(?<=\bwww)\./gi;
// Syntax only at the start of a line: headings, list items, block quotes, setext underlines.
const MARKDOWN_LINE_START = /^(\s*)([+=-]|\d+(?=[.)]))/;

/**
 * Text for Markdown running text or a table cell: one line, HTML specials as entities (GitHub
 * renders inline HTML), inline Markdown syntax backslash-escaped, a leading block marker too.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_INLINE, '\\$&')
    .replace(MARKDOWN_LINE_START, (_, space: string, marker: string) =>
      /\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
    );
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * An inline code span that no backtick in `text` can close. In a table cell a `|` would end the
 * cell even inside code, so `inTable` escapes it (GitHub unescapes `\|` inside code in tables).
 */
export function markdownCode(text: string, inTable = false): string {
  let body = text.replace(/\r?\n|\r/g, ' ');
  if (inTable) body = body.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestBacktickRun(body) + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function markdownCodeBlock(text: string, language = ''): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}

/** A Markdown link for a safe URL, otherwise the URL as code (never a clickable `javascript:`). */
export function markdownLink(url: string, inTable = false): string {
  if (url === '') return '';
  return isSafeLink(url) ? `<${url}>` : markdownCode(url, inTable);
}

/**
 * Report text from results.json. The runner already redacted usersigs and secret keys; this
 * applies the same redaction again so that a report can never be the place a secret leaks from.
 */
export function reportText(text: string): string {
  return redact(text);
}
