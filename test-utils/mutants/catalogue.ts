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
  /**
   * Ids of gating checks expected to fail against the deviation (all of them), while they pass
   * against the unmodified mock: the project test runs just these (test/mutants). The full
   * `mutants` run is the authoritative measurement and may find more.
   */
  killers: readonly string[];
}

/**
 * Rows in the catalogue's new shape (checks-honesty converts the whole catalogue to it): the
 * profile row is an x-tim-profile id or '<operationId>#<case id>'. The state-class deviations
 * the stateful check (suites/stateful) is meant to find.
 */
export interface CatalogueRow {
  area: MutantArea;
  profile: string;
  killers: string[];
}

export const STATEFUL_ROWS = {
  'state.attr-read-cache-skips-set': { area: 'state', profile: 'attrs.removed-keys-freed', killers: ['stateful/attributes'] },
  'state.counter-read-cache-skips-delete': { area: 'state', profile: 'counters.deleted-counter-gone', killers: ['stateful/counters'] },
  'state.attr-evicts-oldest-past-key-limit': { area: 'state', profile: 'attrs.refused-write-changes-nothing', killers: ['stateful/attributes'] },
  'state.modify-applies-items-before-refused': { area: 'state', profile: 'attrs.refused-write-changes-nothing', killers: ['stateful/attributes'] },
  'state.counter-update-applies-items-before-refused': { area: 'state', profile: 'counters.refused-write-changes-nothing', killers: ['stateful/counters'] },
  'counters.value-parsed-as-double': { area: 'state', profile: 'update_group_counter#returns-resulting-values', killers: ['stateful/counters'] },
  'state.recreated-group-keeps-data': { area: 'state', profile: 'destroy_group#destroyed-group-is-unknown', killers: ['stateful/attributes', 'stateful/counters'] },
  'state.delete-counter-prefix-match': { area: 'state', profile: 'delete_group_counter#deletes-only-listed', killers: ['stateful/counters'] },
  'state.attr-keys-case-insensitive': { area: 'state', profile: 'modify_group_attr#upsert-keeps-others', killers: ['stateful/attributes'] },
  'state.text-stored-as-utf8mb3': { area: 'state', profile: 'modify_group_attr#upsert-keeps-others', killers: ['stateful/attributes'] },
  'state.attr-value-trimmed': { area: 'state', profile: 'modify_group_attr#upsert-keeps-others', killers: ['stateful/attributes'] },
} as const satisfies Partial<Record<KnownDeviation, CatalogueRow>>;

type StatefulRowName = keyof typeof STATEFUL_ROWS;

