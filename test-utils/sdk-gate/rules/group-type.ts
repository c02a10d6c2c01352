/**
 * Across requests: an operation on a group whose type does not support it (counters on a
 * Community group), the type known from the create_group call in the same recording.
 */
import { GROUP_TYPES, type GroupType } from '../../contract/index.ts';
import { param } from '../request-line.ts';
import { statusOfEvidence, type SequenceRule, type SequenceViolation } from './rule.ts';

function createdGroupId(body: unknown, answer: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(answer ?? '') as { ErrorCode?: unknown; GroupId?: unknown };
    if (parsed.ErrorCode === 0 && typeof parsed.GroupId === 'string') return parsed.GroupId;
  } catch {
    // no answer: the group id the request asked for, if any
  }
  const requested = (body as { GroupId?: unknown } | undefined)?.GroupId;
  return answer === undefined && typeof requested === 'string' ? requested : undefined;
}

export const groupType: SequenceRule = {
  scope: 'sequence',
  id: 'group.type-supported',
  title: "The operation supports the group's type (no counters on a Community group)",
  evidence: 'documented',
  accepted: false,
  docUrl: 'https://cloud.tencent.com/document/product/269/85952',
  appliesTo: (op) =>
    op !== undefined &&
    op.operationId !== 'create_group' &&
    Object.values(op['x-tim-group-types']).some((t) => !t.supported),
  check(views) {
    const types = new Map<string, GroupType>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      const op = view.operation;
      const body = view.json as { GroupId?: unknown; Type?: unknown } | undefined;
      const app = param(view.line, 'sdkappid') ?? '';
      if (op?.operationId === 'create_group') {
        const id = createdGroupId(body, view.exchange.response?.body);
        if (id !== undefined && GROUP_TYPES.includes(body?.Type as GroupType))
          types.set(`${app}\u0000${id}`, body?.Type as GroupType);
        return;
      }
      if (op === undefined || typeof body?.GroupId !== 'string') return;
      const type = types.get(`${app}\u0000${body.GroupId}`);
      const support = type === undefined ? undefined : op['x-tim-group-types'][type];
      if (support === undefined || support.supported) return;
      const rejected = support.rejectedWith;
      out.push({
        index,
        message: `${op.operationId} on ${type} group ${body.GroupId}: ${type} groups do not support it${rejected ? `; would be refused with ${rejected.code}` : ''}`,
        status: statusOfEvidence(rejected?.status ?? support.status),
        ...(support.docUrls[0] ? { docUrl: support.docUrls[0] } : {}),
      });
    });
    return out;
  },
};
