// get_group_attr/envelope-on-success: a success is HTTP 200 with the OK envelope
import { profileCase } from '../../test-utils/check/index.ts';
import { checkSuccessAnswer } from './success-answer.ts';

checkSuccessAnswer(
  'envelope-on-success',
  profileCase('transport.http-200'),
  'a success is HTTP 200 with the OK envelope',
  (ctx, result) => {
    ctx.expectEnvelope(result);
    ctx.expectOk(result, 'get_group_attr on an existing group');
  },
);
