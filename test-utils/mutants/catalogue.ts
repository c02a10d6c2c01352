/**
 * The mutation self-check's catalogue: every deviation the mock can switch on, with the area it
 * belongs to, the row of the reference behaviour it breaks (a reference into the contract data,
 * see contract/behaviour.ts) and the checks expected to catch it. Every deviation stays here,
 * caught or not: the `mutants` report lists survivors with their row's status and a reason.
 * The switches themselves live beside the mock (mock/deviations.ts); this is the data.
 *
 * Row shape (other branches add rows in it), built by the constructor of the row's area:
 *   'name': signing(profile, killers, survivorReason?)   // { area: 'signing', profile, killers, ... }
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
  | 'error-codes'
  | 'transport';

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

/**
 * A row of one area: each row names only what is its own (the behaviour it breaks, the checks
 * that catch it, and, for an expected survivor, why).
 */
function rowOf(area: MutantArea) {
  return (profile: string, killers: readonly string[], survivorReason?: string): MutantRow => ({
    area,
    profile,
    killers,
    ...(survivorReason === undefined ? {} : { survivorReason }),
  });
}
const signing = rowOf('signing');
const envelope = rowOf('envelope');
const groupTypes = rowOf('group-types');
const semantics = rowOf('semantics');
const limits = rowOf('limits');
const rates = rowOf('rates');
const edition = rowOf('edition');
const shapes = rowOf('shapes');
const state = rowOf('state');
const errorCodes = rowOf('error-codes');
const transport = rowOf('transport');

