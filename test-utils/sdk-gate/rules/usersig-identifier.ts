/** TLS.identifier equals the identifier query parameter. */
import { param } from '../request-line.ts';
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

export const usersigIdentifier: RequestRule = {
  scope: 'request',
  id: 'usersig.identifier-matches',
  title: "The UserSig's TLS.identifier equals the identifier parameter",
  evidence: 'documented',
  accepted: false,
  profileRow: 'signing.identifier-mismatch',
  docUrl: profileDoc('signing.identifier-mismatch'),
  check(view) {
    const facts = view.exchange.usersig;
    const identifier = param(view.line, 'identifier');
    if (facts?.identifier === undefined || identifier === undefined || facts.identifier === identifier) return [];
    return [
      {
        message: `the UserSig is for '${facts.identifier}', the query says identifier=${identifier}; ${refusalOf('signing.identifier-mismatch')}`,
      },
    ];
  },
};
