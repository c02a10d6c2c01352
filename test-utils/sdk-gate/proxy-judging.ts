/**
 * What the proxy learns from one forwarded exchange once the SDK has its answer: the usersig
 * facts (no secret key: the HMAC stays 'unknown'), the exchange as recorded (usersig redacted),
 * the server findings of the answer and, for the live line, the request rules that one request
 * breaks on its own. It runs in the proxy's judging thread
 * (proxy-judge-worker.ts), never on the forwarding event loop.
 */
import { Buffer } from 'node:buffer';
import { buildExchange } from './cassette.ts';
import type { JudgeApp, JudgeContext, RecordedExchange, UserSigFacts } from './exchange.ts';
import { judgeExchanges } from './judge.ts';
import { param, parseRequestLine } from './request-line.ts';
import type { FindingStatus } from './rules/index.ts';
import { checkServerAnswer, type ServerFinding } from './server-answer.ts';
import { userSigFacts } from './usersig-facts.ts';

/** One exchange as the forwarding loop saw it: raw bytes, usersig still in the path. */
export interface ForwardedExchange {
  seq: number;
  receivedAtMs: number;
  method: string;
  /** Path and query exactly as sent. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  /** Absent when the upstream could not be reached (the SDK was answered 502 by the proxy). */
  response?: { status: number; body: Uint8Array };
}

/** A request rule the exchange breaks on its own (the live line names them). */
export interface LiveRequestFinding {
  rule: string;
  status: FindingStatus;
}

export interface JudgedExchange {
  exchange: RecordedExchange;
  serverFindings: ServerFinding[];
  /** Present when the judging was asked to judge each request alone. */
  requestFindings?: LiveRequestFinding[];
}

/** Distinct UserSigs whose facts are remembered (the oldest is forgotten first). */
const FACTS_CACHE_SIZE = 256;

/**
 * The answer's text as undici's `body.text()` gives it (a leading BOM skipped, invalid UTF-8
 * replaced), so recordings read the same as when the proxy decoded the answer itself.
 */
function answerText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  return buffer.toString('utf8', bom ? 3 : 0);
}

/**
 * Judges forwarded exchanges one by one. `judgeEach`, when given, is the context in which each
 * request is also judged alone (the proxy command's live line).
 */
export function proxyJudging(
  apps: readonly JudgeApp[],
  judgeEach?: JudgeContext,
): (forwarded: ForwardedExchange) => JudgedExchange {
  // An SDK reuses one UserSig for many requests: decode (inflate, parse) each one once.
  const factsCache = new Map<string, UserSigFacts>();
  const factsOf = (path: string): UserSigFacts | undefined => {
    const line = parseRequestLine(path);
    const usersig = param(line, 'usersig');
    if (usersig === undefined) return undefined;
    const key = `${param(line, 'sdkappid') ?? ''}\n${usersig}`;
    let facts = factsCache.get(key);
    if (facts === undefined) {
      facts = userSigFacts(usersig, param(line, 'sdkappid'), apps);
      if (factsCache.size >= FACTS_CACHE_SIZE) factsCache.delete(factsCache.keys().next().value!);
      factsCache.set(key, facts);
    }
    return facts;
  };

  return (forwarded) => {
    const usersig = factsOf(forwarded.path);
    const exchange = buildExchange(
      {
        seq: forwarded.seq,
        t: forwarded.receivedAtMs / 1000,
        method: forwarded.method,
        path: forwarded.path,
        headers: forwarded.headers,
        body: forwarded.body,
        ...(forwarded.response
          ? { response: { status: forwarded.response.status, body: answerText(forwarded.response.body) } }
          : {}),
        ...(usersig ? { usersig } : {}),
      },
      apps,
    );
    return {
      exchange,
      serverFindings: checkServerAnswer(exchange),
      ...(judgeEach
        ? {
            requestFindings: judgeExchanges([exchange], judgeEach).findings.map((f) => ({
              rule: f.rule,
              status: f.status,
            })),
          }
        : {}),
    };
  };
}
