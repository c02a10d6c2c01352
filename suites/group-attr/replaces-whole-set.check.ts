// set_group_attr/replaces-whole-set: After the call the group holds exactly the listed keys.
import { checkWriteOutcome } from './write-semantics.ts';

checkWriteOutcome('set_group_attr', 'replaces-whole-set', {
  before: { a: '1', b: '2' },
  write: [{ key: 'c', value: '3' }],
  after: { c: '3' },
  what: 'set leaves exactly the keys it lists',
});
