// get_group_attr/sdkappid-unknown: an sdkappid the region does not know
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const unknownApp = profileCase('signing.sdkappid-unknown');

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'sdkappid-unknown',
    evidence: unknownApp,
    title: 'an sdkappid the region does not know',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    // A consistent signature for an app that does not exist: only the app lookup can refuse it.
    const stranger = { ...ctx.target.app, sdkappid: ctx.target.app.sdkappid + 7777 };
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId }, { app: stranger, retry: false });
    ctx.expectErrorCode(result, unknownApp, 'get_group_attr signed for an unknown sdkappid');
  },
);
