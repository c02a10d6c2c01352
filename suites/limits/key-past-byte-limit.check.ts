// {modify_group_attr,set_group_attr}/key-past-byte-limit: a key one byte past the limit is refused and changes nothing
import { checkByteLimit } from './byte-limit-steps.ts';

for (const operation of ['modify_group_attr', 'set_group_attr']) checkByteLimit(operation, 'key', 'past');
