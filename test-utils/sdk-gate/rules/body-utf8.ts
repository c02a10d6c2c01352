/** The body is UTF-8 (JSON exchanged between systems is UTF-8; the documented body is JSON). */
import { profileDoc, refusalOf, REST_OVERVIEW_ROW, type RequestRule } from './rule.ts';

export const bodyUtf8: RequestRule = {
  scope: 'request',
  id: 'body.utf8',
  title: 'The body is valid UTF-8',
  evidence: 'documented',
  accepted: false,
  profileRow: 'transport.body-not-json',
  docUrl: profileDoc(REST_OVERVIEW_ROW),
  check(view) {
    if (view.utf8) return [];
    return [
      {
        message: `the body (${view.bodyBytes.length} bytes) is not valid UTF-8; ${refusalOf('transport.body-not-json')}`,
      },
    ];
  },
};
