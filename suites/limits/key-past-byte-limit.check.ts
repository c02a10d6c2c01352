// {modify_group_attr,set_group_attr}/key-past-byte-limit
import { defineCheck, getLimit } from '../../test-utils/check/index.ts';
import { expectAttrWriteRefused } from './attr-write-refused.ts';
import { textOfUtf8Bytes } from './utf8-text.ts';

const limit = getLimit('attr.key.maxBytes');

const max = limit.max;

defineCheck(
  {
    operation: 'modify_group_attr',
    check: 'key-past-byte-limit',
    groupType: 'Public',
    evidence: 'limit:attr.key.maxBytes#exceeded',
    title: `a ${max + 1}-byte multi-byte key is refused`,
  },
  async (ctx) => {
    const key = textOfUtf8Bytes(max + 1);
    await expectAttrWriteRefused(
      ctx,
      'modify_group_attr',
      { key, value: 'v' },
      limit.exceeded,
      `a key of ${max + 1} UTF-8 bytes (${key.length} UTF-16 units)`,
    );
  },
);

defineCheck(
  {
    operation: 'set_group_attr',
    check: 'key-past-byte-limit',
    groupType: 'Public',
    evidence: 'limit:attr.key.maxBytes#exceeded',
    title: `a ${max + 1}-byte multi-byte key is refused by set`,
  },
  async (ctx) => {
    const key = textOfUtf8Bytes(max + 1);
    await expectAttrWriteRefused(
      ctx,
      'set_group_attr',
      { key, value: 'v' },
      limit.exceeded,
      `a key of ${max + 1} UTF-8 bytes`,
    );
  },
);
