// transport/body-too-large: A body over request.body.maxBytes (1 MiB) is refused with 60003.
import { defineCheck, getLimit, profileCase } from '../../test-utils/check/index.ts';

const tooLarge = profileCase('transport.body-too-large');
const maxBytes = getLimit('request.body.maxBytes').max;

defineCheck(
  { operation: 'transport', check: 'body-too-large', evidence: tooLarge, title: tooLarge.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    // A valid request, padded with JSON whitespace to one byte over the cap: only its size is wrong.
    const body = Buffer.alloc(maxBytes + 1, 0x20);
    body.write(JSON.stringify({ GroupId: group.groupId }), 0);
    ctx.expectErrorCode(
      await ctx.call('get_group_attr', {}, { rawBody: body, skipSchemaCheck: true, retry: false }),
      tooLarge,
      `get_group_attr with a ${maxBytes + 1}-byte body is refused as unparseable`,
    );
    // The server still serves the client afterwards.
    ctx.expectOk(await ctx.call('get_group_attr', { GroupId: group.groupId }), 'a normal request after it is served');
  },
);
