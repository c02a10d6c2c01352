/**
 * Every rule the SDK gate judges requests by, in report order: the request line, the signature,
 * the body, the limits, then what only a sequence of requests shows.
 */
import type { Rule } from './rule.ts';
import { methodPost } from './method-post.ts';
import { pathDocumented } from './path-documented.ts';
import { pathLegacy } from './path-legacy.ts';
import { contentType } from './content-type.ts';
import { noSecret } from './no-secret.ts';
import { queryPresent } from './query-present.ts';
import { queryWellFormed } from './query-well-formed.ts';
import { sdkappidKnown } from './sdkappid-known.ts';
import { usersigDecodes } from './usersig-decodes.ts';
import { usersigHmac } from './usersig-hmac.ts';
import { usersigIdentifier } from './usersig-identifier.ts';
import { usersigSdkappid } from './usersig-sdkappid.ts';
import { usersigNotExpired } from './usersig-not-expired.ts';
import { identifierAdmin } from './identifier-admin.ts';
import { bodyUtf8 } from './body-utf8.ts';
import { bodyJsonObject } from './body-json-object.ts';
import { bodySchema } from './body-schema.ts';
import { bodyNameCase } from './body-name-case.ts';
import { bodyIntegerLiterals } from './body-integer-literals.ts';
import { attrListNotEmpty } from './attr-list-not-empty.ts';
import { limitRules } from './limits.ts';
import { attrStateLimits } from './attr-state-limits.ts';
import { groupCustomId } from './group-custom-id.ts';
import { counterMode } from './counter-mode.ts';
import { counterStateInt64 } from './counter-state-int64.ts';
import { appEdition } from './app-edition.ts';
import { groupType } from './group-type.ts';
import { usersigRenewed } from './usersig-renewed.ts';
import { randomUnique } from './random-unique.ts';
import { noDoubleCount } from './no-double-count.ts';
import { rateGroupWrites } from './rate-group-writes.ts';
import { rateApiCalls } from './rate-api-calls.ts';

export type { Rule, RequestRule, SequenceRule, FindingStatus, Violation, SequenceViolation } from './rule.ts';
export { ruleStatus } from './rule.ts';

export const RULES: readonly Rule[] = [
  methodPost,
  pathDocumented,
  pathLegacy,
  contentType,
  noSecret,
  queryPresent,
  queryWellFormed,
  sdkappidKnown,
  usersigDecodes,
  usersigHmac,
  usersigIdentifier,
  usersigSdkappid,
  usersigNotExpired,
  usersigRenewed,
  identifierAdmin,
  randomUnique,
  bodyUtf8,
  bodyJsonObject,
  bodySchema,
  bodyNameCase,
  bodyIntegerLiterals,
  attrListNotEmpty,
  counterMode,
  groupCustomId,
  ...limitRules,
  attrStateLimits,
  counterStateInt64,
  appEdition,
  groupType,
  rateGroupWrites,
  rateApiCalls,
  noDoubleCount,
];

export function getRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
