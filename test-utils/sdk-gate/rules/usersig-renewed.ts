/**
 * Across requests: a UserSig the SDK used while it was valid and kept using after it expired —
 * the SDK does not renew its UserSig (REST overview: reuse one, but watch its expiry). The same
 * signature is recognised by its facts (identifier, app, TLS.time, TLS.expire), so a redacted
 * recording is judged like a live one.
 */
import { param } from '../request-line.ts';
import { profileDoc, refusalOf, type SequenceRule, type SequenceViolation } from './rule.ts';
import { isExpiredAt } from './usersig-not-expired.ts';

export const usersigRenewed: SequenceRule = {
  scope: 'sequence',
  id: 'usersig.renewed',
  title: 'A UserSig is renewed before it expires, not reused after',
  evidence: 'documented',
  accepted: false,
  profileRow: 'signing.expired',
  docUrl: profileDoc('signing.expired'),
  check(views) {
    const firstValidUse = new Map<string, number>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      const f = view.exchange.usersig;
      if (f?.time === undefined || f.expire === undefined) return;
      const key = [param(view.line, 'sdkappid'), f.identifier, f.sdkappid, f.time, f.expire].join('\u0000');
      if (!isExpiredAt(f, view.exchange.t)) {
        if (!firstValidUse.has(key)) firstValidUse.set(key, view.exchange.seq);
        return;
      }
      const since = firstValidUse.get(key);
      if (since === undefined) return;
      out.push({
        index,
        message: `the UserSig first used at request #${since} was sent again after it expired (TLS.time ${f.time} + TLS.expire ${f.expire} s): the SDK did not renew it; ${refusalOf('signing.expired')}`,
      });
    });
    return out;
  },
};
