// After clear_group_attr nothing of the removed keys remains: a group that held the most keys
// takes as many new ones at once, and reads back only those.
import { checkKeySlotsFreed } from './key-slots.ts';

checkKeySlotsFreed('clear_group_attr', 'frees-key-slots', {
  title: (max) => `after a clear, ${max} new keys fit`,
  write: (max) => `${max} new keys on a cleared group (the cleared keys no longer count)`,
  remain: 'only the new keys remain',
});
