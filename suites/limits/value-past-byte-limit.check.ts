// modify_group_attr/value-past-byte-limit: a value one byte past the limit is refused and changes nothing
import { checkByteLimit } from './byte-limit-steps.ts';

checkByteLimit('modify_group_attr', 'value', 'past');
