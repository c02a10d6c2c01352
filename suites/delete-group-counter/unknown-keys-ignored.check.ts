// delete_group_counter/unknown-keys-ignored: Listed keys that do not exist are ignored.
import { checkCounterDelete } from './deletes.ts';

checkCounterDelete('unknown-keys-ignored', {
  seeded: 2,
  request: (keys) => ({ GroupCounterKeys: [keys[0], 'never_set_key'] }),
  left: (keys) => keys.slice(1),
  what: 'the listed existing key is gone, the other stays',
});
