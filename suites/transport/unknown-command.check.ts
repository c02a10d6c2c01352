// transport/unknown-command: Unknown service or command under /v4/.
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const unknownCommand = profileCase('transport.unknown-command');

defineCheck(
  { operation: 'transport', check: 'unknown-command', evidence: unknownCommand, title: unknownCommand.description },
  async (ctx) => {
    const result = await ctx.call(
      'get_group_attr',
      { GroupId: 'x' },
      { path: '/v4/group_open_http_svc/no_such_command', allowForeignGroup: true, skipSchemaCheck: true, retry: false },
    );
    ctx.expectErrorCode(result, unknownCommand);
  },
);
