// delete_group_counter/deletes-only-listed: Only the listed keys are deleted.
import { checkCounterDelete } from './deletes.ts';

checkCounterDelete('deletes-only-listed', {
  seeded: 4,
  request: (keys) => ({ GroupCounterKeys: keys.slice(0, 2) }),
  left: (keys) => keys.slice(2),
  what: 'exactly the unlisted counters remain',
});
