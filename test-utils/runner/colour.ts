/**
 * Colours for a person at a terminal, never in a pipe or a file: FORCE_COLOR (not '0') turns them
 * on, NO_COLOR (any non-empty value, https://no-color.org) turns them off, and otherwise they
 * follow whether the stream is a terminal (and TERM is not 'dumb'). The escapes come from
 * node:util styleText (Node 20.12+), asked not to second-guess the decision made here.
 */
import { styleText } from 'node:util';

export type Style = 'red' | 'green' | 'yellow' | 'cyan' | 'bold' | 'dim';
export type Paint = (style: Style, text: string) => string;

export function colourEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if ((env['NO_COLOR'] ?? '') !== '') return false;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

export const plain: Paint = (_style, text) => text;

export function paintFor(enabled: boolean): Paint {
  if (!enabled) return plain;
  return (style, text) => styleText(style, text, { validateStream: false } as never);
}
