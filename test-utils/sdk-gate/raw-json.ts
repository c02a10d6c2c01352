/**
 * The number literals of a JSON text as written, with the JSON pointer of each. JSON.parse loses
 * what the judge must see: `5.0` and `5e0` become the integer 5, and 9223372036854775807 becomes
 * 9223372036854775808. Called only on text JSON.parse has accepted, so it can stay small.
 */

export interface NumberLiteral {
  /** JSON pointer ('/GroupCounter/0/Value'). */
  pointer: string;
  /** The token exactly as written ('5', '5.0', '1e3', '-9223372036854775808'). */
  raw: string;
}

const INTEGER_LITERAL = /^-?(0|[1-9]\d*)$/;

/** Whether a number token is written as a JSON integer (no fraction, no exponent). */
export function isIntegerLiteral(raw: string): boolean {
  return INTEGER_LITERAL.test(raw);
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function numberLiterals(text: string): NumberLiteral[] {
  const out: NumberLiteral[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  /** An object's members or an array's items, each value at its pointer, through the closing bracket. */
  const container = (pointer: string, close: '}' | ']'): void => {
    i++; // opening bracket
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      ws();
      let token = String(index);
      if (close === '}') {
        token = string();
        ws();
        i++; // colon
      }
      value(`${pointer}/${escapePointer(token)}`);
      ws();
      if (text[i++] === close) return;
    }
  };
  const value = (pointer: string): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      container(pointer, c === '{' ? '}' : ']');
      return;
    }
    if (c === '"') {
      string();
      return;
    }
    const start = i;
    while (i < text.length && /[-+0-9.eEtrufalsn]/.test(text[i] as string)) i++;
    const token = text.slice(start, i);
    if (/^-|^\d/.test(token)) out.push({ pointer, raw: token });
  };
  value('');
  return out;
}

/** The value at a JSON pointer of a parsed document, or undefined. */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let node: unknown = doc;
  for (const part of pointer.slice(1).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A deep copy of `doc` with the value at `pointer` replaced (pointer must exist). */
export function replacedAt(doc: unknown, pointer: string, replacement: unknown): unknown {
  const copy = structuredClone(doc);
  if (pointer === '') return replacement;
  const parts = pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = copy as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts[parts.length - 1] as string] = replacement;
  return copy;
}
