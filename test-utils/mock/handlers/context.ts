/**
 * What an operation handler gets and returns, and the checks every group operation shares
 * (GroupId shape, existence, group-type support, edition).
 */
import { deviates } from '../deviations.ts';
import type { DeviationSet } from '../deviations.ts';
import type { MockRules, OperationRules } from '../rules.ts';
import type { MockAppState, MockGroup } from '../state.ts';

export interface HandlerContext {
  app: MockAppState;
  op: OperationRules;
  rules: MockRules;
  /** The parsed body: a JSON object (integers beyond 2^53 as BigInt). */
  body: Record<string, unknown>;
  nowMs: number;
  rateLimits: boolean;
  deviations: DeviationSet;
  /** Every app of the server (only a deviating server looks outside its own app). */
  allApps?: readonly MockAppState[];
}

/** Success: extra response fields after the envelope. `exact` marks bodies holding BigInt. */
export interface HandlerSuccess {
  code: 0;
  fields?: Record<string, unknown>;
  exact?: boolean;
}

export interface HandlerFailure {
  code: number;
  info: string;
}

export type HandlerResult = HandlerSuccess | HandlerFailure;

export type OperationHandler = (ctx: HandlerContext) => HandlerResult;

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
  if (code !== null && !ctx.app.app.countersEdition && !deviates(ctx.deviations, 'edition.not-checked')) {
    return fail(code, `${ctx.op.contract.operationId} needs a higher edition than this app has`);
  }
  return null;
}

/** A server that keys groups by GroupId alone finds another app's group (deviation only). */
function groupOfAnotherApp(ctx: HandlerContext, groupId: string): MockGroup | undefined {
  if (!deviates(ctx.deviations, 'isolation.groups-shared-across-apps')) return undefined;
  for (const app of ctx.allApps ?? []) {
    const group = app.groups.get(groupId);
    if (group !== undefined) return group;
  }
  return undefined;
}

/** GroupId present and a string (10004), well formed (10015), existing (10010), type supported (10007). */
export function resolveGroup(ctx: HandlerContext): MockGroup | HandlerFailure {
  const { codes, limits } = ctx.rules;
  const sent = ctx.body['GroupId'];
  const groupId =
    typeof sent === 'number' && deviates(ctx.deviations, 'groups.group-id-number-coerced') ? String(sent) : sent;
  if (typeof groupId !== 'string') return fail(codes.invalidParameter, 'GroupId is missing or not a string');
  if (
    !isWellFormedGroupId(groupId, limits.customGroupIdBytes.max) &&
    !(groupId !== '' && deviates(ctx.deviations, 'groups.group-id-not-validated'))
  ) {
    return fail(codes.malformedGroupId, 'GroupId is invalid');
  }
  const group = ctx.app.groups.get(groupId) ?? groupOfAnotherApp(ctx, groupId);
  if (group === undefined) return fail(codes.unknownGroup, 'group does not exist or was destroyed');
  const rejection = ctx.op.groupTypeRejection[group.type];
  const operationId = ctx.op.contract.operationId;
  const typeIgnored =
    group.type === 'Community' &&
    ((operationId === 'clear_group_attr' && deviates(ctx.deviations, 'group-types.community-clear-attr-allowed')) ||
      (operationId.endsWith('_group_counter') && deviates(ctx.deviations, 'group-types.community-counters-allowed')));
  if (rejection !== 0 && !typeIgnored)
    return fail(rejection, `group type ${group.type} does not support ${ctx.op.contract.operationId}`);
  return group;
}
