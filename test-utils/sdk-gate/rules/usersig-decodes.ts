/** The UserSig decodes: Tencent's base64 alphabet → zlib → JSON with the TLS.* fields. */
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

export const usersigDecodes: RequestRule = {
  scope: 'request',
  id: 'usersig.decodes',
  title:
    'The UserSig decodes (base64url → zlib → JSON with TLS.identifier, TLS.sdkappid, TLS.time, TLS.expire, TLS.sig)',
  evidence: 'documented-set',
  accepted: false,
  profileRow: 'signing.usersig-malformed',
  docUrl: profileDoc('signing.usersig-malformed'),
  check(view) {
    const facts = view.exchange.usersig;
    // An empty usersig is query.parameters-present's finding.
    if (facts === undefined || facts.decodes || facts.decodeError === 'empty') return [];
    return [
      {
        message: `the UserSig does not decode: ${facts.decodeError ?? 'malformed'}; ${refusalOf('signing.usersig-malformed')}`,
      },
    ];
  },
};
