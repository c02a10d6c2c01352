/**
 * The five query parameters of every REST call (REST overview: sdkappid, identifier, usersig,
 * random, contenttype; names and values are case-sensitive), each exactly once.
 */
import { profileDoc, refusalOf, REST_OVERVIEW_ROW, type RequestRule, type Violation } from './rule.ts';

/** Each parameter with the profile row that says what the server answers when it is missing. */
const PARAMETERS: Array<{ name: string; missingRow: string; emptyIsMissing: boolean }> = [
  { name: 'sdkappid', missingRow: 'signing.sdkappid-missing', emptyIsMissing: true },
  { name: 'identifier', missingRow: 'signing.identifier-missing', emptyIsMissing: true },
  { name: 'usersig', missingRow: 'signing.usersig-missing', emptyIsMissing: true },
  { name: 'random', missingRow: 'signing.random-or-contenttype-invalid', emptyIsMissing: false },
  { name: 'contenttype', missingRow: 'signing.random-or-contenttype-invalid', emptyIsMissing: false },
];

export const QUERY_PARAMETER_NAMES = PARAMETERS.map((p) => p.name);

function answer(row: string): string {
  return row === 'signing.random-or-contenttype-invalid'
    ? 'the server ignores it (inferred), the format requires it'
    : refusalOf(row);
}

export const queryPresent: RequestRule = {
  scope: 'request',
  id: 'query.parameters-present',
  title: 'sdkappid, identifier, usersig, random and contenttype are each in the query once',
  evidence: 'documented',
  accepted: false,
  profileRow: REST_OVERVIEW_ROW,
  docUrl: profileDoc(REST_OVERVIEW_ROW),
  check(view) {
    const out: Violation[] = [];
    for (const p of PARAMETERS) {
      const values = view.line.params.get(p.name);
      if (values === undefined || (p.emptyIsMissing && values.every((v) => v === ''))) {
        const otherCase = [...view.line.params.keys()].find((k) => k.toLowerCase() === p.name && k !== p.name);
        const hint = otherCase !== undefined ? ` ('${otherCase}' is there: names are case-sensitive)` : '';
        out.push({ message: `query parameter ${p.name} is missing${hint}; ${answer(p.missingRow)}` });
      } else if (values.length > 1) {
        out.push({
          message: `query parameter ${p.name} is given ${values.length} times; which one the server reads is not documented`,
        });
      }
    }
    return out;
  },
};
