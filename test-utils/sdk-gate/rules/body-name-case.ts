/**
 * Field names as documented, case included: attributes are `key`/`value`, counters `Key`/`Value`,
 * `GroupId` not `groupId`. A misspelt case is an unknown field to the server, and the documented
 * one is then missing.
 */
import { profileDoc, REST_OVERVIEW_ROW, type RequestRule } from './rule.ts';
import { misnamedProperties } from './schema-walk.ts';

export const bodyNameCase: RequestRule = {
  scope: 'request',
  id: 'body.name-case',
  title: 'Field names are spelt as documented, case included (key/value for attributes, Key/Value for counters)',
  evidence: 'documented',
  accepted: false,
  profileRow: REST_OVERVIEW_ROW,
  docUrl: profileDoc(REST_OVERVIEW_ROW),
  check(view) {
    if (view.operation === undefined || typeof view.json !== 'object' || view.json === null) return [];
    const docUrl = view.operation['x-tim-docs'][0];
    return misnamedProperties(view.operation.requestSchema, view.json).map((m) => ({
      message: `${m.pointer || '(body)'}: field '${m.given}' should be '${m.documented}' (names are case-sensitive)`,
      ...(docUrl ? { docUrl } : {}),
    }));
  },
};
