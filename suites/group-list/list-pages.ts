/**
 * Paging get_appid_group_list as its page documents it (Limit, Next from the previous answer,
 * Next 0 = every group listed), for the group-list checks. Next is a 64-bit cursor: it is read
 * from the answer's text and sent back as written, never rounded through a double.
 */
import { callPastCallRateBursts, getLimit, type CheckContext } from '../../test-utils/check/index.ts';
import type { CallResult } from '../../test-utils/client/index.ts';

export interface ListPage {
  result: CallResult;
  /** The Limit the page was asked with. */
  limit: number;
  totalCount: number;
  ids: string[];
  /** The answer's Next as decimal digits ('0': the last page). */
  next: string;
}

export const PAGE_SIZE_MAX = getLimit('group.list.pageSize.max').max;

function nextOf(result: CallResult): string {
  const next: unknown = result.body?.Next;
  if (typeof next === 'number' && Number.isSafeInteger(next)) return String(next);
  return /"Next"\s*:\s*(\d+)/.exec(result.rawText)?.[1] ?? '0';
}

/** One page: `limit` groups at most, from the cursor `next` ('0' starts), of one type or all. */
export async function listPage(ctx: CheckContext, limit: number, next: string, groupType?: string): Promise<ListPage> {
  const fields = [`"Limit":${limit}`, `"Next":${next}`];
  if (groupType !== undefined) fields.push(`"GroupType":${JSON.stringify(groupType)}`);
  const request = { Limit: limit, Next: Number(next), ...(groupType === undefined ? {} : { GroupType: groupType }) };
  // The API allows 1 call per second: another group-list check in another worker may have taken it.
  const result = await callPastCallRateBursts(ctx, 'get_appid_group_list', request, {
    rawBody: `{${fields.join(',')}}`,
  });
  const body = ctx.expectOk<{ TotalCount: number; GroupIdList: Array<{ GroupId: string }> }>(
    result,
    'get_appid_group_list answers a page',
  );
  return {
    result,
    limit,
    totalCount: body.TotalCount,
    ids: body.GroupIdList.map((item) => item.GroupId),
    next: nextOf(result),
  };
}

/**
 * Every page from Next 0 until an answer's Next is 0: the ids listed (in order, a group listed
 * twice appears twice) and the pages. Page n (0 first) asks for `limitFor(TotalCount of the
 * previous answer, n)` groups (TotalCount undefined for the first page), so a listing can keep up
 * with an app that other checks change meanwhile. Fails the check when Next is not 0 after
 * `maxPages` pages.
 */
export async function listAllPages(
  ctx: CheckContext,
  options: {
    limitFor: (totalCount: number | undefined, page: number) => number;
    maxPages: number;
    groupType?: string;
  },
): Promise<{ ids: string[]; pages: ListPage[] }> {
  const pages: ListPage[] = [];
  let next = '0';
  while (pages.length < options.maxPages) {
    const page = await listPage(ctx, options.limitFor(pages.at(-1)?.totalCount, pages.length), next, options.groupType);
    pages.push(page);
    if (page.next === '0') return { ids: pages.flatMap((p) => p.ids), pages };
    next = page.next;
  }
  return ctx.fail(
    pages.at(-1)?.result,
    `Next was still not 0 after ${options.maxPages} pages (Limit ${pages.map((p) => p.limit).join(', ')})`,
    "each answer's Next continues the listing until an answer's Next is 0",
  );
}
