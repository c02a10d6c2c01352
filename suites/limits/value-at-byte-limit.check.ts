// modify_group_attr/value-at-byte-limit: a value of exactly the byte limit is accepted and reads back unchanged
import { checkByteLimit } from './byte-limit-steps.ts';

checkByteLimit('modify_group_attr', 'value', 'at');
