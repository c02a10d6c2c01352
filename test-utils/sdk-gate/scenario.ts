/**
 * Scenarios: scripted answers so that an SDK's own tests can provoke each documented answer
 * ("the next 2 calls of update_group_counter for GroupId g1 answer 10002", "HTTP 502 once",
 * "drop the connection after applying", "delay 3500 ms"). Rules come from `--scenario FILE` and
 * from the control API; each answers the next `times` matching calls, then lapses. The engine
 * turns a rule into the mock's generic answer override; the mock never knows about scenarios.
 */
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { getErrorCode, operationByPath, validateAgainst } from '../contract/index.ts';
import type { MockAnswerOverride, MockIncomingRequest } from '../mock/index.ts';
import type { RecordedExchange } from './exchange.ts';

export const SCENARIO_SCHEMA_FILE = 'sdk-scenario.schema.json';

export interface ScenarioRule {
  id?: string;
  description?: string;
  operation?: string;
  match?: Record<string, string | number | boolean>;
  times?: number;
  answer?: { errorCode: number; errorInfo?: string } | { httpStatus: number; body?: string };
  drop?: 'before-apply' | 'after-apply';
  delayMs?: number;
}

export interface ScenarioFile {
  description?: string;
  rules: ScenarioRule[];
}

/** A scenario that is not valid: the message is one line, for a usage error. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Checks a scenario document against schemas/sdk-scenario.schema.json and known operations. */
export function parseScenario(value: unknown, where: string): ScenarioFile {
  const result = validateAgainst(SCENARIO_SCHEMA_FILE, value);
  if (!result.valid) {
    const first = result.errors[0]!;
    throw new ScenarioError(`${where}: ${first.path || '(top)'} ${first.message}`);
  }
  return value as ScenarioFile;
}

export function loadScenarioFile(path: string): ScenarioFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`--scenario: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ScenarioError(`--scenario: ${path} is not JSON`);
  }
  return parseScenario(value, `--scenario ${path}`);
}

/** What one rule does, in words (for the report and the control API). */
export function describeRule(rule: ScenarioRule): string {
  if (rule.description !== undefined) return rule.description;
  const times = rule.times ?? 1;
  const calls = `the next ${times === 1 ? 'call' : `${times} calls`} of ${rule.operation ?? 'any operation'}`;
  const where =
    rule.match === undefined
      ? ''
      : ` with ${Object.entries(rule.match)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(', ')}`;
  const parts: string[] = [];
  if (rule.answer !== undefined)
    parts.push(
      'errorCode' in rule.answer ? `answer ${rule.answer.errorCode}` : `answer HTTP ${rule.answer.httpStatus}`,
    );
  if (rule.drop !== undefined)
    parts.push(`drop the connection ${rule.drop === 'before-apply' ? 'before' : 'after'} applying`);
  if (rule.delayMs !== undefined) parts.push(`delay ${rule.delayMs} ms`);
  return `${calls}${where}: ${parts.join(', then ')}`;
}

interface ActiveRule {
  id: string;
  rule: ScenarioRule;
  remaining: number;
  /** seq of every exchange it shaped. */
  firedAt: number[];
}

export interface RuleStatus {
  id: string;
  description: string;
  remaining: number;
  fired: number;
}

/** The operationId and parsed body of a request, as far as they can be read. */
function readRequest(request: MockIncomingRequest): {
  operationId: string | undefined;
  body: Record<string, unknown> | undefined;
} {
  const operationId = operationByPath(request.url)?.operationId;
  let body: Record<string, unknown> | undefined;
  if (request.body !== null && request.body.length > 0) {
    try {
      const parsed: unknown = JSON.parse(request.body.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      /* a body that is not JSON matches only rules without `match` */
    }
  }
  return { operationId, body };
}

function overrideOf(rule: ScenarioRule, id: string): MockAnswerOverride {
  const override: MockAnswerOverride = { tag: id };
  if (rule.drop !== undefined) override.drop = rule.drop;
  if (rule.delayMs !== undefined) override.delayMs = rule.delayMs;
  if (rule.answer !== undefined) {
    if ('errorCode' in rule.answer) {
      const info =
        rule.answer.errorInfo ?? getErrorCode(rule.answer.errorCode)?.meaning ?? `error ${rule.answer.errorCode}`;
      override.answer = {
        status: 200,
        body: JSON.stringify({ ActionStatus: 'FAIL', ErrorInfo: info, ErrorCode: rule.answer.errorCode }),
      };
    } else {
      const status = rule.answer.httpStatus;
      override.answer = {
        status,
        body: rule.answer.body ?? STATUS_CODES[status] ?? `HTTP ${status}`,
        contentType: 'text/plain; charset=utf-8',
      };
    }
  }
  return override;
}

export class ScenarioEngine {
  readonly #rules: ActiveRule[] = [];
  #added = 0;

  constructor(initial: readonly ScenarioRule[] = []) {
    this.add(initial);
  }

  /** Appends rules (first added, first matched); returns their ids. */
  add(rules: readonly ScenarioRule[]): string[] {
    const ids: string[] = [];
    for (const rule of rules) {
      this.#added += 1;
      const id = rule.id ?? `rule-${this.#added}`;
      this.#rules.push({ id, rule, remaining: rule.times ?? 1, firedAt: [] });
      ids.push(id);
    }
    return ids;
  }

  /** Lapses every rule that has not used up its calls (they stay in the report). */
  clear(): void {
    for (const active of this.#rules) active.remaining = 0;
  }

  status(): RuleStatus[] {
    return this.#rules.map((a) => ({
      id: a.id,
      description: describeRule(a.rule),
      remaining: a.remaining,
      fired: a.firedAt.length,
    }));
  }

  /** The override for the request numbered `seq`, consuming one call of the first matching rule. */
  overrideFor(request: MockIncomingRequest, seq: number): MockAnswerOverride | undefined {
    if (!this.#rules.some((a) => a.remaining > 0)) return undefined;
    const { operationId, body } = readRequest(request);
    for (const active of this.#rules) {
      if (active.remaining <= 0) continue;
      const { rule } = active;
      if (rule.operation !== undefined && rule.operation !== operationId) continue;
      if (
        rule.match !== undefined &&
        (body === undefined || !Object.entries(rule.match).every(([k, v]) => body[k] === v))
      )
        continue;
      active.remaining -= 1;
      active.firedAt.push(seq);
      return overrideOf(rule, active.id);
    }
    return undefined;
  }

  /** Which rules fired and what the SDK did next, from the recorded exchanges. */
  report(exchanges: readonly RecordedExchange[]): ScenarioReport[] {
    return this.#rules.map((a) => {
      const episodes = episodesOf(a, exchanges);
      return {
        id: a.id,
        description: describeRule(a.rule),
        fired: a.firedAt.length,
        firedAt: [...a.firedAt],
        sdkNext: episodes.length === 0 ? 'never fired' : episodes.map(sayEpisode).join('; '),
        episodes,
      };
    });
  }
}