const ROWS: Record<KnownDeviation, MutantRow> = {
  'limits.count-utf16-units': limits('limit:attr.key.maxBytes#exceeded', [
    'modify_group_attr/key-past-byte-limit/Public',
    'modify_group_attr/value-past-byte-limit/Public',
  ]),
  'attr.key-too-long-as-invalid-parameter': errorCodes('limit:attr.key.maxBytes#exceeded', [
    'modify_group_attr/key-past-byte-limit/Public',
    'set_group_attr/key-past-byte-limit/Public',
  ]),
  'attr.limits-on-request-only': limits('limit:attr.keys.maxCount#exceeded', [
    'modify_group_attr/key-count-after-write/Public',
    'modify_group_attr/total-bytes-after-write/Public',
  ]),
  'signing.expiry-not-checked': signing('signing.expired', ['get_group_attr/usersig-expired']),
  'signing.identifier-mismatch-ignored': signing('signing.identifier-mismatch', [
    'get_group_attr/usersig-other-identifier',
  ]),
  'signing.sdkappid-mismatch-ignored': signing('signing.sdkappid-mismatch', ['get_group_attr/usersig-other-sdkappid']),
  'signing.admin-not-checked': signing('signing.not-admin', ['get_group_attr/usersig-not-admin']),
  'signing.hmac-not-checked': signing('signing.hmac-mismatch', [
    'get_group_attr/usersig-other-key',
    'get_group_attr/usersig-tampered-field',
  ]),
  'signing.standard-base64': signing('signing.verifier-variants', [
    'get_group_attr/usersig-own-signer',
    'get_group_attr/usersig-valid',
  ]),
  'groups.group-id-not-validated': errorCodes('groups.malformed-group-id', [
    'get_group_attr/malformed-group-id-too-long',
    'clear_group_attr/malformed-group-id-non-ascii',
  ]),
  'groups.group-id-number-coerced': errorCodes('groups.missing-group-id', [
    'get_group_attr/group-id-number',
    'delete_group_counter/group-id-number',
  ]),
  'groups.avchatroom-members-accepted': errorCodes('create_group#avchatroom-member-list', [
    'create_group/gen-row-avchatroom-member-list',
  ]),
  'envelope.no-errorinfo-on-success': envelope('transport.error-info-on-success', [
    'get_group_attr/error-info-empty-on-success',
  ]),
  'envelope.actionstatus-lowercase': envelope('transport.http-200', [
    'get_group_attr/envelope-on-success',
    'get_group_attr/envelope-on-unknown-group',
  ]),
  'envelope.errorcode-as-string': envelope('transport.http-200', [
    'get_group_attr/envelope-on-success',
    'clear_group_attr/envelope-on-missing-group-id',
  ]),
  'envelope.fail-status-ok': envelope('transport.http-200', ['get_group_attr/envelope-on-unknown-group']),
  'group-types.community-clear-attr-allowed': groupTypes('clear_group_attr#group-type/Community', [
    'clear_group_attr/group-type/Community',
  ]),
  'group-types.community-counters-allowed': groupTypes('get_group_counter#group-type/Community', [
    'get_group_counter/community-not-supported/Community',
    'update_group_counter/community-not-supported/Community',
  ]),
  'semantics.modify-replaces-like-set': semantics('modify_group_attr#upsert-keeps-others', [
    'modify_group_attr/upsert-keeps-others/Public',
  ]),
  'semantics.set-merges-like-modify': semantics('set_group_attr#replaces-whole-set', [
    'set_group_attr/replaces-whole-set/Public',
  ]),
  'semantics.clear-is-noop': semantics('clear_group_attr#clears-every-key', [
    'clear_group_attr/clears-every-key/Public',
  ]),
  'semantics.delete-attr-missing-key-ignored': semantics('delete_group_attr#missing-key', [
    'delete_group_attr/missing-key/Public',
  ]),
  'semantics.delete-attr-removes-all': semantics('delete_group_attr#deletes-only-listed', [
    'delete_group_attr/deletes-only-listed/Public',
  ]),
  'semantics.delete-counter-without-keys-deletes-nothing': semantics('delete_group_counter#no-keys-deletes-all', [
    'delete_group_counter/no-keys-deletes-all/Public',
  ]),
  'semantics.delete-counter-empty-keys-deletes-nothing': semantics(
    'delete_group_counter#empty-keys-deletes-all',
    ['delete_group_counter/empty-keys-deletes-all/Public'],
    'the profile infers that GroupCounterKeys [] deletes every counter (no page says so): only a tentative check catches it',
  ),
  'semantics.increase-as-set': semantics('update_group_counter#returns-resulting-values', [
    'update_group_counter/set-increase-decrease/Public',
  ]),
  'semantics.decrease-adds': semantics('update_group_counter#returns-resulting-values', [
    'update_group_counter/set-increase-decrease/Public',
    'update_group_counter/missing-key-starts-at-zero/Public',
  ]),
  'semantics.missing-counter-starts-at-one': semantics('update_group_counter#missing-key-starts-at-zero', [
    'update_group_counter/missing-key-starts-at-zero/Public',
  ]),
  'semantics.get-counter-ignores-keys': semantics('get_group_counter#listed-keys-only', [
    'get_group_counter/listed-keys-only/Public',
  ]),
  'limits.attr-key-off-by-one': limits('limit:attr.key.maxBytes', ['modify_group_attr/key-at-byte-limit/Public']),
  'limits.attr-value-off-by-one': limits('limit:attr.value.maxBytes', ['modify_group_attr/value-at-byte-limit/Public']),
  'limits.attr-key-count-off-by-one': limits('limit:attr.keys.maxCount', [
    'modify_group_attr/key-count-at-limit/Public',
  ]),
  'limits.attr-total-off-by-one': limits('limit:attr.values.totalMaxBytes', [
    'modify_group_attr/total-bytes-at-limit/Public',
  ]),
  'limits.counter-key-off-by-one': limits('limit:counter.key.maxBytes', [
    'update_group_counter/counter-key-at-byte-limit/Public',
  ]),
  'limits.counter-count-off-by-one': limits('limit:counter.keys.maxCount', [
    'update_group_counter/counter-count-at-limit/Public',
  ]),
  'rates.no-group-write-limit': rates('limit:attr.writes.perGroupPerSecond#exceeded', [
    'modify_group_attr/write-rate-per-group/Public',
  ]),
  'rates.delete-not-counted': rates('limit:attr.writes.perGroupPerSecond#exceeded', [
    'delete_group_attr/write-rate-per-group/Public',
  ]),
  'rates.no-api-call-limit': rates('rates.api-calls-per-second', ['get_group_attr/api-call-rate/Public']),
  'edition.not-checked': edition('delete_group_counter#edition', ['delete_group_counter/edition-missing/Public']),
  'shapes.counter-key-value-lowercase': shapes('get_group_counter#response', [
    'get_group_counter/all-when-no-keys/Public',
  ]),
  'shapes.counter-value-as-string': shapes('get_group_counter#response', ['get_group_counter/all-when-no-keys/Public']),
  'shapes.attr-array-renamed': shapes('get_group_attr#response', ['get_group_attr/lower-case-key-value/Public']),
  'state.destroyed-group-readable': state('destroy_group#destroyed-group-is-unknown', [
    'clear_group_attr/destroyed-group',
    'get_group_counter/destroyed-group/Public',
    'stateful/attributes',
  ]),
  'state.attrs-shared-across-groups': state('modify_group_attr#other-group-unchanged', [
    'modify_group_attr/other-group-unchanged/Public',
  ]),
  // checks-rows (issue 13 item 3): the wrong servers and their kin.
  'state.clear-keeps-key-slots': state('attrs.removed-keys-freed', ['clear_group_attr/frees-key-slots/Public']),
  'state.set-keeps-removed-key-slots': state('attrs.removed-keys-freed', [
    'set_group_attr/frees-removed-key-slots/Public',
  ]),
  'state.delete-attr-keeps-bytes': state('attrs.removed-keys-freed', ['delete_group_attr/frees-slot-and-bytes/Public']),
  'state.deleted-counter-resumes': state('counters.deleted-counter-gone', [
    'delete_group_counter/increase-restarts-from-zero/Public',
  ]),
  'state.deleted-counter-still-counted': state('counters.deleted-counter-gone', [
    'delete_group_counter/frees-counter-slots/Public',
  ]),
  'state.read-cache-after-clear': state('attrs.removed-keys-freed', [
    'get_group_attr/read-after-write-shows-it/Public',
  ]),
  'isolation.groups-shared-across-apps': state('groups.other-app-group', [
    'modify_group_attr/other-app-group-not-found/Public',
    'update_group_counter/other-app-group-not-found/Public',
  ]),
  'state.refused-write-stored': state('attrs.refused-write-changes-nothing', [
    'modify_group_attr/refused-writes-change-nothing/Public',
    'set_group_attr/refused-writes-change-nothing/Public',
    'modify_group_attr/key-past-byte-limit/Public',
    'modify_group_attr/value-past-byte-limit/Public',
    'modify_group_attr/key-count-after-write/Public',
    'modify_group_attr/total-bytes-after-write/Public',
  ]),
  'state.refused-counter-write-stored': state('counters.refused-write-changes-nothing', [
    'update_group_counter/refused-write-changes-nothing/Public',
    'update_group_counter/counter-count-past-limit-rejected/Public',
  ]),
  'limits.counter-count-unchecked': limits('counters.limit-rejected', [
    'update_group_counter/counter-count-past-limit-rejected/Public',
    'update_group_counter/refused-write-changes-nothing/Public',
  ]),
  'limits.counter-key-length-unchecked': limits('counters.limit-rejected', [
    'update_group_counter/counter-key-past-limit-rejected/Public',
  ]),
  'limits.counter-count-on-request': limits('counters.limit-rejected', [
    'update_group_counter/counter-count-past-limit-rejected/Public',
  ]),
  'counters.float-value-truncated': limits('counters.limit-rejected', [
    'update_group_counter/float-value-rejected/Public',
  ]),
  'counters.string-value-parsed': limits('counters.limit-rejected', [
    'update_group_counter/string-value-rejected/Public',
  ]),
  'counters.int64-overflow-wraps': limits('counters.limit-rejected', [
    'update_group_counter/int64-max-overflow-rejected/Public',
    'update_group_counter/int64-min-overflow-rejected/Public',
    'update_group_counter/refused-write-changes-nothing/Public',
  ]),
  'signing.hmac-prefix-compared': signing('signing.sig-any-byte-changed', [
    'get_group_attr/usersig-sig-middle-byte-changed',
    'get_group_attr/usersig-sig-last-byte-changed',
  ]),
  'signing.expiry-grace-period': signing('signing.expiry-exact', [
    'get_group_attr/usersig-expired-seconds-ago',
    'get_group_attr/usersig-expired-one-second-ago',
  ]),
  'signing.expiry-off-by-one-early': signing('signing.expiry-exact', ['get_group_attr/usersig-last-valid-second']),
  'signing.expiry-off-by-one-late': signing('signing.expiry-exact', ['get_group_attr/usersig-expired-one-second-ago']),
  'signing.expire-field-ignored': signing('signing.expiry-exact', [
    'get_group_attr/usersig-expired-seconds-ago',
    'get_group_attr/usersig-expired-one-second-ago',
  ]),
  'rates.api-limit-below-200': rates('rates.api-calls-up-to-limit-served', [
    'get_group_info/api-calls-up-to-limit-served/Public',
  ]),
  'rates.api-limit-off-by-one': rates('rates.api-calls-per-second', [
    'get_group_info/api-calls-up-to-limit-served/Public',
    'get_group_attr/api-call-rate/Public',
  ]),
  'rates.write-window-per-app': rates('limit:attr.writes.perGroupPerSecond', [
    'modify_group_attr/write-rate-groups-independent/Public',
  ]),
  'rates.write-window-two-seconds': rates('limit:attr.writes.perGroupPerSecond', [
    'modify_group_attr/write-rate-window-slides/Public',
  ]),
  'rates.sixth-write-accepted': rates('limit:attr.writes.perGroupPerSecond#exceeded', [
    'modify_group_attr/write-rate-per-group/Public',
    'set_group_attr/write-rate-per-group/Public',
  ]),
  'limits.attr-total-on-state-before-write': limits('limit:attr.values.totalMaxBytes#exceeded', [
    'modify_group_attr/total-bytes-after-write/Public',
    'modify_group_attr/refused-writes-change-nothing/Public',
  ]),
  // model (issue 13 items 1-2): state-class deviations the stateful check finds.
  'state.attr-read-cache-skips-set': state('attrs.removed-keys-freed', ['stateful/attributes']),
  'state.counter-read-cache-skips-delete': state('counters.deleted-counter-gone', ['stateful/counters']),
  'state.attr-evicts-oldest-past-key-limit': state('attrs.refused-write-changes-nothing', ['stateful/attributes']),
  'state.modify-applies-items-before-refused': state('attrs.refused-write-changes-nothing', ['stateful/attributes']),
  'state.counter-update-applies-items-before-refused': state('counters.refused-write-changes-nothing', [
    'stateful/counters',
  ]),
  'counters.value-parsed-as-double': state('update_group_counter#returns-resulting-values', ['stateful/counters']),
  'state.recreated-group-keeps-data': state('destroy_group#destroyed-group-is-unknown', [
    'stateful/attributes',
    'stateful/counters',
  ]),
  'state.delete-counter-prefix-match': state('delete_group_counter#deletes-only-listed', ['stateful/counters']),
  'state.attr-keys-case-insensitive': state('modify_group_attr#upsert-keeps-others', ['stateful/attributes']),
  'state.text-stored-as-utf8mb3': state('modify_group_attr#upsert-keeps-others', ['stateful/attributes']),
  'state.attr-value-trimmed': state('modify_group_attr#upsert-keeps-others', ['stateful/attributes']),
  // Behaviour-profile rows that had no check (transport, query parameters, the group list).
  'transport.body-size-unchecked': transport(
    'transport.body-too-large',
    ['transport/body-too-large'],
    'the profile infers the 1 MiB cap and its 60003 (no page states them): only a tentative check catches it',
  ),
  'signing.random-int32-only': signing('signing.random-above-2-31', ['get_group_attr/random-above-2-31']),
  'signing.random-contenttype-validated': signing(
    'signing.random-or-contenttype-invalid',
    [
      'get_group_attr/random-missing-accepted',
      'get_group_attr/random-past-uint32-accepted',
      'get_group_attr/random-negative-accepted',
      'get_group_attr/random-not-a-number-accepted',
      'get_group_attr/contenttype-missing-accepted',
      'get_group_attr/contenttype-not-json-accepted',
    ],
    'the profile infers that a bad random or contenttype is accepted (no page says what happens): only tentative checks catch it',
  ),
  'groups.list-limit-ignored': semantics('get_appid_group_list#pages-until-next-zero', [
    'get_appid_group_list/pages-until-next-zero',
  ]),
  'groups.list-next-ignored': semantics('get_appid_group_list#pages-until-next-zero', [
    'get_appid_group_list/pages-until-next-zero',
  ]),
  'groups.list-group-type-ignored': semantics('get_appid_group_list#group-type-filter', [
    'get_appid_group_list/group-type-filter',
  ]),
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
