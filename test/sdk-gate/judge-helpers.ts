// Test helper: recorded exchanges as an SDK would send them to the reference mock's default apps,
// correct unless a test breaks one part, and the findings the judge gives them.
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../../test-utils/mock/default-apps.ts';
import { buildExchange, type RawExchange } from '../../test-utils/sdk-gate/cassette.ts';
import type { RecordedExchange } from '../../test-utils/sdk-gate/exchange.ts';
import { judgeExchanges, type SdkFinding } from '../../test-utils/sdk-gate/judge.ts';
import { mockJudgeContext } from '../../test-utils/sdk-gate/mock-context.ts';
import { getOperation } from '../../test-utils/contract/index.ts';
import { signUserSig } from '../../test-utils/signing/index.ts';

export const FULL = DEFAULT_FULL_APP;
export const BASIC = DEFAULT_BASIC_APP;
export const CONTEXT = mockJudgeContext();
/** A fixed arrival time: 2026-11-29, as in the captured traffic. */
export const T0 = 1_795_995_900;

/** Text a hostile SDK or server could put in a request: must stay text in every report. */
export const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>`|*_[x](javascript:alert(3))';

let nextSeq = 1;
let nextRandom = 1_000_000;

export interface ExchangeOptions {
  operation?: string;
  /** Replaces the operation's path (query still added unless `rawPath`). */
  pathname?: string;
  /** The whole path and query as sent. */
  rawPath?: string;
  /** Query parameters; undefined removes one. Default: the five, signed for FULL's admin. */
  query?: Record<string, string | undefined>;
  usersig?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  method?: string;
  t?: number;
  seq?: number;
  response?: RawExchange['response'];
  connection?: RawExchange['connection'];
}

export function queryString(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

export function sigFor(app = FULL, identifier = app.admin, nowSeconds = T0 - 10, expireSeconds = 86_400): string {
  return signUserSig(app, { identifier, nowSeconds, expireSeconds });
}

export function exchange(options: ExchangeOptions = {}): RecordedExchange {
  const op = getOperation(options.operation ?? 'get_group_attr');
  const query = {
    sdkappid: String(FULL.sdkappid),
    identifier: FULL.admin,
    usersig: options.usersig ?? sigFor(),
    random: String(nextRandom++),
    contenttype: 'json',
    ...options.query,
  };
  const path = options.rawPath ?? `${options.pathname ?? op.path}?${queryString(query)}`;
  const raw: RawExchange = {
    seq: options.seq ?? nextSeq++,
    t: options.t ?? T0,
    method: options.method ?? 'POST',
    path,
    headers: options.headers ?? { 'Content-Type': 'application/json' },
    body: options.body ?? '{"GroupId":"@TGS#2AAAAAAA1"}',
    ...(options.response
      ? { response: options.response }
      : { response: { status: 200, body: '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}' } }),
    ...(options.connection ? { connection: options.connection } : {}),
  };
  return buildExchange(raw, CONTEXT.apps);
}

export function findings(exchanges: RecordedExchange[], context = CONTEXT): SdkFinding[] {
  return judgeExchanges(exchanges, context).findings;
}

/** The findings of one rule. */
export function ruleFindings(rule: string, exchanges: RecordedExchange[], context = CONTEXT): SdkFinding[] {
  return findings(exchanges, context).filter((f) => f.rule === rule);
}
