// get_group_attr/error-info-empty-on-success: a success carries ErrorInfo ""
import { profileCase } from '../../test-utils/check/index.ts';
import { checkSuccessAnswer } from './success-answer.ts';

checkSuccessAnswer(
  'error-info-empty-on-success',
  profileCase('transport.error-info-on-success'),
  'a success carries ErrorInfo ""',
  (ctx, result) => {
    ctx.expectEqual(result, ctx.expectOk(result).ErrorInfo, '', 'ErrorInfo is "" on a success, as in the samples');
  },
);