const ROWS: Record<Exclude<KnownDeviation, StatefulRowName>, [MutantArea, string, string[]]> = {
  'limits.count-utf16-units': ['limits', 'Group custom attributes: key > 32 bytes (UTF-8) → 10045', ['modify_group_attr/key-past-byte-limit/Public', 'modify_group_attr/value-past-byte-limit/Public']],
  'attr.key-too-long-as-invalid-parameter': ['error-codes', 'Group custom attributes: key > 32 bytes (UTF-8) → 10045', ['modify_group_attr/key-past-byte-limit/Public', 'set_group_attr/key-past-byte-limit/Public']],
  'attr.limits-on-request-only': ['limits', 'Group custom attributes: more than 16 keys / 16000 bytes after the write', ['modify_group_attr/key-count-after-write/Public', 'modify_group_attr/total-bytes-after-write/Public']],
  'signing.expiry-not-checked': ['signing', 'Signing: now > TLS.time + TLS.expire → 70001', ['get_group_attr/usersig-expired']],
  'signing.identifier-mismatch-ignored': ['signing', 'Signing: TLS.identifier ≠ identifier → 70013', ['get_group_attr/usersig-other-identifier']],
  'signing.sdkappid-mismatch-ignored': ['signing', 'Signing: TLS.sdkappid ≠ sdkappid → 70014', ['get_group_attr/usersig-other-sdkappid']],
  'signing.admin-not-checked': ['signing', 'Signing: valid signature of a non-admin account → 60010', ['get_group_attr/usersig-not-admin']],
  'signing.hmac-not-checked': ['signing', 'Signing: HMAC does not match (wrong key, tampered field) → 70009', ['get_group_attr/usersig-other-key', 'get_group_attr/usersig-tampered-field']],
  'signing.standard-base64': ['signing', 'Signing: verifier input variants (the official libraries\' base64url) accepted', ['get_group_attr/usersig-own-signer', 'get_group_attr/usersig-valid']],
  'groups.group-id-not-validated': ['error-codes', 'Groups: malformed GroupId (empty, non-printable, > 48 bytes) → 10015', ['get_group_attr/malformed-group-id-too-long', 'clear_group_attr/malformed-group-id-non-ascii']],
  'groups.group-id-number-coerced': ['error-codes', 'Groups: GroupId missing or not a string → 10004', ['get_group_attr/group-id-number', 'delete_group_counter/group-id-number']],
  'envelope.no-errorinfo-on-success': ['envelope', 'Envelope: ErrorInfo on success present, ""', ['get_group_attr/error-info-empty-on-success']],
  'envelope.actionstatus-lowercase': ['envelope', 'Envelope: ActionStatus "OK"/"FAIL" (exact case)', ['get_group_attr/envelope-on-success', 'get_group_attr/envelope-on-unknown-group']],
  'envelope.errorcode-as-string': ['envelope', 'Envelope: ErrorCode integer', ['get_group_attr/envelope-on-success', 'clear_group_attr/envelope-on-missing-group-id']],
  'envelope.fail-status-ok': ['envelope', 'Envelope: ActionStatus "FAIL" on an error', ['get_group_attr/envelope-on-unknown-group']],
  'group-types.community-clear-attr-allowed': ['group-types', 'Group custom attributes: Community on clear_group_attr → 10007', ['clear_group_attr/group-type/Community']],
  'group-types.community-counters-allowed': ['group-types', 'Group counters: Community → 10007', ['get_group_counter/community-not-supported/Community', 'update_group_counter/community-not-supported/Community']],
  'semantics.modify-replaces-like-set': ['semantics', 'modify_group_attr upserts the listed keys, keeps the others', ['modify_group_attr/upsert-keeps-others/Public']],
  'semantics.set-merges-like-modify': ['semantics', 'set_group_attr replaces the whole set', ['set_group_attr/replaces-whole-set/Public']],
  'semantics.clear-is-noop': ['semantics', 'clear_group_attr removes every key', ['clear_group_attr/clears-every-key/Public']],
  'semantics.delete-attr-missing-key-ignored': ['semantics', 'delete_group_attr of a key that does not exist → 10050', ['delete_group_attr/missing-key/Public']],
  'semantics.delete-attr-removes-all': ['semantics', 'delete_group_attr removes only the listed keys', ['delete_group_attr/deletes-only-listed/Public']],
  'semantics.delete-counter-without-keys-deletes-nothing': ['semantics', 'delete_group_counter without GroupCounterKeys deletes every counter', ['delete_group_counter/no-keys-deletes-all/Public']],
  'semantics.increase-as-set': ['semantics', 'update_group_counter Mode Increase', ['update_group_counter/set-increase-decrease/Public']],
  'semantics.decrease-adds': ['semantics', 'update_group_counter Mode Decrease', ['update_group_counter/set-increase-decrease/Public', 'update_group_counter/missing-key-starts-at-zero/Public']],
  'semantics.missing-counter-starts-at-one': ['semantics', 'update_group_counter: a missing key starts at 0', ['update_group_counter/missing-key-starts-at-zero/Public']],
  'semantics.get-counter-ignores-keys': ['semantics', 'get_group_counter with GroupCounterKeys returns those counters', ['get_group_counter/listed-keys-only/Public']],
  'limits.attr-key-off-by-one': ['limits', 'exactly at a limit (32-byte key) accepted', ['modify_group_attr/key-at-byte-limit/Public']],
  'limits.attr-value-off-by-one': ['limits', 'exactly at a limit (4000-byte value) accepted', ['modify_group_attr/value-at-byte-limit/Public']],
  'limits.attr-key-count-off-by-one': ['limits', 'exactly at a limit (16 keys) accepted', ['modify_group_attr/key-count-at-limit/Public']],
  'limits.attr-total-off-by-one': ['limits', 'exactly at a limit (16000 bytes) accepted', ['modify_group_attr/total-bytes-at-limit/Public']],
  'limits.counter-key-off-by-one': ['limits', 'Group counters: key of 128 bytes accepted', ['update_group_counter/counter-key-at-byte-limit/Public']],
  'limits.counter-count-off-by-one': ['limits', 'Group counters: 20 counters accepted', ['update_group_counter/counter-count-at-limit/Public']],
  'rates.no-group-write-limit': ['rates', 'more than 5 writes per second per group → 10049', ['modify_group_attr/write-rate-per-group/Public']],
  'rates.delete-not-counted': ['rates', 'more than 5 writes (modify, set, delete) per second per group → 10049', ['delete_group_attr/write-rate-per-group/Public']],
  'rates.no-api-call-limit': ['rates', 'Rates: more than 200 calls per second to one API of one app → 60007', ['get_group_attr/api-call-rate/Public']],
  'edition.not-checked': ['edition', 'Group counters: app without the required edition → 10059', ['delete_group_counter/edition-missing/Public']],
  'shapes.counter-key-value-lowercase': ['shapes', 'get_group_counter response: {Key, Value} (capitalised)', ['get_group_counter/all-when-no-keys/Public']],
  'shapes.counter-value-as-string': ['shapes', 'get_group_counter response: Value an integer', ['get_group_counter/all-when-no-keys/Public']],
  'shapes.attr-array-renamed': ['shapes', 'get_group_attr response: GroupAttrAry', ['get_group_attr/lower-case-key-value/Public']],
  'state.destroyed-group-readable': ['state', 'Destroyed group, any group API → 10010', ['clear_group_attr/destroyed-group', 'get_group_counter/destroyed-group/Public', 'stateful/attributes']],
  'state.attrs-shared-across-groups': ['state', 'Group custom attributes belong to one group (writes never leak to another)', ['modify_group_attr/other-group-unchanged/Public', 'stateful/attributes']],
};

function isStatefulRow(name: KnownDeviation): name is StatefulRowName {
  return name in STATEFUL_ROWS;
}

export const MUTANT_CATALOGUE: readonly MutantEntry[] = (Object.keys(KNOWN_DEVIATIONS) as KnownDeviation[]).map((name) => {
  if (isStatefulRow(name)) {
    const row: CatalogueRow = { ...STATEFUL_ROWS[name], killers: [...STATEFUL_ROWS[name].killers] };
    return { name, area: row.area, description: KNOWN_DEVIATIONS[name], profileRow: row.profile, killers: row.killers };
  }
  return { name, area: ROWS[name][0], description: KNOWN_DEVIATIONS[name], profileRow: ROWS[name][1], killers: ROWS[name][2] };
});

export function findMutant(name: string): MutantEntry | undefined {
  return MUTANT_CATALOGUE.find((entry) => entry.name === name);
}
