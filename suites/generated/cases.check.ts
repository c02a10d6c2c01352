// Checks derived from specs/ and schemas/ at collection time (issue 6): every case of
// test-utils/generator becomes one check named '<operation>/gen-…'. Fixture operations
// (create_group, destroy_group, get_group_info, get_appid_group_list) are how each check gets its
// group: they get no per-group-type cases (the generator leaves them out), and create_group gets
// none at all here (see EXCLUDED below).
import { defineCheck, getOperation, type CheckContext } from '../../test-utils/check/index.ts';
import { caseId, generateSuite, isFixtureOperation, type GeneratedCase } from '../../test-utils/generator/index.ts';
import { limitRequests, sampleRequest, validRequests, type Body } from './requests.ts';

/** create_group's cases would create groups when a target wrongly accepts them; its limits are left to hand-written suites. */
/**
 * The reference mock ignores a mistyped get_group_info ResponseFilter (the profile has no row
 * for it); until the profile decides, that derived case is not generated.
 */
const UNDECIDED = new Set(['get_group_info/gen-wrong-type-response-filter']);
const EXCLUDED = (c: GeneratedCase): boolean =>
  c.operation === 'create_group' || (c.kind === 'limit' && isFixtureOperation(getOperation(c.operation))) || UNDECIDED.has(caseId(c));

function describe(c: GeneratedCase): string {
  switch (c.kind) {
    case 'group-type':
      return c.supported ? `${c.operation} supports ${c.groupType} groups` : `${c.operation} rejects ${c.groupType} groups`;
    case 'missing-field':
      return `${c.operation} without its required ${c.field}`;
    case 'wrong-type':
      return `${c.operation} with ${c.field} of the wrong JSON type (not ${c.fieldType})`;
    case 'group-id':
      return c.problem === 'unknown' ? `${c.operation} on a group that was never created` : `${c.operation} with an empty GroupId`;
    case 'sample':
      return `${c.operation} with the page's sample request (${c.file}, ${c.origin})`;
    case 'limit':
      return `${c.operation} with ${c.limitId} ${c.position === 'at' ? 'at' : 'one past'} its maximum (${c.amount}${c.variant === 'count' ? '' : ` bytes, ${c.variant}`})`;
  }
}

async function requestFor(ctx: CheckContext, c: GeneratedCase): Promise<Body> {
  const valid = validRequests[c.operation];
  if (!valid) ctx.notRun(`no request builder for ${c.operation} in suites/generated/requests.ts`);
  const group = await ctx.createGroup({ type: c.groupType });
  if (c.kind === 'limit') {
    const apply = limitRequests[c.operation]?.[c.limitId];
    if (!apply) ctx.notRun(`no way to apply ${c.limitId} to ${c.operation} in suites/generated/requests.ts`);
    return apply(ctx, group, c);
  }
  if (c.kind === 'sample') return sampleRequest(ctx, group, c);
  const body = await valid(ctx, group);
  if (c.kind === 'missing-field') delete body[c.field];
  if (c.kind === 'wrong-type') body[c.field] = c.wrongValue;
  if (c.kind === 'group-id') {
    body.GroupId = c.problem === 'empty' ? '' : `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
  }
  return body;
}

for (const c of generateSuite().cases) {
  if (EXCLUDED(c)) continue;
  defineCheck(
    {
      operation: c.operation,
      check: c.check,
      groupType: c.kind === 'group-type' ? c.groupType : undefined,
      status: c.expected.status,
      docUrl: c.docUrl,
      title: describe(c),
    },
    async (ctx) => {
      const body = await requestFor(ctx, c);
      // A GroupId of the wrong type is deliberately not one of this run's groups.
      const allowForeignGroup = (c.kind === 'wrong-type' && c.field === 'GroupId') || (c.kind === 'group-id' && c.problem === 'empty');
      const result = await ctx.call(c.operation, body, { allowForeignGroup });
      if (c.expected.code === 0) ctx.expectOk(result, describe(c));
      else ctx.expectErrorCode(result, c.expected, describe(c));
    },
  );
}
