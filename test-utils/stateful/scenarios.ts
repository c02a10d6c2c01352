/**
 * Short scenarios on one group: fill it, remove something, write again. Single random steps
 * rarely line up three requests on the same group in this order, yet it is the order that shows
 * a server keeping something of what a clear, set, delete or counter delete removed: the freed
 * key, byte or counter slot still counted (the last write wrongly refused), or a deleted counter
 * resuming from its old value on Increase. Each scenario is one fast-check command made of
 * ordinary steps, so a shrunk sequence still reads as numbered requests (at most three per
 * scenario). Sizes come from the contract.
 */
import fc from 'fast-check';
import { modelRules } from '../model/index.ts';
import { textOfBytes } from './text-of-bytes.ts';
import type { AppName, StatefulStep } from './steps.ts';

type StepBody = Record<string, unknown>;

function onSlot(app: AppName, slot: number, parts: Array<[StatefulStep['operation'], StepBody]>): StatefulStep[] {
  return parts.map(([operation, body]) => ({ app, slot, operation, body }));
}

/** Fill the attributes to the key limit or the total-size limit, free some, write again. */
function attrScenario(app: fc.Arbitrary<AppName>, slot: fc.Arbitrary<number>): fc.Arbitrary<StatefulStep[]> {
  const { attrKeyCount, attrValueBytes, attrTotalBytes } = modelRules();
  const full = textOfBytes(attrValueBytes.max, 'w');
  const byCount = Array.from({ length: attrKeyCount.max }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  const byBytes = Array.from({ length: Math.floor(attrTotalBytes.max / attrValueBytes.max) }, (_, i) => ({
    key: `h${i}`,
    value: full,
  }));
  const fill = fc.record({
    operation: fc.constantFrom<'modify_group_attr' | 'set_group_attr'>('modify_group_attr', 'set_group_attr'),
    items: fc.constantFrom(byCount, byBytes),
  });
  // What removes keys: a clear, a delete of the first filled key, or a set that names one key only.
  const free = fc.constantFrom('clear', 'delete', 'set');
  const again = fc.record({ key: fc.constantFrom('a', 'b'), value: fc.constantFrom('v', full) });
  return fc.tuple(app, slot, fill, free, again).map(([a, s, f, how, next]) => {
    const first = f.items[0]!.key;
    const removal: [StatefulStep['operation'], StepBody] =
      how === 'clear'
        ? ['clear_group_attr', {}]
        : how === 'delete'
          ? ['delete_group_attr', { GroupAttr: [{ key: first }] }]
          : ['set_group_attr', { GroupAttr: [{ key: first, value: 'v' }] }];
    return onSlot(a, s, [[f.operation, { GroupAttr: f.items }], removal, ['modify_group_attr', { GroupAttr: [next] }]]);
  });
}

/** Set counters (one key, or up to the counter limit), delete them, then Increase/Decrease or add a new one. */
function counterScenario(app: fc.Arbitrary<AppName>, slot: fc.Arbitrary<number>): fc.Arbitrary<StatefulStep[]> {
  const { counterKeyCount } = modelRules();
  const fillAll = Array.from({ length: counterKeyCount.max }, (_, i) => ({ Key: `c${i}`, Value: 5n }));
  const fill = fc.oneof(
    fc.constant(fillAll),
    fc.constantFrom(5n, -7n, 1000n).map((Value) => [{ Key: 'n', Value }]),
  );
  const keys = fc.oneof(
    fc.constant({}),
    fc.constant({ GroupCounterKeys: [] }),
    fc.constantFrom(['n'], ['c0'], ['n', 'c0']).map((GroupCounterKeys) => ({ GroupCounterKeys })),
  );
  const again = fc.record({
    Mode: fc.constantFrom('Increase', 'Decrease', 'Set'),
    GroupCounter: fc.constantFrom('n', 'c0', 'new').map((Key) => [{ Key, Value: 1n }]),
  });
  return fc.tuple(app, slot, fill, keys, again).map(([a, s, items, deleted, next]) =>
    onSlot(a, s, [
      ['update_group_counter', { Mode: 'Set', GroupCounter: items }],
      ['delete_group_counter', deleted],
      ['update_group_counter', next],
    ]),
  );
}

export function scenarioArbitraries(
  kind: 'attributes' | 'counters' | 'isolation',
  app: fc.Arbitrary<AppName>,
  slot: fc.Arbitrary<number>,
): Array<fc.Arbitrary<StatefulStep[]>> {
  if (kind === 'attributes') return [attrScenario(app, slot)];
  if (kind === 'counters') return [counterScenario(app, slot)];
  return [attrScenario(app, slot), counterScenario(app, slot)];
}
