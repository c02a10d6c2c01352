/**
 * Named deviations from the reference behaviour, for the mutation self-check: a suite run
 * against a mock with a deviation switched on must fail, which shows its checks can fail.
 *
 * Each decision the mock makes that a plausible wrong server could make differently is a
 * replaceable step with its reference behaviour (pipeline-steps.ts, handlers/reference-steps.ts);
 * a deviation is data that replaces or wraps steps (PIPELINE_STEP_DEVIATIONS below,
 * handler-step-deviations.ts), composed once when a mock is built. The catalogue (names,
 * descriptions, which checks must catch each one) is data owned by the self-check.
 */

import { composeSteps, type StepDeviationTable } from './compose-steps.ts';
import { REFERENCE_PIPELINE_STEPS, type PipelineStepDeviation, type PipelineSteps } from './pipeline-steps.ts';
import type { UserSigVerifierOptions } from './usersig-verify.ts';

export type DeviationSet = ReadonlySet<string>;

export const NO_DEVIATIONS: DeviationSet = new Set();

/** The switches this mock understands. Unknown names are refused at start, never ignored. */
export const KNOWN_DEVIATIONS = {
  /** Limits in UTF-16 code units (JavaScript's string length) instead of UTF-8 bytes. */
  'limits.count-utf16-units': 'measure key and value sizes with String.length instead of UTF-8 bytes',
  /** An over-long attribute key answered with the generic invalid-parameter code. */
  'attr.key-too-long-as-invalid-parameter':
    'answer a too-long attribute key with the invalid-parameter code instead of its own',
  /** The 16-key / 16000-byte limits checked on the request alone, not on the state after the write. */
  'attr.limits-on-request-only':
    'count the key and total-size limits on the request instead of the state after the write',
  'signing.expiry-not-checked': 'accept an expired UserSig',
  'signing.identifier-mismatch-ignored': 'accept a UserSig signed for another identifier',
  'signing.sdkappid-mismatch-ignored': 'accept a UserSig signed for another SDKAppID',
  'signing.admin-not-checked': 'let any identifier with a valid UserSig call the admin API',
  'signing.hmac-not-checked': 'decode the UserSig but never verify its HMAC (any key is accepted)',
  /** Buffer.from(sig, 'base64') instead of Tencent's base64url variant ('*' '-' '_' for '+' '/' '='). */
  'signing.standard-base64': "decode the UserSig as standard base64, without Tencent's '*', '-', '_' substitutions",
  /** A malformed GroupId (too long, not printable ASCII) looked up like any other: 10010 instead of 10015/10004. */
  'groups.group-id-not-validated': 'look up a malformed GroupId (too long, not printable ASCII) instead of refusing it',
  /** A GroupId that is a JSON number turned into a string and looked up, instead of 10004. */
  'groups.group-id-number-coerced': 'accept a GroupId sent as a JSON number by turning it into a string',
  /** create_group of an AVChatRoom with a MemberList creates it (members ignored) instead of 10007. */
  'groups.avchatroom-members-accepted': 'create an AVChatRoom given a MemberList instead of refusing it (10007)',
  'envelope.no-errorinfo-on-success': 'omit ErrorInfo from success bodies',
  'envelope.actionstatus-lowercase': "answer ActionStatus 'ok' / 'fail'",
  'envelope.errorcode-as-string': 'send ErrorCode as a JSON string',
  'envelope.fail-status-ok': "answer ActionStatus 'OK' on failures",
  'group-types.community-clear-attr-allowed': 'clear_group_attr works on a Community group',
  'group-types.community-counters-allowed': 'the counter operations work on a Community group',
  'semantics.modify-replaces-like-set': 'modify_group_attr replaces the whole attribute set',
  'semantics.set-merges-like-modify': 'set_group_attr keeps the attributes it does not name',
  'semantics.clear-is-noop': 'clear_group_attr answers OK and removes nothing',
  'semantics.delete-attr-missing-key-ignored': 'delete_group_attr ignores a missing key instead of 10050',
  'semantics.delete-attr-removes-all': 'delete_group_attr removes every attribute, not only the listed keys',
  'semantics.delete-counter-without-keys-deletes-nothing': 'delete_group_counter without keys deletes nothing',
  /** Only GroupCounterKeys: [] keeps every counter (an inferred row: tentative checks catch it, gating ones must not). */
  'semantics.delete-counter-empty-keys-deletes-nothing':
    'delete_group_counter with GroupCounterKeys [] deletes nothing',
  'semantics.increase-as-set': 'update_group_counter treats Increase like Set',
  'semantics.decrease-adds': 'update_group_counter adds on Decrease',
  'semantics.missing-counter-starts-at-one': 'a missing counter starts at 1 for Increase and Decrease',
  'semantics.get-counter-ignores-keys': 'get_group_counter returns every counter whatever keys were asked',
  'limits.attr-key-off-by-one': 'refuse an attribute key of exactly the maximum size',
  'limits.attr-value-off-by-one': 'refuse an attribute value of exactly the maximum size',
  'limits.attr-key-count-off-by-one': 'refuse the last allowed attribute key',
  'limits.attr-total-off-by-one': 'refuse an attribute set of exactly the maximum total size',
  'limits.counter-key-off-by-one': 'refuse a counter key of exactly the maximum size',
  'limits.counter-count-off-by-one': 'refuse the last allowed counter',
  'rates.no-group-write-limit': 'no per-group attribute write rate (never 10049)',
  'rates.delete-not-counted': 'delete_group_attr does not count as an attribute write',
  'rates.no-api-call-limit': 'no per-API call rate',
  'edition.not-checked': 'counter operations work on an app without the edition (never 10059)',
  'shapes.counter-key-value-lowercase': 'counter entries as key/value instead of Key/Value',
  'shapes.counter-value-as-string': 'counter values as JSON strings',
  'shapes.attr-array-renamed': 'get_group_attr answers GroupAttr instead of GroupAttrAry',
  'state.destroyed-group-readable': 'destroy_group answers OK but the group stays',
  'state.attrs-shared-across-groups':
    "every group of an app reads and writes one attribute store (the app's oldest group's)",
  // Issue 13's wrong servers: something of what a write removed stays behind.
  'state.clear-keeps-key-slots':
    'clear_group_attr removes the keys from reads, but they still count toward the key limit',
  'state.set-keeps-removed-key-slots':
    'set_group_attr drops the keys it does not name from reads, but they still count toward the key limit',
  'state.delete-attr-keeps-bytes':
    "delete_group_attr removes the keys, but their values' bytes still count toward the total-size limit",
  'state.deleted-counter-resumes':
    'a counter deleted by delete_group_counter resumes from its old value on Increase or Decrease',
  'state.deleted-counter-still-counted': 'a deleted counter still counts toward the counter limit',
  'state.read-cache-after-clear':
    'get_group_attr answers from a per-group cache that clear_group_attr does not invalidate',
  'isolation.groups-shared-across-apps':
    "an app's calls find another app's group when it has none of that id (reads and writes it)",
  'state.refused-write-stored': 'an attribute write refused with 10045-10048 is stored all the same',
  'state.refused-counter-write-stored':
    'a counter write refused for a limit (20 counters, int64) is stored all the same',
  'limits.counter-count-unchecked': 'no limit on the number of counters of a group',
  'limits.counter-key-length-unchecked': 'no limit on the bytes of a counter key',
  'limits.counter-count-on-request':
    'the counter-count limit counted on the request instead of the state after the write',
  'counters.float-value-truncated': 'a non-integer counter Value (1.5) is truncated to an integer instead of refused',
  'counters.string-value-parsed': 'a counter Value sent as a string of digits ("5") is parsed instead of refused',
  'counters.int64-overflow-wraps': 'a counter result outside signed 64-bit wraps around instead of being refused',
  'signing.hmac-prefix-compared': 'compare only the first half of the HMAC in TLS.sig',
  'signing.expiry-grace-period': 'accept a UserSig for five minutes after it expired',
  'signing.expiry-off-by-one-early': 'refuse a UserSig already in its last valid second (now >= TLS.time + TLS.expire)',
  'signing.expiry-off-by-one-late': 'accept a UserSig one second past TLS.time + TLS.expire',
  'signing.expire-field-ignored': 'ignore TLS.expire and treat every UserSig as valid for 180 days from TLS.time',
  'rates.api-limit-below-200': 'the per-API call limit is half the documented one',
  'rates.api-limit-off-by-one': 'the per-API call limit lets one call more through',
  'rates.write-window-per-app': 'the attribute write rate is counted per app instead of per group',
  'rates.write-window-two-seconds': 'the attribute write window is two seconds long instead of one',
  'rates.sixth-write-accepted': 'the attribute write window lets one write more through (6 in a second)',
  'limits.attr-total-on-state-before-write': "the values' total-size limit counted on the state before the write",
  // State-class deviations real servers have (caches, eviction, partial batches, number parsing,
  // leftovers of destroyed groups); the stateful check (suites/stateful) is meant to find each.
  'state.attr-read-cache-skips-set':
    'get_group_attr answers from a per-group read cache that set_group_attr does not invalidate',
  'state.counter-read-cache-skips-delete':
    'get_group_counter answers from a per-group read cache that delete_group_counter does not invalidate',
  'state.attr-evicts-oldest-past-key-limit':
    'a write past the attribute key limit evicts the oldest keys instead of refusing (10047)',
  'state.modify-applies-items-before-refused':
    'modify_group_attr stores the items before a refused one (key or value too long) and still answers the error',
  'state.counter-update-applies-items-before-refused':
    'update_group_counter applies the items before a refused one (bad value, key too long, int64 overflow) and still answers the error',
  'counters.value-parsed-as-double':
    'counter values parsed as doubles: integers past 2^53 lose precision (2^53+1 is stored as 2^53)',
  'state.recreated-group-keeps-data': 'a destroyed custom GroupId created again sees the old attributes and counters',
  'state.delete-counter-prefix-match':
    'delete_group_counter with listed keys also drops every counter whose key starts with a listed key',
  'state.attr-keys-case-insensitive':
    'attribute keys compared without case (a key that differs only in case replaces the other)',
  'state.text-stored-as-utf8mb3':
    'characters outside the Basic Multilingual Plane in attribute values stored as "?" (a 3-byte UTF-8 column)',
  'state.attr-value-trimmed': 'attribute values stored with leading and trailing whitespace trimmed',
  // Behaviour-profile rows that had no check (transport, query parameters, the group list).
  'transport.body-size-unchecked': 'a body over request.body.maxBytes (1 MiB) is parsed and served like any other',
  /** A server that parses random as a signed 32-bit integer (Java's Integer.parseInt). */
  'signing.random-int32-only': 'refuse a random above 2^31 - 1 (random parsed as a signed 32-bit integer)',
  'signing.random-contenttype-validated':
    'refuse a request whose random is missing or outside 0..4294967295, or whose contenttype is not json',
  'groups.list-limit-ignored': 'get_appid_group_list ignores Limit (every group in one page)',
  'groups.list-next-ignored': 'get_appid_group_list ignores Next (every page starts at the first group)',
  'groups.list-group-type-ignored': 'get_appid_group_list ignores GroupType (every type is listed)',
} as const;

