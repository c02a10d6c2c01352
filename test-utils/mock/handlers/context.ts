/**
 * What an operation handler gets and returns, and the checks every group operation shares
 * (GroupId shape, existence, group-type support, edition).
 */
import type { MockGroup } from '../state.ts';
import type { HandlerContext, HandlerFailure, HandlerSuccess } from './handler-types.ts';

export type {
  HandlerContext,
  HandlerFailure,
  HandlerResult,
  HandlerSuccess,
  OperationHandler,
} from './handler-types.ts';

export const OK: HandlerSuccess = { code: 0 };

export function fail(code: number, info: string): HandlerFailure {
  return { code, info };
}

export function isFailure(value: unknown): value is HandlerFailure {
  return typeof value === 'object' && value !== null && 'info' in value && 'code' in value;
}

/** Printable ASCII (0x20–0x7e), 1..max bytes: the shape of every group id, custom or system. */
export function isWellFormedGroupId(id: string, maxBytes: number): boolean {
  return id.length > 0 && id.length <= maxBytes && /^[\x20-\x7e]+$/.test(id);
}

/** The code of one of the operation's own profile rows, or the fallback when the row is absent. */
export function opCaseCode(ctx: HandlerContext, caseId: string, fallback: number): number {
  return ctx.op.caseCodes.get(caseId) ?? fallback;
}

/** The code of a row the mock cannot work without (checked when the rules are built). */
export function requiredCaseCode(ctx: HandlerContext, caseId: string): number {
  const code = ctx.op.caseCodes.get(caseId);
  if (code === undefined) throw new Error(`${ctx.op.contract.operationId}: spec lacks x-tim-cases '${caseId}'`);
  return code;
}

/** Edition (10059) before anything else: the feature is not there at all for this app. */
export function checkEdition(ctx: HandlerContext): HandlerFailure | null {
  const code = ctx.op.editionMissingCode;
  if (code !== null && !ctx.steps.appHasCountersEdition(ctx)) {
    return fail(code, `${ctx.op.contract.operationId} needs a higher edition than this app has`);
  }
  return null;
}

/** GroupId present and a string (10004), well formed (10015), existing (10010), type supported (10007). */
export function resolveGroup(ctx: HandlerContext): MockGroup | HandlerFailure {
  const { codes, limits } = ctx.rules;
  const groupId = ctx.steps.readGroupId(ctx.body['GroupId']);
  if (typeof groupId !== 'string') return fail(codes.invalidParameter, 'GroupId is missing or not a string');
  if (!ctx.steps.groupIdIsWellFormed(groupId, limits.customGroupIdBytes.max))
    return fail(codes.malformedGroupId, 'GroupId is invalid');
  const group = ctx.steps.lookUpGroup(ctx, groupId);
  if (group === undefined) return fail(codes.unknownGroup, 'group does not exist or was destroyed');
  const rejection = ctx.steps.groupTypeRefusal(ctx, group);
  if (rejection !== 0)
    return fail(rejection, `group type ${group.type} does not support ${ctx.op.contract.operationId}`);
  return group;
}
