// get_group_attr/usersig-not-admin: a valid signature of an account that is not an App admin
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import { signUserSig } from '../../test-utils/signing/index.ts';

const notAdmin = profileCase('signing.not-admin');

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'usersig-not-admin',
    evidence: notAdmin,
    title: 'a valid signature of an account that is not an App admin',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const identifier = `user_${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
    const usersig = signUserSig(ctx.target.app, { identifier });
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId }, { identifier, usersig, retry: false });
    ctx.expectErrorCode(result, notAdmin, 'get_group_attr signed by a non-admin account');
  },
);
