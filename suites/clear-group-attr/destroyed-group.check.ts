// clear_group_attr/destroyed-group: a group that was destroyed answers "unknown group"
import { checkDestroyedGroup } from '../../test-utils/check/index.ts';

checkDestroyedGroup('clear_group_attr');
