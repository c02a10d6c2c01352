// modify_group_attr/upsert-keeps-others: The listed keys are added or updated; keys not listed are kept.
import { checkWriteOutcome } from './write-semantics.ts';

checkWriteOutcome('modify_group_attr', 'upsert-keeps-others', {
  before: { a: '1', b: '2' },
  write: [
    { key: 'b', value: '3' },
    { key: 'c', value: '4' },
  ],
  after: { a: '1', b: '3', c: '4' },
  what: 'modify adds c, updates b and keeps a',
});
