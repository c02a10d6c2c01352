/**
 * Random steps with keys and values around every limit, so accepted and refused writes mix:
 * sizes exactly at and one past each byte limit in ASCII and in 2-, 3- and 4-byte UTF-8, key
 * counts around the count limits, values at the total limit, int64 edges and numbers a double
 * cannot hold, awkward text (every Unicode plane, whitespace, case variants, NFC/NFD twins,
 * prototype names) and duplicate keys. Every size comes from the contract, never a literal.
 */
import fc from 'fast-check';
import { modelRules } from '../model/index.ts';
import type { AppName, StatefulKind, StatefulStep, StepOperation } from './steps.ts';
import { SLOT_LAYOUTS } from './steps.ts';
import { scenarioArbitraries } from './scenarios.ts';
import { textOfBytes } from './text-of-bytes.ts';

export { textOfBytes };

/** Around a byte limit: exactly at it and one past it, in ASCII and in 2-, 3- and 4-byte text. */
function aroundLimit(max: number): string[] {
  return ['k', 'é', '中', '😀'].flatMap((unit) => [textOfBytes(max, unit), textOfBytes(max + 1, unit)]);
}

/** One character of every Unicode plane that has assigned or private-use code points. */
const PLANES = '\u0041\u{1D11E}\u{20000}\u{30000}\u{E0001}\u{F0000}\u{10FFFD}';

/** Keys most steps use, so writes meet earlier writes: case variants and prefixes of each other. */
const COMMON_ATTR_KEYS = ['a', 'A', 'ab', 'b'];
const COMMON_COUNTER_KEYS = ['n', 'N', 'a', 'ab', 'abc'];
const AWKWARD_KEYS = [' a', 'a ', '\t', 'é', 'e\u0301', '中', '𝄞', '😀', '__proto__', 'constructor', PLANES];
const AWKWARD_VALUES = ['', 'v', 'V', ' ', '  v  ', '\t\n', '😀', '𝄞', PLANES, 'é', 'e\u0301', '\u0000', '"\\'];

/**
 * Keys a filled group holds: the bulk writes below name their keys `k0`, `k1`, ... (key count)
 * and `h0`, `h1`, ... (values at the value limit, adding up to the total), so a delete or a read
 * that names them meets a group at its limit (a freed key, byte or counter slot that a wrong
 * server still counts then shows on the next write as a wrong refusal).
 */
const FILL_ATTR_KEYS = ['k0', 'k1', 'h0', 'h1'];
const FILL_COUNTER_KEYS = ['c0', 'c1', 'c19'];

function pools() {
  const rules = modelRules();
  const attrKeys = fc.oneof(
    { arbitrary: fc.constantFrom(...COMMON_ATTR_KEYS), weight: 4 },
    { arbitrary: fc.constantFrom(...FILL_ATTR_KEYS), weight: 2 },
    { arbitrary: fc.constantFrom(...AWKWARD_KEYS), weight: 2 },
    { arbitrary: fc.constantFrom(...aroundLimit(rules.attrKeyBytes.max)), weight: 1 },
  );
  // A value exactly at the value limit comes up often: after a delete freed one, it only fits if
  // the freed bytes no longer count.
  const attrValues = fc.oneof(
    { arbitrary: fc.constantFrom(...AWKWARD_VALUES), weight: 3 },
    { arbitrary: fc.constant(textOfBytes(rules.attrValueBytes.max, 'w')), weight: 1 },
    { arbitrary: fc.constantFrom(...aroundLimit(rules.attrValueBytes.max)), weight: 1 },
  );
  const counterKeyEdges = ['é', 'e\u0301', '😀', ' n', PLANES, ...FILL_COUNTER_KEYS];
  const counterKeys = fc.oneof(
    { arbitrary: fc.constantFrom(...COMMON_COUNTER_KEYS), weight: 4 },
    { arbitrary: fc.constantFrom(...counterKeyEdges), weight: 2 },
    { arbitrary: fc.constantFrom(...aroundLimit(rules.counterKeyBytes.max)), weight: 1 },
  );
  const { counterMin: min, counterMax: max } = rules;
  const twoTo53 = 2n ** 53n;
  const counterValues: unknown[] = [
    0n,
    1n,
    -1n,
    5n,
    1000n,
    twoTo53,
    twoTo53 + 1n,
    -twoTo53 - 1n,
    max,
    min,
    max - 1n,
    min + 1n,
    max + 1n,
    min - 1n,
    1.5,
    '5',
    -0.5,
  ];
  return { rules, attrKeys, attrValues, counterKeys, counterValues };
}

/** A count around a limit, exactly at it most often (a full group is where freed slots matter). */
function countAround(max: number): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constant(max), weight: 2 },
    { arbitrary: fc.integer({ min: max - 2, max: max + 1 }), weight: 1 },
  );
}

/** Any slot, the first one more often: a history on one group is where writes meet earlier writes. */
export const slotArb = (kind: StatefulKind) =>
  fc.oneof(
    { arbitrary: fc.constant(0), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: SLOT_LAYOUTS[kind].length - 1 }), weight: 3 },
  );

function attrItems(p: ReturnType<typeof pools>, withValue: boolean): fc.Arbitrary<Array<Record<string, string>>> {
  const key = p.attrKeys;
  const value = p.attrValues;
  const item = withValue ? fc.record({ key, value }) : fc.record({ key });
  const few = fc.array(item, { minLength: 1, maxLength: 3 });
  if (!withValue) return few;
  // Around the key-count limit (bulk keys k0, k1, ...) and the total-size limit (values at the value limit).
  const { attrKeyCount, attrValueBytes, attrTotalBytes } = p.rules;
  const bulk = countAround(attrKeyCount.max).map((n) =>
    Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' })),
  );
  const atValueLimit = Math.floor(attrTotalBytes.max / attrValueBytes.max);
  const heavy = countAround(atValueLimit).map((n) =>
    Array.from({ length: n }, (_, i) => ({ key: `h${i}`, value: 'w'.repeat(attrValueBytes.max) })),
  );
  return fc.oneof({ arbitrary: few, weight: 5 }, { arbitrary: bulk, weight: 1 }, { arbitrary: heavy, weight: 2 });
}

