// clear_group_attr/unknown-group: a group that was never created answers "unknown group"
import { checkNeverCreatedGroup } from '../../test-utils/check/index.ts';

checkNeverCreatedGroup('clear_group_attr');
