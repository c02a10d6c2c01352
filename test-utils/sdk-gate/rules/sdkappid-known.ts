/**
 * The sdkappid names an app the server knows. Only judged when the judge knows every app of the
 * server (the mock); a proxy in front of a real server cannot tell.
 */
import { param } from '../request-line.ts';
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

export const sdkappidKnown: RequestRule = {
  scope: 'request',
  id: 'sdkappid.known-app',
  title: 'The sdkappid is an app of the server (its region)',
  evidence: 'documented-set',
  accepted: false,
  profileRow: 'signing.sdkappid-unknown',
  docUrl: profileDoc('signing.sdkappid-unknown'),
  check(view, context) {
    const sdkappid = param(view.line, 'sdkappid');
    if (context.appsComplete === false || sdkappid === undefined || !/^\d+$/.test(sdkappid)) return [];
    if (context.apps.some((a) => BigInt(a.sdkappid) === BigInt(sdkappid))) return [];
    return [{ message: `sdkappid ${sdkappid} is not an app of this server; ${refusalOf('signing.sdkappid-unknown')}` }];
  },
};
