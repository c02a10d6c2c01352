/** Every REST call is a POST (REST overview: "HTTPS only; method POST only"). */
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

export const methodPost: RequestRule = {
  scope: 'request',
  id: 'request.method-post',
  title: 'The method is POST',
  evidence: 'documented',
  accepted: false,
  profileRow: 'transport.method-not-post',
  docUrl: profileDoc('transport.method-not-post'),
  check(view) {
    if (view.exchange.method.toUpperCase() === 'POST') return [];
    return [
      { message: `method ${view.exchange.method}: only POST is documented; ${refusalOf('transport.method-not-post')}` },
    ];
  },
};
