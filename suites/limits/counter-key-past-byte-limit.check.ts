// update_group_counter/counter-key-past-byte-limit: a counter key one byte past the limit is refused and changes nothing
import { checkByteLimit } from './byte-limit-steps.ts';

checkByteLimit('update_group_counter', 'counter-key', 'past');
