/**
 * The mutation self-check's catalogue: every deviation the mock can switch on, with the area it
 * belongs to, the row of the reference behaviour it breaks (a reference into the contract data,
 * see contract/behaviour.ts) and the checks expected to catch it. Every deviation stays here,
 * caught or not: the `mutants` report lists survivors with their row's status and a reason.
 * The switches themselves live beside the mock (mock/deviations.ts); this is the data.
 *
 * Row shape (other branches add rows in it):
 *   'name': { area, profile, killers, survivorReason? }
 * - profile: an x-tim-profile id ('signing.expired') or an operation case
 *   ('clear_group_attr#clears-every-key'); also '<op>#group-type/<Type>', '<op>#edition',
 *   '<op>#response', 'limit:<id>' and 'limit:<id>#exceeded'. Its words, status and pages come
 *   from the spec; test/mutants/catalogue.test.ts fails when a reference does not resolve.
 * - killers: ids of checks expected to fail against the deviation while they pass against the
 *   unmodified mock (gating ones for a documented row; tentative ones are all an inferred row
 *   can have). The full `mutants` run is the authoritative measurement and may find more.
 * - survivorReason: why the deviation is expected to survive a run without --strict (an inferred
 *   row), or a known gap; printed beside the survivor.
 */
import { resolveBehaviour } from '../contract/behaviour.ts';
import type { EvidenceStatus } from '../contract/types.ts';
import { KNOWN_DEVIATIONS, type KnownDeviation } from '../mock/deviations.ts';

export type MutantArea =
  | 'signing'
  | 'envelope'
  | 'group-types'
  | 'semantics'
  | 'limits'
  | 'rates'
  | 'edition'
  | 'shapes'
  | 'state'
  | 'error-codes';

/** One catalogue row as written. */
export interface MutantRow {
  area: MutantArea;
  /** The behaviour reference (see the header). */
  profile: string;
  killers: readonly string[];
  survivorReason?: string;
}

export interface MutantEntry {
  name: KnownDeviation;
  area: MutantArea;
  /** What the wrong server does (mock/deviations.ts). */
  description: string;
  /** The behaviour reference as written in the row. */
  profile: string;
  /** The row's behaviour in words, from the spec (or the resolution error). */
  profileRow: string;
  /** The row's evidence status; 'unresolved' when the reference names nothing in the spec. */
  status: EvidenceStatus | 'unresolved';
  docUrls: readonly string[];
  /**
   * Ids of checks expected to fail against the deviation (all of them), while they pass
   * against the unmodified mock: the project test runs just these (test/mutants).
   */
  killers: readonly string[];
  survivorReason?: string;
}

