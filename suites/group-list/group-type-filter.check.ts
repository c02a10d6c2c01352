// get_appid_group_list/group-type-filter: GroupType lists only the groups of that type; without
// it every type is listed.
import { defineCheck, operationCase } from '../../test-utils/check/index.ts';
import { PAGE_SIZE_MAX, listAllPages } from './list-pages.ts';

const filter = operationCase('get_appid_group_list', 'group-type-filter');

/** Pages of the largest size: a listing this long means an app far larger than any test app. */
const MAX_PAGES = 20;

defineCheck(
  { operation: 'get_appid_group_list', check: 'group-type-filter', evidence: filter, title: filter.description },
  async (ctx) => {
    // Two types the page names as filter values.
    const chatRoom = await ctx.createGroup({ type: 'ChatRoom' });
    const publicGroup = await ctx.createGroup({ type: 'Public' });

    const chatRooms = await listAllPages(ctx, {
      limitFor: () => PAGE_SIZE_MAX,
      maxPages: MAX_PAGES,
      groupType: 'ChatRoom',
    });
    const filtered = chatRooms.pages.at(-1)!.result;
    ctx.expectThat(filtered, chatRooms.ids.includes(chatRoom.groupId), 'GroupType ChatRoom lists the ChatRoom group');
    ctx.expectThat(
      filtered,
      !chatRooms.ids.includes(publicGroup.groupId),
      'GroupType ChatRoom does not list a Public group',
    );

    const every = await listAllPages(ctx, { limitFor: () => PAGE_SIZE_MAX, maxPages: MAX_PAGES });
    ctx.expectThat(
      every.pages.at(-1)!.result,
      every.ids.includes(chatRoom.groupId) && every.ids.includes(publicGroup.groupId),
      'without GroupType every type is listed (the ChatRoom and the Public group)',
    );
  },
);