/** One run of a rule: the call it first shaped and how the SDK went on with the same call. */
export interface ScenarioEpisode {
  /** seq of the first call the rule shaped. */
  seq: number;
  operation: string;
  /** Calls of the same operation (and GroupId) that followed, shaped or not. */
  retries: number;
  /** Pause before each retry, milliseconds from the previous call's arrival. */
  pausesMs: number[];
  /** 'succeeded', 'answered CODE' (the last retry's answer), or 'gave up' (no call after the last shaped one). */
  outcome: string;
}

// A type, not an interface: the report writer takes it as an open record.
export type ScenarioReport = {
  id: string;
  description: string;
  fired: number;
  firedAt: number[];
  /** What the SDK did next, in words, episode by episode. */
  sdkNext: string;
  episodes: ScenarioEpisode[];
};

function sayEpisode(e: ScenarioEpisode): string {
  if (e.retries === 0) return `#${e.seq} ${e.operation}: no retry (${e.outcome})`;
  const pauses = e.pausesMs.map((ms) => `${ms} ms`).join(', ');
  return `#${e.seq} ${e.operation}: retried ${e.retries} time${e.retries === 1 ? '' : 's'} (after ${pauses}), then ${e.outcome}`;
}

/** A later call is a retry of an earlier one when it comes within this long. */
const RETRY_WINDOW_S = 60;

function callKey(exchange: RecordedExchange): string {
  const operationId = operationByPath(exchange.path)?.operationId ?? exchange.path.split('?')[0]!;
  let groupId = '';
  try {
    const body = JSON.parse(exchange.body) as { GroupId?: unknown };
    if (typeof body.GroupId === 'string') groupId = body.GroupId;
  } catch {
    /* no GroupId */
  }
  return `${operationId}\n${groupId}`;
}

function answerCode(exchange: RecordedExchange): number | undefined {
  if (exchange.response === undefined || exchange.response.status !== 200) return undefined;
  try {
    const code = (JSON.parse(exchange.response.body) as { ErrorCode?: unknown }).ErrorCode;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}

function outcomeOf(exchange: RecordedExchange, shaped: boolean): string {
  if (shaped) return 'gave up';
  if (exchange.response === undefined) return 'dropped';
  const code = answerCode(exchange);
  if (code === 0) return 'succeeded';
  return code === undefined ? `answered HTTP ${exchange.response.status}` : `answered ${code}`;
}

function episodesOf(active: ActiveRule, exchanges: readonly RecordedExchange[]): ScenarioEpisode[] {
  const bySeq = new Map(exchanges.map((e) => [e.seq, e]));
  const fired = new Set(active.firedAt);
  const covered = new Set<number>();
  const episodes: ScenarioEpisode[] = [];
  for (const seq of active.firedAt) {
    if (covered.has(seq)) continue;
    const first = bySeq.get(seq);
    if (first === undefined) continue;
    const key = callKey(first);
    const pausesMs: number[] = [];
    let last = first;
    for (const next of exchanges) {
      if (next.seq <= last.seq || callKey(next) !== key) continue;
      if (next.t - last.t > RETRY_WINDOW_S) break;
      pausesMs.push(Math.round((next.t - last.t) * 1000));
      covered.add(next.seq);
      last = next;
      // A call the rule did not shape ends the episode: the SDK got a real answer.
      if (!fired.has(next.seq)) break;
    }
    const shaped = fired.has(last.seq);
    episodes.push({
      seq,
      operation: key.split('\n')[0]!,
      retries: pausesMs.length,
      pausesMs,
      outcome: outcomeOf(last, shaped),
    });
  }
  return episodes;
}
