/**
 * Across requests: `random` is a fresh random number per request. A value repeated within one
 * minute suggests a fixed or badly seeded generator; whether the server treats it as a replay is
 * inferred, so the finding is tentative.
 */
import { param } from '../request-line.ts';
import { profileDoc, type SequenceRule, type SequenceViolation } from './rule.ts';

const WINDOW_SECONDS = 60;

export const randomUnique: SequenceRule = {
  scope: 'sequence',
  id: 'query.random-unique',
  title: 'random is not repeated within one minute (one app)',
  evidence: 'inferred',
  accepted: false,
  profileRow: 'signing.random-or-contenttype-invalid',
  docUrl: profileDoc('signing.random-or-contenttype-invalid'),
  check(views) {
    const last = new Map<string, { t: number; seq: number }>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      const random = param(view.line, 'random');
      if (random === undefined || random === '') return;
      const key = `${param(view.line, 'sdkappid') ?? ''}\u0000${random}`;
      const before = last.get(key);
      if (before !== undefined && view.exchange.t - before.t < WINDOW_SECONDS) {
        out.push({ index, message: `random=${random} was already sent ${(view.exchange.t - before.t).toFixed(1)} s earlier (request #${before.seq})` });
      }
      last.set(key, { t: view.exchange.t, seq: view.exchange.seq });
    });
    return out;
  },
};
