// delete_group_attr/deletes-only-listed: Only the listed keys are removed; the others are kept.
import { checkWriteOutcome } from './write-semantics.ts';

checkWriteOutcome('delete_group_attr', 'deletes-only-listed', {
  before: { a: '1', b: '2' },
  write: [{ key: 'a' }],
  after: { b: '2' },
  what: 'delete removes a and keeps b',
});
