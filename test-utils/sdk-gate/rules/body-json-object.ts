/**
 * The body is a JSON object, never empty (REST overview: the body is JSON and must not be empty;
 * send {} when an API needs no fields).
 */
import { profileDoc, refusalOf, REST_OVERVIEW_ROW, type RequestRule } from './rule.ts';

export const bodyJsonObject: RequestRule = {
  scope: 'request',
  id: 'body.json-object',
  title: 'The body is a JSON object, never empty ({} when no field is needed)',
  evidence: 'documented',
  accepted: false,
  profileRow: 'transport.body-not-json',
  docUrl: profileDoc(REST_OVERVIEW_ROW),
  check(view) {
    const refused = refusalOf('transport.body-not-json');
    if (view.jsonError === 'empty')
      return [{ message: `the body is empty (send {} when no field is needed); ${refused}` }];
    if (view.jsonError !== undefined) return [{ message: `the body is not JSON (${view.jsonError}); ${refused}` }];
    const json = view.json;
    if (typeof json === 'object' && json !== null && !Array.isArray(json)) return [];
    return [
      {
        message: `the body is JSON ${Array.isArray(json) ? 'array' : json === null ? 'null' : typeof json}, not an object; ${refused}`,
      },
    ];
  },
};
