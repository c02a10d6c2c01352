// delete_group_counter/{no-keys,empty-keys}-deletes-all: without keys, or with an empty list, every counter goes.
import { checkCounterDelete } from './deletes.ts';

for (const [check, request] of [
  ['no-keys-deletes-all', {}],
  ['empty-keys-deletes-all', { GroupCounterKeys: [] }],
] as const) {
  checkCounterDelete(check, { seeded: 3, request: () => request, left: () => [], what: 'no counter is left' });
}