export type KnownDeviation = keyof typeof KNOWN_DEVIATIONS;

export function toDeviationSet(names: readonly string[] | undefined): DeviationSet {
  if (names === undefined || names.length === 0) return NO_DEVIATIONS;
  const unknown = names.filter((name) => !(name in KNOWN_DEVIATIONS));
  if (unknown.length > 0) {
    throw new Error(
      `unknown mock deviation(s): ${unknown.join(', ')}; known: ${Object.keys(KNOWN_DEVIATIONS).join(', ')}`,
    );
  }
  return new Set(names);
}

/** How lenient the UserSig verifier is (usersig-verify.ts); the reference is not at all. */
export type VerifierLenience = NonNullable<UserSigVerifierOptions['lenience']>;

export const REFERENCE_VERIFIER_LENIENCE: VerifierLenience = {
  /** Seconds after `time + expire` still accepted (-1: refused in the last second). */
  graceSeconds: 0,
  /** The validity used instead of TLS.expire (null: TLS.expire). */
  fixedValiditySeconds: null,
  /** How many leading bytes of the HMAC are compared (null: all of them). */
  hmacBytesCompared: null,
};

/** The signing deviations the verifier is made with: each sets its fields (the last one listed wins). */
export const VERIFIER_LENIENCE_DEVIATIONS: StepDeviationTable<VerifierLenience> = {
  'signing.expiry-off-by-one-early': () => ({ graceSeconds: -1 }),
  'signing.expiry-off-by-one-late': () => ({ graceSeconds: 1 }),
  'signing.expiry-grace-period': () => ({ graceSeconds: 300 }),
  'signing.expire-field-ignored': () => ({ fixedValiditySeconds: 180 * 86400 }),
  'signing.hmac-prefix-compared': () => ({ hmacBytesCompared: 16 }),
} satisfies Partial<Record<KnownDeviation, unknown>>;

