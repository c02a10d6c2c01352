// Checks derived from specs/ and schemas/ at collection time (issue 6): every case of
// test-utils/generator becomes one check named '<operation>/gen-…'. How each case is put into a
// request is suites/generated/requests.ts; what it expects is the contract data's. The cases are
// spread over a few suite files (partOf) so the runner's workers share them.
import { defineCheck, getOperation, type CheckContext } from '../../test-utils/check/index.ts';
import { operations, originalOperationId } from '../../test-utils/contract/index.ts';
import { caseId, generateSuite, type GeneratedCase } from '../../test-utils/generator/index.ts';
import { signUserSig } from '../../test-utils/signing/index.ts';
import { burstWithinOneWindow } from '../limits/burst.ts';
import {
  entryOfGroupInfo,
  limitRequests,
  rowRequests,
  sampleRequest,
  validRequests,
  writeRateRequests,
  type Body,
} from './requests.ts';

/**
 * Derived cases this suite does not run, each with the reason; they are still defined, and
 * reported as not run with it, so a reader of results.json sees every case the contract yields.
 * The profile has no row for these fields, and the reference mock ignores a value of the wrong
 * type in them; until the profile decides, a failing tentative check would only restate that.
 */
const UNDECIDED: Record<string, string> = Object.fromEntries(
  [
    'get_group_info/gen-wrong-type-response-filter',
    ...[
      'introduction',
      'notification',
      'face-url',
      'max-member-count',
      'apply-join-option',
      'member-list',
      'app-defined-data',
      'support-topic',
    ].map((field) => `create_group/gen-wrong-type-${field}`),
  ].map((id) => [id, 'the profile has no row for this field of the wrong type']),
);
/** Rows whose behaviour needs more than one request; hand-written suites check them. */
const ELSEWHERE: Record<string, string> = {
  'clear_group_attr/gen-row-counts-as-attr-write':
    'a rate: gen-group-write-rate and suites/clear-group-attr/counts-as-attr-write.check.ts',
};

function describe(c: GeneratedCase): string {
  switch (c.kind) {
    case 'group-type':
      return c.supported
        ? `${c.operation} supports ${c.groupType} groups`
        : `${c.operation} rejects ${c.groupType} groups`;
    case 'missing-field':
      return `${c.operation} without its required ${c.field}`;
    case 'wrong-type':
      return `${c.operation} with ${c.field} of the wrong JSON type (not ${c.fieldType})`;
    case 'group-id':
      return c.problem === 'unknown'
        ? `${c.operation} on a group that was never created`
        : `${c.operation} with an empty GroupId`;
    case 'sample':
      return `${c.operation} with the page's sample request (${c.file}, ${c.origin})`;
    case 'limit':
      return `${c.operation} with ${c.limitId} ${c.position === 'at' ? 'at' : 'one past'} its maximum (${c.amount}${c.variant === 'count' ? '' : ` bytes, ${c.variant}`})`;
    case 'edition':
      return `${c.operation} on an app without the ${c.edition} edition`;
    case 'permission':
      return `${c.operation} signed by an account that is not an App admin`;
    case 'profile-row':
      return `${c.operation}: ${c.description}`;
    case 'write-rate':
      return `${c.operation}: write ${c.perSecond + 1} within one second on one group`;
  }
}

