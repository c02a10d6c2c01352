/**
 * modify/set/delete_group_attr with an empty GroupAttr list: the operations' `empty-attr-list`
 * cases (10004, inferred) — tentative.
 */
import type { ProfileCase } from '../../contract/index.ts';
import { statusOfEvidence, type RequestRule } from './rule.ts';

function emptyListCase(cases: ProfileCase[]): ProfileCase | undefined {
  return cases.find((c) => c.id === 'empty-attr-list');
}

export const attrListNotEmpty: RequestRule = {
  scope: 'request',
  id: 'body.attr-list-not-empty',
  title: 'GroupAttr lists at least one attribute (modify/set/delete_group_attr)',
  evidence: 'inferred',
  accepted: false,
  docUrl: 'https://tencentcloud.com/document/product/1047/59499',
  appliesTo: (op) => op !== undefined && emptyListCase(op['x-tim-cases']) !== undefined,
  check(view) {
    const row = view.operation ? emptyListCase(view.operation['x-tim-cases']) : undefined;
    const json = view.json as { GroupAttr?: unknown } | undefined;
    if (row === undefined || !Array.isArray(json?.GroupAttr) || json.GroupAttr.length > 0) return [];
    return [
      {
        message: `GroupAttr is an empty list; would be refused with ${row.expected.code}${row.expected.status === 'inferred' ? ' (inferred)' : ''}`,
        status: statusOfEvidence(row.expected.status),
        ...(row.expected.docUrls[0] ? { docUrl: row.expected.docUrls[0] } : {}),
      },
    ];
  },
};
