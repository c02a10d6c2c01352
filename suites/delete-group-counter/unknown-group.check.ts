// delete_group_counter/unknown-group: a group that was never created answers "unknown group"
import { checkNeverCreatedGroup } from '../../test-utils/check/index.ts';

checkNeverCreatedGroup('delete_group_counter');
