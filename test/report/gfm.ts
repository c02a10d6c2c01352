// Markdown as GitHub shows it ($GITHUB_STEP_SUMMARY, a PR comment): marked with GFM on, so the
// report tests read the HTML a reader would get, not the Markdown source.
import { Marked } from 'marked';

const gfm = new Marked({ gfm: true });

/** A Markdown document as GitHub renders it. */
export function renderGfm(md: string): string {
  return gfm.parse(md) as string;
}

/** One line of inline Markdown (a table cell, a list item's text) as GitHub renders it. */
export function renderGfmInline(md: string): string {
  return gfm.parseInline(md) as string;
}