const ROWS: Record<KnownDeviation, MutantRow> = {
  'limits.count-utf16-units': {
    area: 'limits',
    profile: 'limit:attr.key.maxBytes#exceeded',
    killers: ['modify_group_attr/key-past-byte-limit/Public', 'modify_group_attr/value-past-byte-limit/Public'],
  },
  'attr.key-too-long-as-invalid-parameter': {
    area: 'error-codes',
    profile: 'limit:attr.key.maxBytes#exceeded',
    killers: ['modify_group_attr/key-past-byte-limit/Public', 'set_group_attr/key-past-byte-limit/Public'],
  },
  'attr.limits-on-request-only': {
    area: 'limits',
    profile: 'limit:attr.keys.maxCount#exceeded',
    killers: ['modify_group_attr/key-count-after-write/Public', 'modify_group_attr/total-bytes-after-write/Public'],
  },
  'signing.expiry-not-checked': {
    area: 'signing',
    profile: 'signing.expired',
    killers: ['get_group_attr/usersig-expired'],
  },
  'signing.identifier-mismatch-ignored': {
    area: 'signing',
    profile: 'signing.identifier-mismatch',
    killers: ['get_group_attr/usersig-other-identifier'],
  },
  'signing.sdkappid-mismatch-ignored': {
    area: 'signing',
    profile: 'signing.sdkappid-mismatch',
    killers: ['get_group_attr/usersig-other-sdkappid'],
  },
  'signing.admin-not-checked': {
    area: 'signing',
    profile: 'signing.not-admin',
    killers: ['get_group_attr/usersig-not-admin'],
  },
  'signing.hmac-not-checked': {
    area: 'signing',
    profile: 'signing.hmac-mismatch',
    killers: ['get_group_attr/usersig-other-key', 'get_group_attr/usersig-tampered-field'],
  },
  'signing.standard-base64': {
    area: 'signing',
    profile: 'signing.verifier-variants',
    killers: ['get_group_attr/usersig-own-signer', 'get_group_attr/usersig-valid'],
  },
  'groups.group-id-not-validated': {
    area: 'error-codes',
    profile: 'groups.malformed-group-id',
    killers: ['get_group_attr/malformed-group-id-too-long', 'clear_group_attr/malformed-group-id-non-ascii'],
  },
  'groups.group-id-number-coerced': {
    area: 'error-codes',
    profile: 'groups.missing-group-id',
    killers: ['get_group_attr/group-id-number', 'delete_group_counter/group-id-number'],
  },
  'groups.avchatroom-members-accepted': {
    area: 'error-codes',
    profile: 'create_group#avchatroom-member-list',
    killers: ['create_group/gen-row-avchatroom-member-list'],
  },
  'envelope.no-errorinfo-on-success': {
    area: 'envelope',
    profile: 'transport.error-info-on-success',
    killers: ['get_group_attr/error-info-empty-on-success'],
  },
  'envelope.actionstatus-lowercase': {
    area: 'envelope',
    profile: 'transport.http-200',
    killers: ['get_group_attr/envelope-on-success', 'get_group_attr/envelope-on-unknown-group'],
  },
  'envelope.errorcode-as-string': {
    area: 'envelope',
    profile: 'transport.http-200',
    killers: ['get_group_attr/envelope-on-success', 'clear_group_attr/envelope-on-missing-group-id'],
  },
  'envelope.fail-status-ok': {
    area: 'envelope',
    profile: 'transport.http-200',
    killers: ['get_group_attr/envelope-on-unknown-group'],
  },
  'group-types.community-clear-attr-allowed': {
    area: 'group-types',
    profile: 'clear_group_attr#group-type/Community',
    killers: ['clear_group_attr/group-type/Community'],
  },
  'group-types.community-counters-allowed': {
    area: 'group-types',
    profile: 'get_group_counter#group-type/Community',
    killers: [
      'get_group_counter/community-not-supported/Community',
      'update_group_counter/community-not-supported/Community',
    ],
  },
  'semantics.modify-replaces-like-set': {
    area: 'semantics',
    profile: 'modify_group_attr#upsert-keeps-others',
    killers: ['modify_group_attr/upsert-keeps-others/Public'],
  },
  'semantics.set-merges-like-modify': {
    area: 'semantics',
    profile: 'set_group_attr#replaces-whole-set',
    killers: ['set_group_attr/replaces-whole-set/Public'],
  },
  'semantics.clear-is-noop': {
    area: 'semantics',
    profile: 'clear_group_attr#clears-every-key',
    killers: ['clear_group_attr/clears-every-key/Public'],
  },
  'semantics.delete-attr-missing-key-ignored': {
    area: 'semantics',
    profile: 'delete_group_attr#missing-key',
    killers: ['delete_group_attr/missing-key/Public'],
  },
  'semantics.delete-attr-removes-all': {
    area: 'semantics',
    profile: 'delete_group_attr#deletes-only-listed',
    killers: ['delete_group_attr/deletes-only-listed/Public'],
  },
  'semantics.delete-counter-without-keys-deletes-nothing': {
    area: 'semantics',
    profile: 'delete_group_counter#no-keys-deletes-all',
    killers: ['delete_group_counter/no-keys-deletes-all/Public'],
  },
  'semantics.delete-counter-empty-keys-deletes-nothing': {
    area: 'semantics',
    profile: 'delete_group_counter#empty-keys-deletes-all',
    killers: ['delete_group_counter/empty-keys-deletes-all/Public'],
    survivorReason:
      'the profile infers that GroupCounterKeys [] deletes every counter (no page says so): only a tentative check catches it',
  },
  'semantics.increase-as-set': {
    area: 'semantics',
    profile: 'update_group_counter#returns-resulting-values',
    killers: ['update_group_counter/set-increase-decrease/Public'],
  },
  'semantics.decrease-adds': {
    area: 'semantics',
    profile: 'update_group_counter#returns-resulting-values',
    killers: [
      'update_group_counter/set-increase-decrease/Public',
      'update_group_counter/missing-key-starts-at-zero/Public',
    ],
  },
  'semantics.missing-counter-starts-at-one': {
    area: 'semantics',
    profile: 'update_group_counter#missing-key-starts-at-zero',
    killers: ['update_group_counter/missing-key-starts-at-zero/Public'],
  },
  'semantics.get-counter-ignores-keys': {
    area: 'semantics',
    profile: 'get_group_counter#listed-keys-only',
    killers: ['get_group_counter/listed-keys-only/Public'],
  },
  'limits.attr-key-off-by-one': {
    area: 'limits',
    profile: 'limit:attr.key.maxBytes',
    killers: ['modify_group_attr/key-at-byte-limit/Public'],
  },
  'limits.attr-value-off-by-one': {
    area: 'limits',
    profile: 'limit:attr.value.maxBytes',
    killers: ['modify_group_attr/value-at-byte-limit/Public'],
  },
  'limits.attr-key-count-off-by-one': {
    area: 'limits',
    profile: 'limit:attr.keys.maxCount',
    killers: ['modify_group_attr/key-count-at-limit/Public'],
  },
  'limits.attr-total-off-by-one': {
    area: 'limits',
    profile: 'limit:attr.values.totalMaxBytes',
    killers: ['modify_group_attr/total-bytes-at-limit/Public'],
  },
  'limits.counter-key-off-by-one': {
    area: 'limits',
    profile: 'limit:counter.key.maxBytes',
    killers: ['update_group_counter/counter-key-at-byte-limit/Public'],
  },
  'limits.counter-count-off-by-one': {
    area: 'limits',
    profile: 'limit:counter.keys.maxCount',
    killers: ['update_group_counter/counter-count-at-limit/Public'],
  },
  'rates.no-group-write-limit': {
    area: 'rates',
    profile: 'limit:attr.writes.perGroupPerSecond#exceeded',
    killers: ['modify_group_attr/write-rate-per-group/Public'],
  },
  'rates.delete-not-counted': {
    area: 'rates',
    profile: 'limit:attr.writes.perGroupPerSecond#exceeded',
    killers: ['delete_group_attr/write-rate-per-group/Public'],
  },
  'rates.no-api-call-limit': {
    area: 'rates',
    profile: 'rates.api-calls-per-second',
    killers: ['get_group_attr/api-call-rate/Public'],
  },
  'edition.not-checked': {
    area: 'edition',
    profile: 'delete_group_counter#edition',
    killers: ['delete_group_counter/edition-missing/Public'],
  },
  'shapes.counter-key-value-lowercase': {
    area: 'shapes',
    profile: 'get_group_counter#response',
    killers: ['get_group_counter/all-when-no-keys/Public'],
  },
  'shapes.counter-value-as-string': {
    area: 'shapes',
    profile: 'get_group_counter#response',
    killers: ['get_group_counter/all-when-no-keys/Public'],
  },
  'shapes.attr-array-renamed': {
    area: 'shapes',
    profile: 'get_group_attr#response',
    killers: ['get_group_attr/lower-case-key-value/Public'],
  },
  'state.destroyed-group-readable': {
    area: 'state',
    profile: 'destroy_group#destroyed-group-is-unknown',
    killers: ['clear_group_attr/destroyed-group', 'get_group_counter/destroyed-group/Public', 'stateful/attributes'],
  },
  'state.attrs-shared-across-groups': {
    area: 'state',
    profile: 'modify_group_attr#other-group-unchanged',
    killers: ['modify_group_attr/other-group-unchanged/Public'],
  },
  // checks-rows (issue 13 item 3): the wrong servers and their kin.
  'state.clear-keeps-key-slots': {
    area: 'state',
    profile: 'attrs.removed-keys-freed',
    killers: ['clear_group_attr/frees-key-slots/Public'],
  },
  'state.set-keeps-removed-key-slots': {
    area: 'state',
    profile: 'attrs.removed-keys-freed',
    killers: ['set_group_attr/frees-removed-key-slots/Public'],
  },
  'state.delete-attr-keeps-bytes': {
    area: 'state',
    profile: 'attrs.removed-keys-freed',
    killers: ['delete_group_attr/frees-slot-and-bytes/Public'],
  },
  'state.deleted-counter-resumes': {
    area: 'state',
    profile: 'counters.deleted-counter-gone',
    killers: ['delete_group_counter/increase-restarts-from-zero/Public'],
  },
  'state.deleted-counter-still-counted': {
    area: 'state',
    profile: 'counters.deleted-counter-gone',
    killers: ['delete_group_counter/frees-counter-slots/Public'],
  },
  'state.read-cache-after-clear': {
    area: 'state',
    profile: 'attrs.removed-keys-freed',
    killers: ['get_group_attr/read-after-write-shows-it/Public'],
  },
  'isolation.groups-shared-across-apps': {
    area: 'state',
    profile: 'groups.other-app-group',
    killers: [
      'modify_group_attr/other-app-group-not-found/Public',
      'update_group_counter/other-app-group-not-found/Public',
    ],
  },
  'state.refused-write-stored': {
    area: 'state',
    profile: 'attrs.refused-write-changes-nothing',
    killers: [
      'modify_group_attr/refused-writes-change-nothing/Public',
      'set_group_attr/refused-writes-change-nothing/Public',
      'modify_group_attr/key-past-byte-limit/Public',
      'modify_group_attr/value-past-byte-limit/Public',
      'modify_group_attr/key-count-after-write/Public',
      'modify_group_attr/total-bytes-after-write/Public',
    ],
  },
  'state.refused-counter-write-stored': {
    area: 'state',
    profile: 'counters.refused-write-changes-nothing',
    killers: [
      'update_group_counter/refused-write-changes-nothing/Public',
      'update_group_counter/counter-count-past-limit-rejected/Public',
    ],
  },
  'limits.counter-count-unchecked': {
    area: 'limits',
    profile: 'counters.limit-rejected',
    killers: [
      'update_group_counter/counter-count-past-limit-rejected/Public',
      'update_group_counter/refused-write-changes-nothing/Public',
    ],
  },
  'limits.counter-key-length-unchecked': {
    area: 'limits',
    profile: 'counters.limit-rejected',
    killers: ['update_group_counter/counter-key-past-limit-rejected/Public'],
  },
  'limits.counter-count-on-request': {
    area: 'limits',
    profile: 'counters.limit-rejected',
    killers: ['update_group_counter/counter-count-past-limit-rejected/Public'],
  },
  'counters.float-value-truncated': {
    area: 'limits',
    profile: 'counters.limit-rejected',
    killers: ['update_group_counter/float-value-rejected/Public'],
  },
  'counters.string-value-parsed': {
    area: 'limits',
    profile: 'counters.limit-rejected',
    killers: ['update_group_counter/string-value-rejected/Public'],
  },
  'counters.int64-overflow-wraps': {
    area: 'limits',
    profile: 'counters.limit-rejected',
    killers: [
      'update_group_counter/int64-max-overflow-rejected/Public',
      'update_group_counter/int64-min-overflow-rejected/Public',
      'update_group_counter/refused-write-changes-nothing/Public',
    ],
  },
  'signing.hmac-prefix-compared': {
    area: 'signing',
    profile: 'signing.sig-any-byte-changed',
    killers: ['get_group_attr/usersig-sig-middle-byte-changed', 'get_group_attr/usersig-sig-last-byte-changed'],
  },
  'signing.expiry-grace-period': {
    area: 'signing',
    profile: 'signing.expiry-exact',
    killers: ['get_group_attr/usersig-expired-seconds-ago', 'get_group_attr/usersig-expired-one-second-ago'],
  },
  'signing.expiry-off-by-one-early': {
    area: 'signing',
    profile: 'signing.expiry-exact',
    killers: ['get_group_attr/usersig-last-valid-second'],
  },
  'signing.expiry-off-by-one-late': {
    area: 'signing',
    profile: 'signing.expiry-exact',
    killers: ['get_group_attr/usersig-expired-one-second-ago'],
  },
  'signing.expire-field-ignored': {
    area: 'signing',
    profile: 'signing.expiry-exact',
    killers: ['get_group_attr/usersig-expired-seconds-ago', 'get_group_attr/usersig-expired-one-second-ago'],
  },
  'rates.api-limit-below-200': {
    area: 'rates',
    profile: 'rates.api-calls-up-to-limit-served',
    killers: ['get_group_info/api-calls-up-to-limit-served/Public'],
  },
  'rates.api-limit-off-by-one': {
    area: 'rates',
    profile: 'rates.api-calls-per-second',
    killers: ['get_group_info/api-calls-up-to-limit-served/Public', 'get_group_attr/api-call-rate/Public'],
  },
  'rates.write-window-per-app': {
    area: 'rates',
    profile: 'limit:attr.writes.perGroupPerSecond',
    killers: ['modify_group_attr/write-rate-groups-independent/Public'],
  },
  'rates.write-window-two-seconds': {
    area: 'rates',
    profile: 'limit:attr.writes.perGroupPerSecond',
    killers: ['modify_group_attr/write-rate-window-slides/Public'],
  },
  'rates.sixth-write-accepted': {
    area: 'rates',
    profile: 'limit:attr.writes.perGroupPerSecond#exceeded',
    killers: ['modify_group_attr/write-rate-per-group/Public', 'set_group_attr/write-rate-per-group/Public'],
  },
  'limits.attr-total-on-state-before-write': {
    area: 'limits',
    profile: 'limit:attr.values.totalMaxBytes#exceeded',
    killers: [
      'modify_group_attr/total-bytes-after-write/Public',
      'modify_group_attr/refused-writes-change-nothing/Public',
    ],
  },
  // model (issue 13 items 1-2): state-class deviations the stateful check finds.
  'state.attr-read-cache-skips-set': {
    area: 'state',
    profile: 'attrs.removed-keys-freed',
    killers: ['stateful/attributes'],
  },
  'state.counter-read-cache-skips-delete': {
    area: 'state',
    profile: 'counters.deleted-counter-gone',
    killers: ['stateful/counters'],
  },
  'state.attr-evicts-oldest-past-key-limit': {
    area: 'state',
    profile: 'attrs.refused-write-changes-nothing',
    killers: ['stateful/attributes'],
  },
  'state.modify-applies-items-before-refused': {
    area: 'state',
    profile: 'attrs.refused-write-changes-nothing',
    killers: ['stateful/attributes'],
  },
  'state.counter-update-applies-items-before-refused': {
    area: 'state',
    profile: 'counters.refused-write-changes-nothing',
    killers: ['stateful/counters'],
  },
  'counters.value-parsed-as-double': {
    area: 'state',
    profile: 'update_group_counter#returns-resulting-values',
    killers: ['stateful/counters'],
  },
  'state.recreated-group-keeps-data': {
    area: 'state',
    profile: 'destroy_group#destroyed-group-is-unknown',
    killers: ['stateful/attributes', 'stateful/counters'],
  },
  'state.delete-counter-prefix-match': {
    area: 'state',
    profile: 'delete_group_counter#deletes-only-listed',
    killers: ['stateful/counters'],
  },
  'state.attr-keys-case-insensitive': {
    area: 'state',
    profile: 'modify_group_attr#upsert-keeps-others',
    killers: ['stateful/attributes'],
  },
  'state.text-stored-as-utf8mb3': {
    area: 'state',
    profile: 'modify_group_attr#upsert-keeps-others',
    killers: ['stateful/attributes'],
  },
  'state.attr-value-trimmed': {
    area: 'state',
    profile: 'modify_group_attr#upsert-keeps-others',
    killers: ['stateful/attributes'],
  },
};

