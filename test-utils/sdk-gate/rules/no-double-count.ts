/**
 * Across requests: a call that is not safe to repeat (update_group_counter with Increase or
 * Decrease, per the operation's x-tim-idempotency) sent again after its connection dropped once
 * the call had taken effect — the counter is then changed twice. The recorder knows the drop
 * happened after applying because a scenario made it so.
 */
import { stringifyJsonInt64, parseJsonInt64 } from '../../mock/json-int64.ts';
import type { OperationContract } from '../../contract/index.ts';
import type { RequestView } from '../request-view.ts';
import type { SequenceRule, SequenceViolation } from './rule.ts';

function unsafeToRepeat(op: OperationContract | undefined, body: unknown): boolean {
  const rule = op?.['x-tim-idempotency'];
  if (rule === undefined || rule.idempotent === true) return false;
  if (rule.idempotent === false) return true;
  const value = (body as Record<string, unknown> | undefined)?.[rule.unsafeWhen.field];
  return rule.unsafeWhen.values.includes(
    typeof value === 'string' ? value : value === undefined ? null : String(value),
  );
}

/** The request's identity: operation and body content (key order and spacing ignored, int64 exact). */
function shape(view: RequestView): string | undefined {
  if (view.json === undefined) return undefined;
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v !== null && typeof v === 'object' && typeof v !== 'bigint'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${view.operationLabel}\u0000${stringifyJsonInt64(sortKeys(parseJsonInt64(view.exchange.body)))}`;
}

export const noDoubleCount: SequenceRule = {
  scope: 'sequence',
  id: 'retry.no-double-count',
  title: 'Increase/Decrease is not sent again after a dropped connection once it took effect',
  evidence: 'documented',
  accepted: false,
  docUrl: 'https://cloud.tencent.com/document/product/269/85952',
  appliesTo: (op) => op !== undefined && op['x-tim-idempotency'].idempotent !== true,
  check(views) {
    const applied = new Map<string, number>();
    const out: SequenceViolation[] = [];
    views.forEach((view, index) => {
      if (!unsafeToRepeat(view.operation, view.json)) return;
      const key = shape(view);
      if (key === undefined) return;
      const droppedAt = applied.get(key);
      if (droppedAt !== undefined) {
        out.push({
          index,
          message: `sent again after request #${droppedAt} had taken effect and its connection dropped: the counter changes twice`,
        });
        applied.delete(key);
      }
      if (view.exchange.connection?.dropped === 'after-apply') applied.set(key, view.exchange.seq);
    });
    return out;
  },
};
