// set_group_attr replaces the whole set: the keys it drops are gone at once, so a group at the
// key limit can be set to as many other keys, and reads back only those.
import { checkKeySlotsFreed } from './key-slots.ts';

checkKeySlotsFreed('set_group_attr', 'frees-removed-key-slots', {
  title: (max) => `a set of ${max} other keys replaces ${max} keys`,
  write: (max) => `a set of ${max} other keys (the replaced keys no longer count)`,
  remain: 'only the new set remains',
});
