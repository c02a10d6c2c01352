/**
 * The vocabulary conformance suites are written in:
 *
 *   defineCheck({ operation, check, evidence }, async (ctx) => { ... })
 *   checkEachGroupType({ operation, check, evidence }, async (ctx) => { ... ctx.groupType ... })
 *
 * and, inside a check, ctx.call / ctx.createGroup / ctx.expectOk / ctx.expectErrorCode /
 * ctx.expectThat / ctx.expectEqual / ctx.notRun. A complete example: suites/_smoke/.
 */
import './vitest-augment.ts';

export {
  defineCheck,
  checkEachGroupType,
  checkId,
  checkTitle,
  isGating,
  CROSS_CUTTING_OPERATIONS,
} from './define-check.ts';
export type { CheckDefinition, CheckFn, GroupTypeCheckDefinition, GroupTypeCheckFn } from './define-check.ts';
export { resolveEvidence } from './evidence.ts';
export type { Evidence, ResolvedEvidence } from './evidence.ts';
export type { CheckContext, CheckCallOptions, CreateGroupRequest, CheckClient } from './context.ts';
export type { Envelope, ExpectedOutcome, ResponseLike } from './expectations.ts';
export { CheckFailedError } from './failure.ts';
export { judgedPart } from './provoked-codes.ts';
export { expectRefusalChangesNothing, expectStateEquals, readGroupState } from './read-back.ts';
export { updateCountersRaw } from './raw-counter-update.ts';
export { callPastCallRateBursts } from './call-rate-retry.ts';
export { updateCounters, setCounters } from './counter-update.ts';
export type { Counter } from './counter-update.ts';
export { expectRefused, expectWriteRefused, ANY_REFUSAL } from './refused-write.ts';
export { checkDestroyedGroup, checkNeverCreatedGroup, neverCreatedGroupId, UNKNOWN_GROUP } from './unknown-group.ts';
export type { DestroyedGroupCall } from './unknown-group.ts';
export type { ReadBack, StateFamily } from './read-back.ts';
export type { ProvokedCode } from './provoked-codes.ts';
export type { GroupFixture } from '../fixtures/create-group.ts';

// The contract lookups a check needs most, so a suite file has one import line.
export {
  getOperation,
  getLimit,
  getErrorCode,
  profileCase,
  operationCase,
  utf8Bytes,
  GROUP_TYPES,
} from '../contract/index.ts';
export type { GroupType, EvidenceStatus, ExpectedCode } from '../contract/types.ts';
