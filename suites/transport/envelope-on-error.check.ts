// */envelope-on-error: an error is HTTP 200 with the FAIL envelope
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';

const http200 = profileCase('transport.http-200');

const unknownGroup = profileCase('groups.unknown-group');

const missingGroupId = profileCase('groups.missing-group-id');

for (const operation of ['get_group_attr', 'clear_group_attr', 'delete_group_counter'] as const) {
  defineCheck(
    {
      operation,
      check: 'envelope-on-unknown-group',
      evidence: http200,
      title: 'an error is HTTP 200 with the FAIL envelope',
    },
    async (ctx) => {
      const missing = `${ctx.target.groupIdPrefix}never-${ctx.faker.string.alphanumeric({ length: 8, casing: 'lower' })}`;
      const result = await ctx.call(operation, { GroupId: missing }, { allowForeignGroup: true });
      const envelope = ctx.expectEnvelope(result);
      ctx.expectEqual(result, envelope.ActionStatus, 'FAIL', 'an error answers ActionStatus "FAIL"');
      ctx.expectErrorCode(result, unknownGroup, `${operation} on a group that was never created`);
    },
  );

  defineCheck(
    {
      operation,
      check: 'envelope-on-missing-group-id',
      evidence: http200,
      title: 'a missing GroupId is HTTP 200 with the FAIL envelope',
    },
    async (ctx) => {
      const result = await ctx.call(operation, {});
      const envelope = ctx.expectEnvelope(result);
      ctx.expectThat(
        result,
        envelope.ActionStatus === 'FAIL' && envelope.ErrorCode !== 0,
        'an invalid request answers ActionStatus "FAIL" with a non-zero ErrorCode',
      );
      ctx.expectErrorCode(result, missingGroupId, `${operation} without GroupId`);
    },
  );
}