function entryOf(name: KnownDeviation, row: MutantRow | undefined): MutantEntry {
  const base = {
    name,
    description: KNOWN_DEVIATIONS[name],
    killers: row?.killers ?? [],
    ...(row?.survivorReason ? { survivorReason: row.survivorReason } : {}),
  };
  if (row === undefined)
    return { ...base, area: 'state', profile: '', profileRow: 'no catalogue row', status: 'unresolved', docUrls: [] };
  try {
    const behaviour = resolveBehaviour(row.profile);
    return {
      ...base,
      area: row.area,
      profile: row.profile,
      profileRow: behaviour.description,
      status: behaviour.status,
      docUrls: behaviour.docUrls,
    };
  } catch (error) {
    // Kept in the catalogue (and gating) so that a broken reference is reported, never hidden.
    return {
      ...base,
      area: row.area,
      profile: row.profile,
      profileRow: (error as Error).message,
      status: 'unresolved',
      docUrls: [],
    };
  }
}

/** Every deviation the mock knows, in its order: none is left out for being caught or not. */
export const MUTANT_CATALOGUE: readonly MutantEntry[] = (Object.keys(KNOWN_DEVIATIONS) as KnownDeviation[]).map(
  (name) => entryOf(name, (ROWS as Partial<Record<KnownDeviation, MutantRow>>)[name]),
);

export function findMutant(name: string): MutantEntry | undefined {
  return MUTANT_CATALOGUE.find((entry) => entry.name === name);
}

/** A survivor of this row gates the `mutants` exit code (documented rows always; inferred ones with --strict). */
export function survivorGates(entry: Pick<MutantEntry, 'status'>, strict: boolean): boolean {
  return entry.status !== 'inferred' || strict;
}
