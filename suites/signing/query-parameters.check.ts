// The query parameters a server checks before the body: missing sdkappid, identifier or usersig,
// an unknown sdkappid, and a valid signature of an account that is not an App admin.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import { signUserSig } from '../../test-utils/signing/index.ts';

const missing = [
  { param: 'sdkappid', expected: profileCase('signing.sdkappid-missing') },
  { param: 'identifier', expected: profileCase('signing.identifier-missing') },
  { param: 'usersig', expected: profileCase('signing.usersig-missing') },
] as const;

for (const { param, expected } of missing) {
  defineCheck(
    { operation: 'get_group_attr', check: `${param}-missing`, evidence: expected, title: `the ${param} query parameter left out` },
    async (ctx) => {
      const group = await ctx.createGroup();
      const result = await ctx.call('get_group_attr', { GroupId: group.groupId }, { query: { [param]: null }, retry: false });
      ctx.expectErrorCode(result, expected, `get_group_attr without ${param}`);
    },
  );
}

const unknownApp = profileCase('signing.sdkappid-unknown');
defineCheck(
  { operation: 'get_group_attr', check: 'sdkappid-unknown', evidence: unknownApp, title: 'an sdkappid the region does not know' },
  async (ctx) => {
    const group = await ctx.createGroup();
    // A consistent signature for an app that does not exist: only the app lookup can refuse it.
    const stranger = { ...ctx.target.app, sdkappid: ctx.target.app.sdkappid + 7777 };
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId }, { app: stranger, retry: false });
    ctx.expectErrorCode(result, unknownApp, 'get_group_attr signed for an unknown sdkappid');
  },
);

const notAdmin = profileCase('signing.not-admin');
defineCheck(
  { operation: 'get_group_attr', check: 'usersig-not-admin', evidence: notAdmin, title: 'a valid signature of an account that is not an App admin' },
  async (ctx) => {
    const group = await ctx.createGroup();
    const identifier = `user_${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    const usersig = signUserSig(ctx.target.app, { identifier });
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId }, { identifier, usersig, retry: false });
    ctx.expectErrorCode(result, notAdmin, 'get_group_attr signed by a non-admin account');
  },
);
