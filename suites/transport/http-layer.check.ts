// The HTTP layer: unknown commands, methods other than POST, bodies that are not JSON objects,
// Content-Type variants and get_group_attr's alternative service path.
import { defineCheck, getOperation, profileCase } from '../../test-utils/check/index.ts';

const unknownCommand = profileCase('transport.unknown-command');
const notPost = profileCase('transport.method-not-post');
const notJson = profileCase('transport.body-not-json');
const contentTypes = profileCase('transport.content-type-variants');
const alternative = profileCase('transport.get-group-attr-alternative-path');

defineCheck(
  { operation: 'transport', check: 'unknown-command', evidence: unknownCommand, title: unknownCommand.description },
  async (ctx) => {
    const result = await ctx.call('get_group_attr', { GroupId: 'x' }, { path: '/v4/group_open_http_svc/no_such_command', allowForeignGroup: true, skipSchemaCheck: true, retry: false });
    ctx.expectErrorCode(result, unknownCommand);
  },
);

defineCheck(
  { operation: 'transport', check: 'method-not-post', evidence: notPost, title: notPost.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId }, { method: 'PUT', skipSchemaCheck: true, retry: false });
    ctx.expectErrorCode(result, notPost);
  },
);

for (const [name, rawBody] of [['invalid', '{"GroupId":'], ['empty', ''], ['array', '[]']] as const) {
  defineCheck(
    { operation: 'transport', check: `body-${name}-json`, evidence: notJson, title: `a ${name} body` },
    async (ctx) => {
      const result = await ctx.call('get_group_attr', {}, { rawBody, allowForeignGroup: true, skipSchemaCheck: true, retry: false });
      ctx.expectErrorCode(result, notJson);
    },
  );
}

for (const [name, value] of [['none', null], ['charset', 'application/json; charset=utf-8']] as const) {
  defineCheck(
    { operation: 'transport', check: `content-type-${name}`, evidence: contentTypes, title: contentTypes.description },
    async (ctx) => {
      const group = await ctx.createGroup();
      ctx.expectErrorCode(await ctx.call('get_group_attr', { GroupId: group.groupId }, { headers: { 'content-type': value } }), contentTypes);
    },
  );
}

defineCheck(
  { operation: 'get_group_attr', check: 'alternative-path', evidence: alternative, title: alternative.description },
  async (ctx) => {
    const group = await ctx.createGroup();
    const path = getOperation('get_group_attr').alternativePaths[0]!;
    ctx.expectErrorCode(await ctx.call('get_group_attr', { GroupId: group.groupId }, { path }), alternative);
  },
);
