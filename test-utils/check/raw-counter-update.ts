/**
 * update_group_counter with the counters written as raw JSON text: exact 64-bit literals (which a
 * JavaScript number would round) and deliberately non-integer Values (1.5, "5") reach the target
 * exactly as written. Never retried: an Increase sent twice would count twice.
 */
import type { CallResult } from '../client/index.ts';
import type { CheckContext } from './context.ts';

/** `items` is the inside of the GroupCounter array, e.g. `{"Key":"n","Value":9223372036854775807}`. */
export function updateCountersRaw(
  ctx: CheckContext,
  groupId: string,
  mode: string,
  items: string,
): Promise<CallResult> {
  return ctx.call(
    'update_group_counter',
    {},
    { rawBody: `{"GroupId":${JSON.stringify(groupId)},"Mode":"${mode}","GroupCounter":[${items}]}`, retry: false },
  );
}
