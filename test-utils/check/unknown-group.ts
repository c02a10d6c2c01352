/**
 * The "no such group" checks every group operation has: on a group id that was never created and
 * on a group that was destroyed, the operation answers the documented unknown-group codes. One
 * definition for every operation, so each operation's check file names only its operation.
 */
import { profileCase } from '../contract/index.ts';
import type { GroupType } from '../contract/types.ts';
import type { GroupFixture } from '../fixtures/create-group.ts';
import type { CheckContext } from './context.ts';
import { defineCheck } from './define-check.ts';

export const UNKNOWN_GROUP = profileCase('groups.unknown-group');

/** A group id of this run's prefix that no group ever had. */
export function neverCreatedGroupId(ctx: CheckContext): string {
  return `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
}

/** `<operation>/unknown-group`: the operation on a group that was never created. */
export function checkNeverCreatedGroup(operation: string): void {
  defineCheck(
    { operation, check: 'unknown-group', evidence: UNKNOWN_GROUP, title: 'a group that was never created' },
    async (ctx) => {
      const result = await ctx.call(operation, { GroupId: neverCreatedGroupId(ctx) }, { allowForeignGroup: true });
      ctx.expectErrorCode(result, UNKNOWN_GROUP, `${operation} on a never-created group`);
    },
  );
}

export interface DestroyedGroupCall {
  groupType?: GroupType;
  /** The request on the destroyed group (default: just its GroupId). */
  body?: (groupId: string) => Record<string, unknown>;
  /** What the group holds before it is destroyed. */
  before?: (ctx: CheckContext, group: GroupFixture) => Promise<void>;
  /** false for a write that must not be sent twice (an Increase would count twice). */
  retry?: boolean;
}

/** `<operation>/destroyed-group`: the operation on a group destroyed after `before`. */
export function checkDestroyedGroup(operation: string, call: DestroyedGroupCall = {}): void {
  const { groupType, body = (GroupId) => ({ GroupId }), before, retry } = call;
  defineCheck(
    {
      operation,
      check: 'destroyed-group',
      ...(groupType ? { groupType } : {}),
      evidence: UNKNOWN_GROUP,
      title: 'a group that was destroyed',
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      await before?.(ctx, group);
      await ctx.destroyGroup(group);
      const result = await ctx.call(operation, body(group.groupId), {
        allowForeignGroup: true,
        ...(retry === undefined ? {} : { retry }),
      });
      ctx.expectErrorCode(result, UNKNOWN_GROUP, `${operation} after destroy_group`);
    },
  );
}
