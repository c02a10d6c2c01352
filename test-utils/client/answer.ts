/**
 * Reading and parsing one answer, within bounds a hostile or broken server cannot push the
 * runner past. The API's answers are small (the largest, a page of get_appid_group_list, is a few
 * tens of KiB), so an answer is read up to MAX_ANSWER_BYTES (1 MiB) and anything larger is a
 * failure that names its size, not a heap exhaustion; and an answer nested deeper than
 * MAX_ANSWER_DEPTH is a failure that says so, not a "Maximum call stack size exceeded" later in
 * schema validation or reporting. Neither bound can be reached by a conforming server.
 */
import type { Dispatcher } from 'undici';

/** Largest answer read in full: 1 MiB. */
export const MAX_ANSWER_BYTES = 1024 * 1024;
/** Deepest JSON nesting parsed (the documented bodies nest four or five levels). */
export const MAX_ANSWER_DEPTH = 64;
/** How much of a refused answer is kept as rawText, for the report. */
export const REFUSED_ANSWER_PREVIEW_BYTES = 2048;

export interface ReadAnswer {
  rawText: string;
  /** Why the answer was not read whole (over the cap); absent when it was. */
  problem?: string;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1)} MiB`;
}

/**
 * Reads the body up to maxBytes. A Content-Length above the cap is refused before reading; a
 * body that grows past it is cut off there (the stream is destroyed, so the connection closes
 * and the rest is never buffered).
 */
export async function readAnswer(
  body: Dispatcher.ResponseData['body'],
  headers: Dispatcher.ResponseData['headers'],
  maxBytes = MAX_ANSWER_BYTES,
): Promise<ReadAnswer> {
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    body.destroy();
    return {
      rawText: '',
      problem: `the answer is ${declared} bytes (Content-Length, ${mib(declared)}), over the ${mib(maxBytes)} the runner reads; the API's answers are small`,
    };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      body.destroy();
      const preview = Buffer.concat(chunks).subarray(0, REFUSED_ANSWER_PREVIEW_BYTES).toString('utf8');
      return {
        rawText: preview,
        problem: `the answer grew past the ${mib(maxBytes)} the runner reads (over ${maxBytes} bytes); the API's answers are small`,
      };
    }
    chunks.push(buffer);
  }
  return { rawText: Buffer.concat(chunks).toString('utf8') };
}

/** The deepest nesting of arrays and objects in JSON text, stopping once it passes `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export interface ParsedAnswer {
  /** The parsed JSON, or undefined when the text is not JSON or is refused. */
  body: unknown;
  problem?: string;
}

/** JSON.parse behind the depth guard; text that is not JSON gives an undefined body. */
export function parseAnswer(text: string, maxDepth = MAX_ANSWER_DEPTH): ParsedAnswer {
  if (jsonDepth(text, maxDepth) > maxDepth) {
    return {
      body: undefined,
      problem: `the answer is JSON nested deeper than ${maxDepth} levels; the API's answers nest a few levels`,
    };
  }
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: undefined };
  }
}
