/**
 * create_group with a custom GroupId the server refuses (the operation's documented-set cases,
 * 10015): the @TGS# prefix on a non-Community group, characters outside printable ASCII, a
 * Community id without the @TGS#_ prefix.
 */
import { operationCase } from '../../contract/index.ts';
import { statusOfEvidence, type RequestRule, type Violation } from './rule.ts';

const CASES = [
  'custom-id-reserved-prefix',
  'custom-id-not-printable-ascii',
  'community-custom-id-without-prefix',
] as const;

function breaks(caseId: (typeof CASES)[number], id: string, type: unknown): boolean {
  if (caseId === 'custom-id-reserved-prefix') return type !== 'Community' && id.startsWith('@TGS#');
  if (caseId === 'custom-id-not-printable-ascii') return !/^[\x20-\x7e]*$/.test(id);
  return type === 'Community' && !id.startsWith('@TGS#_');
}

export const groupCustomId: RequestRule = {
  scope: 'request',
  id: 'body.group-custom-id',
  title: 'A custom GroupId of create_group is printable ASCII, not @TGS#… (Community: @TGS#_…)',
  evidence: 'documented-set',
  accepted: false,
  docUrl: operationCase('create_group', 'custom-id-reserved-prefix').expected.docUrls[0] ?? '',
  appliesTo: (op) => op?.operationId === 'create_group',
  check(view) {
    const body = view.json as { GroupId?: unknown; Type?: unknown } | undefined;
    if (view.operation?.operationId !== 'create_group' || typeof body?.GroupId !== 'string') return [];
    const out: Violation[] = [];
    for (const caseId of CASES) {
      if (!breaks(caseId, body.GroupId, body.Type)) continue;
      const row = operationCase('create_group', caseId);
      out.push({
        message: `GroupId '${body.GroupId}': ${row.description.replace(/\.$/, '')}; would be refused with ${row.expected.code}`,
        status: statusOfEvidence(row.expected.status),
        ...(row.expected.docUrls[0] ? { docUrl: row.expected.docUrls[0] } : {}),
      });
    }
    return out;
  },
};
