/** TLS.sig is the HMAC-SHA256 of the signing string under the secret key of the app in the query. */
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

export const usersigHmac: RequestRule = {
  scope: 'request',
  id: 'usersig.hmac',
  title: "The UserSig's HMAC matches the secret key of the app the query names",
  evidence: 'documented-set',
  accepted: false,
  profileRow: 'signing.hmac-mismatch',
  docUrl: profileDoc('signing.hmac-mismatch'),
  check(view) {
    const facts = view.exchange.usersig;
    if (facts === undefined || !facts.decodes || facts.hmac !== 'invalid') return [];
    const whose =
      facts.signedWithKeyOf !== undefined
        ? `it was signed with the key of app ${facts.signedWithKeyOf}`
        : 'it was signed with another key';
    return [
      {
        message: `the UserSig's HMAC does not match the key of app ${facts.sdkappid ?? '?'}: ${whose}; ${refusalOf('signing.hmac-mismatch')}`,
      },
    ];
  },
};
