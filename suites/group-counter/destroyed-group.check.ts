// Counter operations on a group that was destroyed answer "unknown group": reading or writing
// its counters after destroy_group neither succeeds nor brings the group back.
import { checkDestroyedGroup, setCounters, type DestroyedGroupCall } from '../../test-utils/check/index.ts';

const withACounter: DestroyedGroupCall = {
  groupType: 'Public',
  before: (ctx, group) => setCounters(ctx, group.groupId, [{ Key: 'n', Value: 5 }], 'seed a counter'),
  retry: false,
};

checkDestroyedGroup('get_group_counter', withACounter);
checkDestroyedGroup('update_group_counter', {
  ...withACounter,
  body: (GroupId) => ({ GroupId, Mode: 'Increase', GroupCounter: [{ Key: 'n', Value: 1 }] }),
});
