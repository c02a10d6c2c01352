/** TLS.sdkappid equals the sdkappid query parameter. */
import { param } from '../request-line.ts';
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

export const usersigSdkappid: RequestRule = {
  scope: 'request',
  id: 'usersig.sdkappid-matches',
  title: "The UserSig's TLS.sdkappid equals the sdkappid parameter",
  evidence: 'documented',
  accepted: false,
  profileRow: 'signing.sdkappid-mismatch',
  docUrl: profileDoc('signing.sdkappid-mismatch'),
  check(view) {
    const facts = view.exchange.usersig;
    const sdkappid = param(view.line, 'sdkappid');
    if (facts?.sdkappid === undefined || sdkappid === undefined || sdkappid === '') return [];
    // Compared as numbers written in decimal: a leading zero in the query is still the same app.
    if (/^\d+$/.test(sdkappid) && BigInt(sdkappid) === BigInt(facts.sdkappid)) return [];
    return [
      {
        message: `the UserSig is for app ${facts.sdkappid}, the query says sdkappid=${sdkappid}; ${refusalOf('signing.sdkappid-mismatch')}`,
      },
    ];
  },
};
