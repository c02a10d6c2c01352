/**
 * The UserSig has not expired when the request arrives: expired when now > TLS.time + TLS.expire
 * (the official verifiers), now in whole seconds like the server's clock. Judged at the recorded
 * arrival time, so an old recording is judged as it was live.
 */
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

/** Unix second after which the sig is expired, or undefined when the facts do not say. */
export function expiresAfter(facts: { time?: number; expire?: number } | undefined): number | undefined {
  return facts?.time === undefined || facts.expire === undefined ? undefined : facts.time + facts.expire;
}

export function isExpiredAt(facts: { time?: number; expire?: number } | undefined, t: number): boolean {
  const after = expiresAfter(facts);
  return after !== undefined && Math.floor(t) > after;
}

export const usersigNotExpired: RequestRule = {
  scope: 'request',
  id: 'usersig.not-expired',
  title: 'The UserSig has not expired when the request is sent (t ≤ TLS.time + TLS.expire)',
  evidence: 'documented',
  accepted: false,
  profileRow: 'signing.expired',
  docUrl: profileDoc('signing.expired'),
  check(view) {
    const facts = view.exchange.usersig;
    if (!isExpiredAt(facts, view.exchange.t)) return [];
    const late = Math.floor(view.exchange.t) - (expiresAfter(facts) as number);
    return [
      {
        message: `the UserSig (TLS.time ${facts?.time}, TLS.expire ${facts?.expire} s) expired ${late} s before this request; ${refusalOf('signing.expired')}`,
      },
    ];
  },
};
