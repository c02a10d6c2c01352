// delete_group_counter/destroyed-group: a group that was destroyed answers "unknown group"
import { checkDestroyedGroup } from '../../test-utils/check/index.ts';

checkDestroyedGroup('delete_group_counter');
