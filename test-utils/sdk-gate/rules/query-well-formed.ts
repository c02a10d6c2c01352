/**
 * The values of the query parameters: sdkappid a decimal app id, random a 32-bit unsigned integer
 * (0..4294967295: the whole range, not only up to 2^31-1), contenttype exactly `json`.
 */
import { profileDoc, REST_OVERVIEW_ROW, type RequestRule, type Violation } from './rule.ts';
import { param } from '../request-line.ts';

const UINT32_MAX = 4294967295n;
const DECIMAL = /^\d+$/;

export const queryWellFormed: RequestRule = {
  scope: 'request',
  id: 'query.parameters-well-formed',
  title: 'sdkappid is decimal, random is a uint32 (0..4294967295), contenttype is json',
  evidence: 'documented',
  accepted: false,
  profileRow: 'signing.random-above-2-31',
  docUrl: profileDoc(REST_OVERVIEW_ROW),
  check(view) {
    const out: Violation[] = [];
    const sdkappid = param(view.line, 'sdkappid');
    if (sdkappid !== undefined && sdkappid !== '' && !DECIMAL.test(sdkappid)) {
      out.push({ message: `sdkappid '${sdkappid}' is not a decimal app id` });
    }
    const random = param(view.line, 'random');
    if (random !== undefined && (!DECIMAL.test(random) || BigInt(random) > UINT32_MAX)) {
      out.push({ message: `random '${random}' is not a 32-bit unsigned integer (0..4294967295)` });
    }
    const contenttype = param(view.line, 'contenttype');
    if (contenttype !== undefined && contenttype !== 'json') {
      out.push({
        message: `contenttype '${contenttype}': the only documented value is json (values are case-sensitive)`,
      });
    }
    return out;
  },
};
