/**
 * Across requests: at most attr.writes.perGroupPerSecond attribute writes (modify, set, delete;
 * clear inferred) per group in any one-second window — the same sliding window the mock uses.
 */
import { getLimit } from '../../contract/index.ts';
import { SlidingWindow } from '../../mock/rate-window.ts';
import { param } from '../request-line.ts';
import { statusOfEvidence, type SequenceRule, type SequenceViolation } from './rule.ts';

const limit = getLimit('attr.writes.perGroupPerSecond');

export const rateGroupWrites: SequenceRule = {
  scope: 'sequence',
  id: 'rate.group-attr-writes',
  title: `At most ${limit.max} attribute writes per group per second`,
  evidence: limit.exceeded?.status ?? 'documented',
  accepted: false,
  docUrl: limit.exceeded?.docUrls[0] ?? limit.docUrls[0] ?? '',
  appliesTo: (op) => op?.['x-tim-counts-as-attr-write'] === true,
  check(views) {
    const windows = new Map<string, SlidingWindow>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      const rate = view.operation?.['x-tim-group-write-rate'];
      const groupId = (view.json as { GroupId?: unknown } | undefined)?.GroupId;
      if (!rate || !view.operation?.['x-tim-counts-as-attr-write'] || typeof groupId !== 'string') return;
      const key = `${param(view.line, 'sdkappid') ?? ''}\u0000${groupId}`;
      let window = windows.get(key);
      if (!window) windows.set(key, (window = new SlidingWindow(rate.perSecond)));
      if (window.tryAdmit(view.exchange.t * 1000)) return;
      out.push({
        index,
        message: `more than ${rate.perSecond} attribute writes to group ${groupId} within one second; would be refused with ${limit.exceeded?.code ?? '?'}`,
        status: statusOfEvidence(rate.status),
      });
    });
    return out;
  },
};
