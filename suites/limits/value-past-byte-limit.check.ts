// modify_group_attr/value-past-byte-limit
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { expectAttrWriteRefused } from './attr-write-refused.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const limit = getLimit('attr.value.maxBytes');

const max = limit.max;

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'value-past-byte-limit',
    groupType: 'Public',
    evidence: 'limit:attr.value.maxBytes#exceeded',
    title: `a ${max + 1}-byte multi-byte value is refused`,
  },
  async (ctx) => {
    const value = textOfUtf8Bytes(max + 1);
    await expectAttrWriteRefused(
      ctx,
      'modify_group_attr',
      { key: 'k', value },
      limit.exceeded,
      `a value of ${max + 1} UTF-8 bytes (${value.length} UTF-16 units)`,
    );
  },
);
