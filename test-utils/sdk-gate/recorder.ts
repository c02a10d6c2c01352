/**
 * The mock's exchange hook for sdk-gate: numbers every request, lets the scenario engine shape
 * its answer, and records it as a RecordedExchange — usersig facts worked out in flight, the
 * usersig itself redacted from the path before it is stored.
 */
import type { MockExchangeHook, MockExchangeOutcome, MockIncomingRequest } from '../mock/index.ts';
import { buildExchange } from './cassette.ts';
import type { JudgeApp, RecordedExchange } from './exchange.ts';
import type { ScenarioEngine } from './scenario.ts';

export interface ExchangeRecorder {
  hook: MockExchangeHook;
  /** In order of arrival (complete once their answers are sent). */
  exchanges: RecordedExchange[];
}

/** Builds one exchange from what the mock saw (usersig facts learnt, then the usersig redacted). */
export function toRecordedExchange(
  seq: number,
  request: MockIncomingRequest,
  outcome: MockExchangeOutcome,
  apps: readonly JudgeApp[],
): RecordedExchange {
  const scenarioRule = outcome.override?.tag;
  const connection =
    outcome.dropped !== undefined || scenarioRule !== undefined
      ? {
          ...(outcome.dropped !== undefined ? { dropped: outcome.dropped } : {}),
          ...(scenarioRule !== undefined ? { scenarioRule } : {}),
        }
      : undefined;
  return buildExchange(
    {
      seq,
      t: request.receivedAtMs / 1000,
      method: request.method,
      path: request.url,
      headers: request.headers as Record<string, string | string[] | undefined>,
      body: request.body ?? new Uint8Array(),
      ...(outcome.response !== undefined ? { response: outcome.response } : {}),
      ...(connection !== undefined ? { connection } : {}),
    },
    apps,
  );
}

export function createExchangeRecorder(apps: readonly JudgeApp[], scenarios: ScenarioEngine): ExchangeRecorder {
  const exchanges: RecordedExchange[] = [];
  const seqOf = new WeakMap<MockIncomingRequest, number>();
  let next = 0;
  const hook: MockExchangeHook = {
    override(request) {
      next += 1;
      seqOf.set(request, next);
      return scenarios.overrideFor(request, next);
    },
    observe(request, outcome) {
      const seq = seqOf.get(request) ?? 0;
      const exchange = toRecordedExchange(seq, request, outcome, apps);
      // Answers may finish out of order (a delayed one); keep the list in order of arrival.
      let at = exchanges.length;
      while (at > 0 && exchanges[at - 1]!.seq > seq) at -= 1;
      exchanges.splice(at, 0, exchange);
    },
  };
  return { hook, exchanges };
}