export function verifierLenienceFor(deviations: DeviationSet): VerifierLenience {
  return composeSteps(REFERENCE_VERIFIER_LENIENCE, VERIFIER_LENIENCE_DEVIATIONS, deviations);
}

/** The transport's size limits a server is made with. */
interface TransportCaps {
  /** Bytes of a request body above which the server answers 60003. */
  requestBodyBytes: number;
}

/** The transport deviations: each replaces a size limit, read once when the server is made. */
export const TRANSPORT_CAP_DEVIATIONS: StepDeviationTable<TransportCaps> = {
  'transport.body-size-unchecked': () => ({ requestBodyBytes: Number.POSITIVE_INFINITY }),
} satisfies Partial<Record<KnownDeviation, unknown>>;

/** The request body size a (possibly deviating) server refuses above (60003). */
export function requestBodyCap(documented: number, deviations: DeviationSet): number {
  return composeSteps({ requestBodyBytes: documented }, TRANSPORT_CAP_DEVIATIONS, deviations).requestBodyBytes;
}

/** A verdict the verifier gave that a deviating server accepts. */
const acceptVerdict =
  (ignored: string): PipelineStepDeviation =>
  (steps) => ({
    actOnVerdict: (verdict) => (verdict === ignored ? 'ok' : steps.actOnVerdict(verdict)),
  });

