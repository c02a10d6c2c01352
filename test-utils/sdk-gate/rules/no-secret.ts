/**
 * A request never carries the app's secret key (the API only needs the UserSig made with it),
 * and carries the usersig only in its query parameter. The recorder finds either while the
 * request is in memory and keeps only that it did (RecordedExchange.secretsRemoved).
 */
import { profileCase } from '../../contract/index.ts';
import { profileDoc, REST_OVERVIEW_ROW, type RequestRule } from './rule.ts';

/** The page on generating UserSigs (it says the key stays on the server), from the expiry row's documents. */
const USERSIG_PAGE =
  profileCase('signing.expired').expected.docUrls.find((u) => u.includes('/34385')) ?? profileDoc(REST_OVERVIEW_ROW);

export const noSecret: RequestRule = {
  scope: 'request',
  id: 'request.no-secret',
  title: 'No secret key anywhere in the request, the usersig only in its query parameter',
  evidence: 'documented',
  accepted: false,
  docUrl: USERSIG_PAGE,
  check(view) {
    return (view.exchange.secretsRemoved ?? []).map((s) => ({
      message:
        s.what === 'secret-key'
          ? `the request carries the app's secret key in its ${s.where} (it never needs to leave the server that signs UserSigs); the recording keeps <redacted>`
          : `the request repeats its usersig in its ${s.where}; the recording keeps <redacted>`,
    }));
  },
};
