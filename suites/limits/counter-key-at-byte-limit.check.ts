// update_group_counter/counter-key-at-byte-limit: a counter key of exactly the byte limit is accepted and reads back unchanged
import { checkByteLimit } from './byte-limit-steps.ts';

checkByteLimit('update_group_counter', 'counter-key', 'at');
