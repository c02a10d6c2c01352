/**
 * The path and query of a recorded request, read the way the rules need them: every occurrence
 * of each parameter (a repeated `random` is a finding, not something to pick from), values
 * percent-decoded, and the usersig replaced by a marker before anything is written or shown.
 */
import { REDACTED } from '../client/redact.ts';

export { REDACTED };

export interface RequestLine {
  /** The path without the query ('/v4/group_open_http_svc/get_group_counter'). */
  pathname: string;
  /** Each parameter name (case kept: names are case-sensitive) with every value, in order. */
  params: Map<string, string[]>;
}

/** Query decoding as servers do it (application/x-www-form-urlencoded): '+' is a space. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function parseRequestLine(path: string): RequestLine {
  const q = path.indexOf('?');
  const pathname = q === -1 ? path : path.slice(0, q);
  const params = new Map<string, string[]>();
  if (q !== -1) {
    for (const part of path.slice(q + 1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = decode(eq === -1 ? part : part.slice(0, eq));
      const value = eq === -1 ? '' : decode(part.slice(eq + 1));
      const list = params.get(name) ?? [];
      list.push(value);
      params.set(name, list);
    }
  }
  return { pathname, params };
}

/** The single value of a parameter, or undefined when absent (the first one when repeated). */
export function param(line: RequestLine, name: string): string | undefined {
  return line.params.get(name)?.[0];
}

/** The path with every `usersig` value (any case of the name) replaced by `<redacted>`. */
export function redactPath(path: string): string {
  return path.replace(/([?&]usersig=)[^&#]*/gi, `$1${REDACTED}`);
}

/** Whether the path's usersig is the redaction marker (a file: judge by the recorded facts). */
export function isRedactedUserSig(value: string | undefined): boolean {
  return value === REDACTED;
}

/** The query as name → value (repeats joined by ','), usersig redacted: what a finding shows. */
export function redactedQuery(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of parseRequestLine(path).params) {
    out[name] = name.toLowerCase() === 'usersig' ? REDACTED : values.join(',');
  }
  return out;
}
