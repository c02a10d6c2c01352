/**
 * Secrets never leave the process in text: every URL, curl line, error message and report field
 * the client produces goes through redact(). Secret keys are also refused in outgoing requests
 * (assertNoSecretKey): the API never needs one on the wire, so one there is a bug in a check.
 */

export const REDACTED = '<redacted>';

/** Shorter values would match ordinary text; config refuses secret keys this short. */
const MIN_SECRET_LENGTH = 8;

const secretKeys = new Set<string>();
const userSigs = new Set<string>();

/** A secret key to redact everywhere and to refuse in outgoing requests. */
export function registerSecretKey(key: string): void {
  if (key.length >= MIN_SECRET_LENGTH) secretKeys.add(key);
}

/** A usersig to redact wherever it appears literally (crafted ones need not look like sigs). */
export function registerUserSig(sig: string): void {
  if (sig.length >= MIN_SECRET_LENGTH) userSigs.add(sig);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function literalForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]);
  return [...forms].filter((f) => f.length > 0);
}

// A usersig as a query parameter, in JSON, or on its own: zlib data in base64 starts with
// 'eJ' (default level), 'eA' (none) or 'eN' (best), in Tencent's alphabet.
const USERSIG_PARAM = /(usersig=)[^&\s'"#]*/gi;
const USERSIG_JSON = /("usersig"\s*:\s*")[^"]*"/gi;
const USERSIG_TOKEN = /\be[AJN][A-Za-z0-9*_-]{40,}/g;

/** Replaces every usersig and every known secret key in `text` with `<redacted>`. */
export function redact(text: string): string {
  let out = text;
  const literals = [...secretKeys, ...userSigs].flatMap(literalForms).sort((a, b) => b.length - a.length);
  for (const literal of literals) out = out.replace(new RegExp(escapeRegExp(literal), 'g'), REDACTED);
  return out
    .replace(USERSIG_PARAM, `$1${REDACTED}`)
    .replace(USERSIG_JSON, `$1${REDACTED}"`)
    .replace(USERSIG_TOKEN, REDACTED);
}

/** A URL with its usersig (and anything secret) replaced; `<redacted>` stays readable, not %-encoded. */
export function redactUrl(url: string): string {
  return redact(url);
}

/** An Error whose message and stack went through redact(), keeping its name and code. */
export function redactError(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(redact(String(error)));
  error.message = redact(error.message);
  if (error.stack) error.stack = redact(error.stack);
  return error;
}

export class SecretInRequestError extends Error {
  readonly where: 'url' | 'body' | 'header';

  constructor(where: 'url' | 'body' | 'header', detail: string) {
    super(
      `refusing to send a request whose ${where}${detail} contains a secret key; the API never needs the key on the wire`,
    );
    this.name = 'SecretInRequestError';
    this.where = where;
  }
}

/** Percent-escapes decoded where they form valid UTF-8; the rest left as they are. */
function percentDecoded(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

const JSON_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** JSON string escapes undone (\uXXXX, \", \\ ...). */
function jsonUnescaped(text: string): string {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|["\\/bfnrt])/g, (_m, esc: string) =>
    esc.length === 5 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : JSON_ESCAPES[esc]!,
  );
}

/**
 * The text and what a server would read out of it after a layer or two of decoding: a value the
 * client escapes once more (a query value, a JSON string) reaches the server in the form the
 * caller gave, so a key given already URL-encoded or JSON-escaped is still a key on the wire.
 */
function decodedViews(text: string): string[] {
  const views = new Set([text]);
  for (let round = 0; round < 2; round++) {
    for (const view of [...views]) {
      views.add(percentDecoded(view));
      views.add(percentDecoded(view.replace(/\+/g, ' ')));
      views.add(jsonUnescaped(view));
    }
  }
  return [...views];
}

function containsSecretKey(text: string): boolean {
  if (secretKeys.size === 0) return false;
  const views = decodedViews(text);
  for (const key of secretKeys)
    for (const form of literalForms(key)) if (views.some((view) => view.includes(form))) return true;
  return false;
}

/** Throws SecretInRequestError when a registered secret key appears in the URL, body or a header. */
export function assertNoSecretKey(request: { url: string; body: string; headers: Record<string, string> }): void {
  if (containsSecretKey(request.url)) throw new SecretInRequestError('url', '');
  if (containsSecretKey(request.body)) throw new SecretInRequestError('body', '');
  for (const [name, value] of Object.entries(request.headers)) {
    if (containsSecretKey(value) || containsSecretKey(name))
      throw new SecretInRequestError('header', ` (${redact(name)})`);
  }
}