async function requestFor(ctx: CheckContext, c: GeneratedCase): Promise<Body> {
  const valid = validRequests[c.operation];
  if (!valid) ctx.notRun(`no request builder for ${c.operation} in suites/generated/requests.ts`);
  const app = c.kind === 'edition' ? 'basic' : undefined;
  if (app) ctx.requireBasicApp();
  const group = await ctx.createGroup({ type: c.groupType, app });
  if (c.kind === 'limit') {
    const apply = limitRequests[c.operation]?.[c.limitId];
    if (!apply) ctx.notRun(`no way to apply ${c.limitId} to ${c.operation} in suites/generated/requests.ts`);
    return apply(ctx, group, c);
  }
  if (c.kind === 'profile-row') {
    const build = rowRequests[c.operation]?.[c.rowId];
    if (!build) ctx.notRun(`no request for the profile row ${c.operation} ${c.rowId} in suites/generated/requests.ts`);
    return build(ctx, group);
  }
  if (c.kind === 'sample') return sampleRequest(ctx, group, c);
  const body = await valid(ctx, group, app);
  if (c.kind === 'missing-field') delete body[c.field];
  if (c.kind === 'wrong-type') body[c.field] = c.wrongValue;
  if (c.kind === 'group-id') {
    body.GroupId =
      c.problem === 'empty'
        ? ''
        : `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
  }
  return body;
}

/**
 * perSecond + 1 writes sent at once, unpaced: perSecond are accepted, the next is refused. Sent
 * as the hand-written rate checks send theirs (suites/limits/burst.ts): a burst whose answers took
 * longer than one window and that nothing refused proved nothing, so it is sent again (the
 * requests rebuilt, e.g. keys to delete) after the window empties, and after a few such bursts
 * the check is reported as not run, never passed or failed on a busy machine.
 */
async function checkWriteRate(ctx: CheckContext, c: Extract<GeneratedCase, { kind: 'write-rate' }>): Promise<void> {
  const build = writeRateRequests[c.operation];
  if (!build) ctx.notRun(`no write-rate requests for ${c.operation} in suites/generated/requests.ts`);
  const group = await ctx.createGroup({ type: c.groupType });
  let bodies: Body[] = [];
  const prepare = async () => {
    bodies = await build(ctx, group, c.perSecond + 1);
  };
  const results = await burstWithinOneWindow(
    ctx,
    c.perSecond + 1,
    (i) => ctx.call(c.operation, bodies[i]!, { pacing: false, retry: false }),
    prepare,
  );
  const accepted = results.filter((r) => (r.body as { ErrorCode?: number } | undefined)?.ErrorCode === 0).length;
  const refused = results.find((r) => (r.body as { ErrorCode?: number } | undefined)?.ErrorCode !== 0);
  ctx.expectErrorCode(refused ?? results[c.perSecond]!, c.expected, describe(c));
  ctx.expectThat(
    results[0]!,
    accepted === c.perSecond,
    `${c.perSecond} writes within one second are accepted (got ${accepted} of ${c.perSecond + 1})`,
  );
}

/** How many files share the operations at the common per-API rate. */
export const PARTS = 3;

/**
 * The file an operation's cases go to: operations paced below the common per-API rate (the
 * group list, 1 call/s) get their own, so their waiting does not hold the others up; the rest
 * are dealt round-robin over PARTS files, so a new operation in the spec always lands in one.
 */
export function partOf(operationId: string): string {
  const common = operations().filter((op) => op['x-tim-call-rate'].limitId === 'api.calls.perSecond');
  const index = common.findIndex((op) => op.operationId === operationId);
  if (index < 0 || getOperation(operationId)['x-tim-call-rate'].limitId !== 'api.calls.perSecond') return 'paced';
  return `part-${(index % PARTS) + 1}`;
}

/** Defines the generated checks of the operations of one part. */
export function defineGeneratedChecks(part: string): void {
  for (const c of generateSuite().cases) {
    if (partOf(c.operation) === part) defineGeneratedCheck(c);
  }
}

function defineGeneratedCheck(c: GeneratedCase): void {
  // A renamed copy (x-tim-copy-of) is left out where its original is.
  const id = caseId({ ...c, operation: originalOperationId(c.operation) });
  const undecided = UNDECIDED[id];
  const elsewhere = ELSEWHERE[id];
  const notDefined =
    undecided !== undefined
      ? `not defined yet (undecided): ${undecided}`
      : elsewhere !== undefined
        ? `covered elsewhere: ${elsewhere}`
        : undefined;
  defineCheck(
    {
      operation: c.operation,
      check: c.check,
      groupType: c.kind === 'group-type' ? c.groupType : undefined,
      status: c.expected.status,
      docUrl: c.docUrl,
      title: describe(c),
      // Rate cases measure a one-second window: nothing else of this file may run beside them.
      concurrent: c.kind === 'write-rate' ? false : undefined,
    },
    async (ctx) => {
      if (notDefined !== undefined) ctx.notRun(notDefined);
      if (c.kind === 'write-rate') return checkWriteRate(ctx, c);
      const body = await requestFor(ctx, c);
      // Deliberately malformed or never-created ids are not this run's groups.
      const allowForeignGroup =
        (c.kind === 'wrong-type' && c.field === 'GroupId') ||
        (c.kind === 'group-id' && c.problem === 'empty') ||
        c.kind === 'profile-row';
      const options = c.kind === 'edition' ? { app: 'basic' as const } : {};
      if (c.kind === 'permission') {
        const identifier = `user_${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
        Object.assign(options, { identifier, usersig: signUserSig(ctx.target.app, { identifier }), retry: false });
      }
      const result = await ctx.call(c.operation, body, { allowForeignGroup, ...options });
      // get_group_info answers each group in its own entry: the row's code is the entry's.
      const judged =
        c.kind === 'profile-row' && originalOperationId(c.operation) === 'get_group_info'
          ? entryOfGroupInfo(ctx, result)
          : result;
      if (c.expected.code === 0) ctx.expectOk(judged, describe(c));
      else ctx.expectErrorCode(judged, c.expected, describe(c));
    },
  );
}
