// modify_group_attr/key-at-byte-limit: a key of exactly the byte limit is accepted and reads back unchanged
import { checkByteLimit } from './byte-limit-steps.ts';

checkByteLimit('modify_group_attr', 'key', 'at');