function counterItems(p: ReturnType<typeof pools>): fc.Arbitrary<Array<Record<string, unknown>>> {
  const value = fc.oneof(
    { arbitrary: fc.constantFrom(...p.counterValues), weight: 2 },
    { arbitrary: fc.bigInt({ min: -1000n, max: 1000n }), weight: 3 },
  );
  const few = fc.array(fc.record({ Key: p.counterKeys, Value: value }), { minLength: 1, maxLength: 3 });
  const { counterKeyCount } = p.rules;
  const bulk = countAround(counterKeyCount.max).map((n) =>
    Array.from({ length: n }, (_, i) => ({ Key: `c${i}`, Value: 1n })),
  );
  return fc.oneof({ arbitrary: few, weight: 5 }, { arbitrary: bulk, weight: 2 });
}

function step(
  app: fc.Arbitrary<AppName>,
  slot: fc.Arbitrary<number>,
  operation: StepOperation,
  body: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<StatefulStep> {
  return fc.record({ app, slot, operation: fc.constant(operation), body });
}

function attrSteps(p: ReturnType<typeof pools>, app: fc.Arbitrary<AppName>, slot: fc.Arbitrary<number>) {
  return [
    { arbitrary: step(app, slot, 'get_group_attr', fc.constant({})), weight: 2 },
    {
      arbitrary: step(
        app,
        slot,
        'modify_group_attr',
        attrItems(p, true).map((GroupAttr) => ({ GroupAttr })),
      ),
      weight: 5,
    },
    {
      arbitrary: step(
        app,
        slot,
        'set_group_attr',
        attrItems(p, true).map((GroupAttr) => ({ GroupAttr })),
      ),
      weight: 3,
    },
    {
      arbitrary: step(
        app,
        slot,
        'delete_group_attr',
        attrItems(p, false).map((GroupAttr) => ({ GroupAttr })),
      ),
      weight: 3,
    },
    { arbitrary: step(app, slot, 'clear_group_attr', fc.constant({})), weight: 1 },
  ];
}

function counterSteps(p: ReturnType<typeof pools>, app: fc.Arbitrary<AppName>, slot: fc.Arbitrary<number>) {
  const keys = fc.array(p.counterKeys, { minLength: 1, maxLength: 3 });
  const keyList = fc.oneof(
    { arbitrary: fc.constant({}), weight: 2 },
    { arbitrary: fc.constant({ GroupCounterKeys: [] }), weight: 1 },
    { arbitrary: keys.map((GroupCounterKeys) => ({ GroupCounterKeys })), weight: 4 },
  );
  // Increase and Decrease more often than Set: after a delete only they tell a counter that
  // starts again from 0 from one that resumes its old value.
  const mode = fc.oneof(
    { arbitrary: fc.constant('Set'), weight: 2 },
    { arbitrary: fc.constantFrom('Increase', 'Decrease'), weight: 3 },
  );
  return [
    { arbitrary: step(app, slot, 'get_group_counter', keyList), weight: 2 },
    {
      arbitrary: step(app, slot, 'update_group_counter', fc.record({ Mode: mode, GroupCounter: counterItems(p) })),
      weight: 7,
    },
    { arbitrary: step(app, slot, 'delete_group_counter', keyList), weight: 4 },
  ];
}

/**
 * Destroy and create again, on the first two slots only so that a destroy is often followed by
 * the re-creation of the same id (nothing of the old group may remain).
 */
function lifecycleSteps(app: fc.Arbitrary<AppName>) {
  const slot = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.constant(1), weight: 1 });
  return [
    { arbitrary: step(app, slot, 'destroy_group', fc.constant({})), weight: 1 },
    { arbitrary: step(app, slot, 'create_group', fc.constant({})), weight: 2 },
  ];
}

/** The steps a kind of sequence draws from. */
export function stepArbitrary(kind: StatefulKind): fc.Arbitrary<StatefulStep> {
  const p = pools();
  const slot = slotArb(kind);
  if (kind === 'attributes')
    return fc.oneof(...attrSteps(p, fc.constant('main'), slot), ...lifecycleSteps(fc.constant('main')));
  if (kind === 'counters')
    return fc.oneof(...counterSteps(p, fc.constant('main'), slot), ...lifecycleSteps(fc.constant('main')));
  // Isolation: either app on any slot, so each app's calls reach the other app's groups.
  const app = fc.constantFrom<AppName>('main', 'basic');
  return fc.oneof(...attrSteps(p, app, slot), ...counterSteps(p, app, slot), ...lifecycleSteps(app));
}

/**
 * What one fast-check command sends: mostly one random step, sometimes a scenario of up to three
 * steps on one group (fill, remove, write again; scenarios.ts), which single steps rarely line up.
 */
export function commandStepsArbitrary(kind: StatefulKind): fc.Arbitrary<StatefulStep[]> {
  const app = kind === 'isolation' ? fc.constantFrom<AppName>('main', 'basic') : fc.constant<AppName>('main');
  const scenarios = scenarioArbitraries(kind, app, slotArb(kind)).map((arbitrary) => ({ arbitrary, weight: 1 }));
  return fc.oneof({ arbitrary: stepArbitrary(kind).map((step) => [step]), weight: 10 }, ...scenarios);
}
