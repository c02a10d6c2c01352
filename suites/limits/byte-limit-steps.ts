// The byte-limit checks of one key or value: text of exactly the limit's UTF-8 bytes (mostly
// three-byte characters, see utf8-text.ts) is accepted and reads back unchanged; one byte more is
// refused with the limit's code and changes nothing. One definition for the attribute key, the
// attribute value and the counter key, so each check file names only what it measures and where.
// Shared by {key,value,counter-key}-{at,past}-byte-limit.check.ts.
import {
  defineCheck,
  expectStateEquals,
  expectWriteRefused,
  getLimit,
  readGroupState,
  updateCounters,
  type CheckContext,
  type StateFamily,
} from '../../test-utils/check/index.ts';
import type { CallResult } from '../../test-utils/client/index.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

interface Field {
  limit: 'attr.key.maxBytes' | 'attr.value.maxBytes' | 'counter.key.maxBytes';
  family: StateFamily;
  noun: string;
  /** The one item written, holding `text` in the measured field; as [key, value] when read back. */
  item: (text: string) => [string, string];
}

const FIELDS = {
  key: { limit: 'attr.key.maxBytes', family: 'attrs', noun: 'key', item: (text) => [text, 'v'] },
  value: { limit: 'attr.value.maxBytes', family: 'attrs', noun: 'value', item: (text) => ['k', text] },
  'counter-key': {
    limit: 'counter.key.maxBytes',
    family: 'counters',
    noun: 'counter key',
    item: (text) => [text, '1'],
  },
} as const satisfies Record<string, Field>;

/** The write of one item: an attribute by `operation`, a counter by update_group_counter Set. */
function writeOne(
  ctx: CheckContext,
  operation: string,
  groupId: string,
  field: Field,
  [key, value]: [string, string],
): Promise<CallResult> {
  return field.family === 'attrs'
    ? ctx.call(operation, { GroupId: groupId, GroupAttr: [{ key, value }] })
    : updateCounters(ctx, groupId, 'Set', [{ Key: key, Value: Number(value) }]);
}

/** `<operation>/<field>-<at|past>-byte-limit`. */
export function checkByteLimit(operation: string, name: keyof typeof FIELDS, position: 'at' | 'past'): void {
  const field: Field = FIELDS[name];
  const limit = getLimit(field.limit);
  const bytes = position === 'at' ? limit.max : limit.max + 1;
  const by = operation === 'set_group_attr' ? ' by set' : '';
  defineCheck(
    {
      operation,
      check: `${name}-${position}-byte-limit`,
      groupType: 'Public',
      evidence: position === 'at' ? limit : `limit:${field.limit}#exceeded`,
      title: `a ${bytes}-byte multi-byte ${field.noun} is ${position === 'at' ? 'accepted' : `refused${by}`}`,
    },
    async (ctx) => {
      const group = await ctx.createGroup();
      const text = textOfUtf8Bytes(bytes);
      const item = field.item(text);
      const what = `a ${field.noun} of ${bytes} UTF-8 bytes (${text.length} UTF-16 units)`;
      const send = () => writeOne(ctx, operation, group.groupId, field, item);
      if (position === 'past')
        return expectWriteRefused(ctx, group.groupId, field.family, send, limit.exceeded, `${operation} with ${what}`);
      ctx.expectOk(await send(), what);
      expectStateEquals(
        ctx,
        await readGroupState(ctx, group.groupId, field.family),
        [item],
        `the ${field.noun} reads back unchanged`,
      );
    },
  );
}
