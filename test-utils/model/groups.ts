/**
 * What every group operation shares (GroupId present, well formed, existing, of a supported
 * type; the counters' edition) and the fixture operations create_group and destroy_group.
 */
import type { GroupType, OperationContract } from '../contract/types.ts';
import { GROUP_TYPES } from '../contract/types.ts';
import { utf8Bytes } from '../contract/bytes.ts';
import { accepted, refused, type AppliedRow, type ExpectedAnswer } from './answer.ts';
import { caseRow, editionRow, groupTypeRow, modelRules } from './rules.ts';
import { emptyGroup, liveGroup, withGroup, type ModelGroup, type ModelState } from './state.ts';

export interface StepInput {
  state: ModelState;
  app: string;
  contract: OperationContract;
  body: Record<string, unknown>;
  nowMs: number;
}

export interface StepOutput {
  answer: ExpectedAnswer;
  next: ModelState;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** The group a request addresses, or the rows that refuse it (edition first: the feature is absent). */
export function resolveGroup(input: StepInput): { groupId: string; group: ModelGroup } | AppliedRow[] {
  const rules = modelRules();
  const app = input.state.apps.get(input.app);
  if (!app) throw new Error(`model: unknown app '${input.app}'`);
  const rows: AppliedRow[] = [];
  const edition = editionRow(input.contract);
  if (edition && !app.countersEdition) rows.push(edition);
  const groupId = input.body['GroupId'];
  if (typeof groupId !== 'string') return [...rows, rules.invalidParameter];
  if (groupId.length === 0 || utf8Bytes(groupId) > rules.customGroupIdBytes.max || !PRINTABLE_ASCII.test(groupId))
    return [...rows, rules.malformedGroupId];
  const group = liveGroup(input.state, input.app, groupId);
  // The profile does not order the edition against the group's existence: either code is conformant.
  if (group === undefined) {
    const elsewhere = [...input.state.apps].some(
      ([name, other]) => name !== input.app && other.groups.get(groupId)?.destroyed === false,
    );
    return [...rows, elsewhere ? rules.otherAppGroup : rules.unknownGroup];
  }
  if (rows.length > 0) return rows;
  const typeRow = groupTypeRow(input.contract, group.type);
  if (typeRow) return [typeRow];
  return { groupId, group };
}

export function isRefusal(value: unknown): value is AppliedRow[] {
  return Array.isArray(value);
}

const TYPES: ReadonlySet<string> = new Set(GROUP_TYPES);
const SYSTEM_PREFIX = '@TGS#';
const COMMUNITY_PREFIX = '@TGS#_';

/** create_group with a custom GroupId (the model needs to know the id; the check always gives one). */
export function createGroup(input: StepInput): StepOutput {
  const rules = modelRules();
  const op = input.contract.operationId;
  const { Type, Name, GroupId } = input.body;
  const no = (rows: AppliedRow[]): StepOutput => ({ answer: refused(rows), next: input.state });
  if (typeof Type !== 'string' || !TYPES.has(Type)) return no([caseRow(op, 'invalid-type', rules.invalidParameter)]);
  if (typeof Name !== 'string' || Name.length === 0) return no([caseRow(op, 'missing-name', rules.invalidParameter)]);
  if (utf8Bytes(Name) > rules.groupNameBytes.max) return no([rules.groupNameBytes.row]);
  if (typeof GroupId !== 'string') throw new Error('model: create_group needs a custom GroupId');
  const type = Type as GroupType;
  if (!PRINTABLE_ASCII.test(GroupId))
    return no([caseRow(op, 'custom-id-not-printable-ascii', rules.customGroupIdBytes.row)]);
  if (GroupId.length > rules.customGroupIdBytes.max) return no([rules.customGroupIdBytes.row]);
  if (type === 'Community' ? !GroupId.startsWith(COMMUNITY_PREFIX) : GroupId.startsWith(SYSTEM_PREFIX)) {
    return no([
      caseRow(
        op,
        type === 'Community' ? 'community-custom-id-without-prefix' : 'custom-id-reserved-prefix',
        rules.customGroupIdBytes.row,
      ),
    ]);
  }
  if (liveGroup(input.state, input.app, GroupId)) return no([caseRow(op, 'id-already-used', rules.invalidParameter)]);
  // A group created again under a destroyed group's id starts empty: nothing of the old one remains.
  return {
    answer: accepted([`${op}#returns-group-id`], 'documented', { GroupId }),
    next: withGroup(input.state, input.app, GroupId, emptyGroup(type)),
  };
}

export function destroyGroup(input: StepInput): StepOutput {
  const target = resolveGroup(input);
  if (isRefusal(target)) return { answer: refused(target), next: input.state };
  return {
    answer: accepted([`${input.contract.operationId}#destroys`], 'documented'),
    next: withGroup(input.state, input.app, target.groupId, { ...target.group, destroyed: true }),
  };
}

/** The operations this module answers, by operationId. */
export const GROUP_STEPS: Readonly<Record<string, (input: StepInput) => StepOutput>> = {
  create_group: createGroup,
  destroy_group: destroyGroup,
};
