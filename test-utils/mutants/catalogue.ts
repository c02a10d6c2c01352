/**
 * The mutation self-check's catalogue: every deviation the mock can switch on, with the area it
 * belongs to and the row of the behaviour profile (/work/shared/api/behaviour-profile.md) it
 * breaks. The switches themselves live beside the mock (mock/deviations.ts); this is the data.
 */
import { KNOWN_DEVIATIONS, type KnownDeviation } from '../mock/deviations.ts';

export type MutantArea =
  | 'signing' | 'envelope' | 'group-types' | 'semantics' | 'limits' | 'rates' | 'edition' | 'shapes' | 'state' | 'error-codes';

export interface MutantEntry {
  name: KnownDeviation;
  area: MutantArea;
  description: string;
  /** The profile section and case the deviation breaks. */
  profileRow: string;
}

const ROWS: Record<KnownDeviation, [MutantArea, string]> = {
  'limits.count-utf16-units': ['limits', 'Group custom attributes: key > 32 bytes (UTF-8) → 10045'],
  'attr.key-too-long-as-invalid-parameter': ['error-codes', 'Group custom attributes: key > 32 bytes (UTF-8) → 10045'],
  'attr.limits-on-request-only': ['limits', 'Group custom attributes: more than 16 keys / 16000 bytes after the write'],
  'signing.expiry-not-checked': ['signing', 'Signing: now > TLS.time + TLS.expire → 70001'],
  'signing.identifier-mismatch-ignored': ['signing', 'Signing: TLS.identifier ≠ identifier → 70013'],
  'signing.sdkappid-mismatch-ignored': ['signing', 'Signing: TLS.sdkappid ≠ sdkappid → 70014'],
  'signing.admin-not-checked': ['signing', 'Signing: valid signature of a non-admin account → 60010'],
  'signing.hmac-not-checked': ['signing', 'Signing: HMAC does not match (wrong key, tampered field) → 70009'],
  'envelope.no-errorinfo-on-success': ['envelope', 'Envelope: ErrorInfo on success present, ""'],
  'envelope.actionstatus-lowercase': ['envelope', 'Envelope: ActionStatus "OK"/"FAIL" (exact case)'],
  'envelope.errorcode-as-string': ['envelope', 'Envelope: ErrorCode integer'],
  'envelope.fail-status-ok': ['envelope', 'Envelope: ActionStatus "FAIL" on an error'],
  'group-types.community-clear-attr-allowed': ['group-types', 'Group custom attributes: Community on clear_group_attr → 10007'],
  'group-types.community-counters-allowed': ['group-types', 'Group counters: Community → 10007'],
  'semantics.modify-replaces-like-set': ['semantics', 'modify_group_attr upserts the listed keys, keeps the others'],
  'semantics.set-merges-like-modify': ['semantics', 'set_group_attr replaces the whole set'],
  'semantics.clear-is-noop': ['semantics', 'clear_group_attr removes every key'],
  'semantics.delete-attr-missing-key-ignored': ['semantics', 'delete_group_attr of a key that does not exist → 10050'],
  'semantics.delete-attr-not-atomic': ['semantics', 'delete_group_attr: a failing write writes nothing'],
  'semantics.delete-counter-without-keys-deletes-nothing': ['semantics', 'delete_group_counter without GroupCounterKeys deletes every counter'],
  'semantics.increase-as-set': ['semantics', 'update_group_counter Mode Increase'],
  'semantics.decrease-adds': ['semantics', 'update_group_counter Mode Decrease'],
  'semantics.missing-counter-starts-at-one': ['semantics', 'update_group_counter: a missing key starts at 0'],
  'semantics.get-counter-ignores-keys': ['semantics', 'get_group_counter with GroupCounterKeys returns those counters'],
  'limits.attr-key-off-by-one': ['limits', 'exactly at a limit (32-byte key) accepted'],
  'limits.attr-value-off-by-one': ['limits', 'exactly at a limit (4000-byte value) accepted'],
  'limits.attr-key-count-off-by-one': ['limits', 'exactly at a limit (16 keys) accepted'],
  'limits.attr-total-off-by-one': ['limits', 'exactly at a limit (16000 bytes) accepted'],
  'limits.counter-key-off-by-one': ['limits', 'Group counters: key of 128 bytes accepted'],
  'limits.counter-count-off-by-one': ['limits', 'Group counters: 20 counters accepted'],
  'rates.no-group-write-limit': ['rates', 'more than 5 writes per second per group → 10049'],
  'rates.clear-not-counted': ['rates', 'more than 5 writes per second per group → 10049 (clear counted)'],
  'rates.no-api-call-limit': ['rates', 'Rates: more than 200 calls per second to one API of one app → 60007'],
  'edition.not-checked': ['edition', 'Group counters: app without the required edition → 10059'],
  'shapes.counter-key-value-lowercase': ['shapes', 'get_group_counter response: {Key, Value} (capitalised)'],
  'shapes.counter-value-as-string': ['shapes', 'get_group_counter response: Value an integer'],
  'shapes.attr-array-renamed': ['shapes', 'get_group_attr response: GroupAttrAry'],
  'state.destroyed-group-readable': ['state', 'Destroyed group, any group API → 10010'],
  'state.attrs-shared-across-groups': ['state', 'Group custom attributes belong to one group (writes never leak to another)'],
};

export const MUTANT_CATALOGUE: readonly MutantEntry[] = (Object.keys(KNOWN_DEVIATIONS) as KnownDeviation[]).map((name) => ({
  name,
  area: ROWS[name][0],
  description: KNOWN_DEVIATIONS[name],
  profileRow: ROWS[name][1],
}));

export function findMutant(name: string): MutantEntry | undefined {
  return MUTANT_CATALOGUE.find((entry) => entry.name === name);
}