/** An envelope rewrite of the finished body (text edits keep exact 64-bit integers intact). */
const rewriteBody =
  (rewrite: (body: string) => string): PipelineStepDeviation =>
  (steps) => ({
    finishBody: (body) => rewrite(steps.finishBody(body)),
  });

/** A request field of one operation that a deviating server never reads. */
const ignoreField =
  (operation: string, field: string): PipelineStepDeviation =>
  (steps) => ({
    requestBodyFor: (operationId, body) => {
      const given = steps.requestBodyFor(operationId, body);
      if (operationId !== operation || !(field in given)) return given;
      const { [field]: _ignored, ...rest } = given;
      return rest;
    },
  });

const UINT32_MAX = 4294967295;
const INT32_MAX = 2147483647;
const DECIMAL = /^\d+$/;

/** A query check of random and contenttype added to the steps so far. */
const refuseQuery =
  (refused: (random: string | null, contenttype: string | null) => boolean): PipelineStepDeviation =>
  (steps) => ({
    acceptsRandomAndContenttype: (random, contenttype) =>
      !refused(random, contenttype) && steps.acceptsRandomAndContenttype(random, contenttype),
  });

/**
 * The deviations of the request pipeline (pipeline-steps.ts): each replaces or wraps one step.
 * Applied in this order (the envelope rewrites see the body as the earlier ones left it).
 */
export const PIPELINE_STEP_DEVIATIONS: Partial<Record<KnownDeviation, PipelineStepDeviation>> = {
  // What the verifier, which undoes Tencent's substitutions ('*' '-' '_' for '+' '/' '='), must be
  // given to see the bytes a plain base64 decoder gets: it drops '*' and reads '-' and '_' as the
  // URL-safe '+' and '/'.
  'signing.standard-base64': () => ({
    usersigAsDecoded: (usersig) =>
      usersig === null ? null : usersig.replace(/\*/g, '').replace(/[-_]/g, (c) => (c === '-' ? '*' : '-')),
  }),
  'signing.hmac-not-checked': acceptVerdict('bad-signature'),
  'signing.expiry-not-checked': acceptVerdict('expired'),
  'signing.identifier-mismatch-ignored': acceptVerdict('identifier-mismatch'),
  'signing.sdkappid-mismatch-ignored': acceptVerdict('sdkappid-mismatch'),
  'signing.admin-not-checked': () => ({ mayCallAdminApi: () => true }),
  'rates.no-api-call-limit': () => ({ admitsApiCall: () => true }),
  'rates.api-limit-off-by-one': (steps) => ({ apiCallLimit: (documented) => steps.apiCallLimit(documented) + 1 }),
  // Registered after the off-by-one: with both on, the halved limit is the one enforced.
  'rates.api-limit-below-200': () => ({ apiCallLimit: (documented) => Math.floor(documented / 2) }),
  'envelope.no-errorinfo-on-success': rewriteBody((text) =>
    text.replace('"ActionStatus":"OK","ErrorInfo":"",', '"ActionStatus":"OK",'),
  ),
  'envelope.fail-status-ok': rewriteBody((text) => text.replace('"ActionStatus":"FAIL"', '"ActionStatus":"OK"')),
  'envelope.actionstatus-lowercase': rewriteBody((text) =>
    text.replace(/"ActionStatus":"(OK|FAIL)"/, (_m, status: string) => `"ActionStatus":"${status.toLowerCase()}"`),
  ),
  'envelope.errorcode-as-string': rewriteBody((text) => text.replace(/"ErrorCode":(\d+)/, '"ErrorCode":"$1"')),
  'signing.random-int32-only': refuseQuery(
    (random) => random !== null && DECIMAL.test(random) && Number(random) > INT32_MAX,
  ),
  'signing.random-contenttype-validated': refuseQuery(
    (random, contenttype) =>
      random === null || !DECIMAL.test(random) || Number(random) > UINT32_MAX || contenttype !== 'json',
  ),
  'groups.list-limit-ignored': ignoreField('get_appid_group_list', 'Limit'),
  'groups.list-next-ignored': ignoreField('get_appid_group_list', 'Next'),
  'groups.list-group-type-ignored': ignoreField('get_appid_group_list', 'GroupType'),
};

/** The pipeline's steps with every active deviation applied, in the order they are registered above. */
export function pipelineStepsFor(deviations: DeviationSet): PipelineSteps {
  return composeSteps(REFERENCE_PIPELINE_STEPS, PIPELINE_STEP_DEVIATIONS, deviations);
}
