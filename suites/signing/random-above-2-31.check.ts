// get_group_attr/random-above-2-31: random above 2^31 is accepted (real clients use the whole uint32 range).
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const aboveInt32 = profileCase('signing.random-above-2-31');

// The first value a signed 32-bit parser refuses, and the largest the API documents (0 - 4294967295).
const RANDOMS = ['2147483648', '4294967295'] as const;

defineCheck(
  { operation: 'get_group_attr', check: 'random-above-2-31', evidence: aboveInt32, title: aboveInt32.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    for (const random of RANDOMS) {
      ctx.expectErrorCode(
        await ctx.call('get_group_attr', { GroupId: group.groupId }, { query: { random } }),
        aboveInt32,
        `get_group_attr with random=${random} (a uint32 above 2^31) is accepted`,
      );
    }
  },
);
