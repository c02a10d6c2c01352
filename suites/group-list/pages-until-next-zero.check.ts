// get_appid_group_list/pages-until-next-zero: Next 0 starts; each answer's Next continues; Next 0
// in an answer means every group was listed. Limit and Next do not change TotalCount.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { PAGE_SIZE_MAX, listAllPages, listPage } from './list-pages.ts';

const paging = operationCase('get_appid_group_list', 'pages-until-next-zero');

/** The check's own groups: they exist throughout the listing, so every listing must name them. */
const OWN_GROUPS = 3;
/** Pages per listing: about three, so that Next has to carry the listing at least twice. */
const PAGES = 3;
/** A listing of about three pages still not ended after this many: Next does not continue it. */
const MAX_PAGES = 8;

defineCheck(
  { operation: 'get_appid_group_list', check: 'pages-until-next-zero', evidence: paging, title: paging.description },
  async (ctx) => {
    const own: string[] = [];
    for (let i = 0; i < OWN_GROUPS; i++) own.push((await ctx.createGroup()).groupId);

    // Two short pages: fewer groups than the check's own, so groups are left after each.
    const short = OWN_GROUPS - 1;
    const first = await listPage(ctx, short, '0');
    ctx.expectThat(
      first.result,
      first.ids.length === short,
      `Limit ${short} lists ${short} groups of an app with more`,
    );
    ctx.expectThat(
      first.result,
      first.totalCount >= OWN_GROUPS,
      `TotalCount counts every group of the app (at least the check's ${OWN_GROUPS}), whatever Limit is`,
    );
    ctx.expectThat(first.result, first.next !== '0', 'Next is not 0 while groups are left to list');
    const second = await listPage(ctx, short, first.next);
    ctx.expectThat(
      second.result,
      second.ids.length > 0 && second.ids.every((id) => !first.ids.includes(id)),
      "the answer's Next continues after the groups already listed (the check's last group is left)",
    );

    // Other checks may create and destroy groups meanwhile: only the check's own groups are known
    // to exist from the first page to the last. The first pages are each about a third of the app
    // as it is; groups created meanwhile join the end of the listing, so when the app keeps
    // changing, later pages take twice the app at once to reach the end.
    const { ids, pages } = await listAllPages(ctx, {
      limitFor: (total = first.totalCount, page) =>
        Math.min(PAGE_SIZE_MAX, page < PAGES ? Math.ceil(total / PAGES) : 2 * total),
      maxPages: MAX_PAGES,
    });
    const last = pages.at(-1)!;
    const oversized = pages.filter((page) => page.ids.length > page.limit);
    ctx.expectThat(
      last.result,
      oversized.length === 0,
      `no page lists more groups than its Limit (${oversized.map((p) => `${p.ids.length} > ${p.limit}`).join(', ') || 'none'})`,
    );
    // Only the check's own groups: another check may destroy a group and create one with the same
    // id, a new group that the listing rightly shows again.
    const repeated = own.filter((id) => ids.indexOf(id) !== ids.lastIndexOf(id));
    ctx.expectThat(
      last.result,
      repeated.length === 0,
      `each answer's Next continues the listing: a group is listed once (listed twice: ${repeated.join(', ') || 'none'})`,
    );
    const missing = own.filter((id) => !ids.includes(id));
    ctx.expectThat(
      last.result,
      missing.length === 0,
      `every group that existed throughout is listed before Next 0 (not listed: ${missing.join(', ') || 'none'})`,
    );
  },
);
