/**
 * Across requests: at most the operation's call rate (200 calls per second per API and app;
 * get_appid_group_list 1) in any one-second window.
 */
import { getLimit } from '../../contract/index.ts';
import { SlidingWindow } from '../../mock/rate-window.ts';
import { param } from '../request-line.ts';
import { statusOfEvidence, type SequenceRule, type SequenceViolation } from './rule.ts';

const limit = getLimit('api.calls.perSecond');

export const rateApiCalls: SequenceRule = {
  scope: 'sequence',
  id: 'rate.api-calls',
  title: "At most the operation's calls per second per app (200; get_appid_group_list 1)",
  evidence: limit.exceeded?.status ?? 'documented-set',
  accepted: false,
  docUrl: limit.exceeded?.docUrls[0] ?? limit.docUrls[0] ?? '',
  check(views) {
    const windows = new Map<string, SlidingWindow>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      const rate = view.operation?.['x-tim-call-rate'];
      if (!rate) return;
      const key = `${param(view.line, 'sdkappid') ?? ''}\u0000${view.operationLabel}`;
      let window = windows.get(key);
      if (!window) windows.set(key, (window = new SlidingWindow(rate.perSecond)));
      if (window.tryAdmit(view.exchange.t * 1000)) return;
      const exceeded = getLimit(rate.limitId).exceeded;
      out.push({
        index,
        message: `more than ${rate.perSecond} calls of ${view.operationLabel} within one second; would be refused with ${exceeded?.code ?? '?'}`,
        status: statusOfEvidence(rate.status),
      });
    });
    return out;
  },
};
