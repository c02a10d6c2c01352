/**
 * Across requests: `random` is a fresh random number per request. A value repeated within one
 * minute suggests a fixed or badly seeded generator; whether the server treats it as a replay is
 * inferred, so the finding is tentative.
 *
 * The two ends of the uint32 range (0 and 4294967295) are what an SDK's tests pin on purpose to
 * show the whole range is accepted (the captured Java session sends both in every round), so a
 * repeat of an end is not taken as a stuck generator while the app's requests in between carried
 * other values; sent twice in a row by one app (a generator stuck at 0, such as
 * `Math.floor(Math.random())`), it is a repeat like any other.
 */
import { param } from '../request-line.ts';
import { profileDoc, type SequenceRule, type SequenceViolation } from './rule.ts';

const WINDOW_SECONDS = 60;
const RANGE_ENDS = new Set(['0', '4294967295']);

export const randomUnique: SequenceRule = {
  scope: 'sequence',
  id: 'query.random-unique',
  title: 'random is not repeated within one minute (one app; 0 and 4294967295 only when sent twice in a row)',
  evidence: 'inferred',
  accepted: false,
  profileRow: 'signing.random-or-contenttype-invalid',
  docUrl: profileDoc('signing.random-or-contenttype-invalid'),
  check(views) {
    const last = new Map<string, { t: number; seq: number }>();
    const previousOfApp = new Map<string, string>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      const random = param(view.line, 'random');
      if (random === undefined || random === '') return;
      const app = param(view.line, 'sdkappid') ?? '';
      const key = `${app}\u0000${random}`;
      const before = last.get(key);
      const deliberateEnd = RANGE_ENDS.has(random) && previousOfApp.get(app) !== random;
      if (before !== undefined && view.exchange.t - before.t < WINDOW_SECONDS && !deliberateEnd) {
        out.push({
          index,
          message: `random=${random} was already sent ${(view.exchange.t - before.t).toFixed(1)} s earlier (request #${before.seq})`,
        });
      }
      last.set(key, { t: view.exchange.t, seq: view.exchange.seq });
      previousOfApp.set(app, random);
    });
    return out;
  },
};
