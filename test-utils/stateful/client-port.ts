/**
 * The session's port over HTTP: any client with the suites' call signature (the check's worker
 * client, the replay command's own). Bodies go as raw text so int64 values travel exactly; the
 * answer is parsed with exact integers. Group ids carry the run prefix and are written to the
 * run ledger before they are created, so an interrupted run leaves nothing the janitor misses.
 */
import { randomBytes } from 'node:crypto';
import { CALL_RATE_PAUSE_MS, CALL_RATE_RETRIES, isCallRateRefusal } from '../check/call-rate-retry.ts';
import type { AppCredentials, ResolvedTarget } from '../contract/types.ts';
import { COMMUNITY_GROUP_ID_PREFIX } from '../fixtures/group-ids.ts';
import type { GroupLedger } from '../fixtures/ledger.ts';
import { parseExact, toPlain } from './exact-json.ts';
import { observe } from './judge.ts';
import type { StatefulPort } from './session.ts';
import type { AppName, GroupSlot } from './steps.ts';

export interface RawCallResult {
  httpStatus: number;
  rawText?: string;
  curl: string;
  networkError?: unknown;
}

export interface RawCaller {
  call(
    operationId: string,
    body: unknown,
    opts?: { app?: AppName; rawBody?: string; allowForeignGroup?: boolean },
  ): Promise<RawCallResult>;
  markGroupOwned(groupId: string): void;
  redact?(text: string): string;
}

/**
 * A per-API call-rate refusal: the session paces under the documented rates, so one means another
 * check's deliberate burst (suites/limits/api-call-rate) took the same API's budget of the same
 * app for a moment; the call is sent again once that second has passed (check/call-rate-retry.ts).
 */
function refusedForCallRate(rawText: string | undefined): boolean {
  const code = /"ErrorCode"\s*:\s*(\d+)/.exec(rawText ?? '')?.[1];
  return code !== undefined && isCallRateRefusal(Number(code));
}

function hasBigInt(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (Array.isArray(value)) return value.some(hasBigInt);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasBigInt);
  return false;
}

export function clientPort(
  client: RawCaller,
  target: Pick<ResolvedTarget, 'groupIdPrefix' | 'app' | 'basicApp'>,
  ledger?: GroupLedger,
): StatefulPort {
  let counter = 0;
  const appOf = (name: AppName): AppCredentials | undefined => (name === 'main' ? target.app : target.basicApp);
  return {
    async call(operation, bodyText, app) {
      // A body a JavaScript number can carry goes as an object, so the client paces the group's
      // attribute writes (it reads GroupId from the body); int64 bodies go as exact raw text.
      const plain = toPlain(parseExact(bodyText));
      const send = () =>
        hasBigInt(plain)
          ? client.call(operation, {}, { app, rawBody: bodyText })
          : client.call(operation, plain, { app });
      let result = await send();
      for (
        let retry = 0;
        retry < CALL_RATE_RETRIES && result.httpStatus === 200 && refusedForCallRate(result.rawText);
        retry++
      ) {
        await new Promise((resolve) => setTimeout(resolve, CALL_RATE_PAUSE_MS));
        result = await send();
      }
      const curl = client.redact ? client.redact(result.curl) : result.curl;
      if (result.networkError !== undefined && result.networkError !== null) {
        const message =
          typeof result.networkError === 'string'
            ? result.networkError
            : String((result.networkError as { message?: unknown }).message ?? result.networkError);
        return { observed: observe(undefined, `no HTTP response: ${message}`), curl };
      }
      if (result.httpStatus !== 200) return { observed: observe(undefined, `HTTP status ${result.httpStatus}`), curl };
      let body: unknown;
      try {
        body = parseExact(result.rawText ?? '');
      } catch {
        return { observed: observe(undefined, 'the body is not JSON'), curl };
      }
      return { observed: observe(body), curl };
    },
    newGroupId(slot: GroupSlot) {
      counter += 1;
      const lead = slot.type === 'Community' ? COMMUNITY_GROUP_ID_PREFIX : '';
      const groupId = `${lead}${target.groupIdPrefix}s${counter.toString(36)}${randomBytes(4).toString('hex')}`;
      const sdkappid = appOf(slot.app)?.sdkappid;
      if (ledger && sdkappid !== undefined) ledger.recordCreateIntent({ groupId, type: slot.type, sdkappid });
      client.markGroupOwned(groupId);
      return groupId;
    },
    forgetGroup(groupId, slot) {
      const sdkappid = appOf(slot.app)?.sdkappid;
      if (ledger && sdkappid !== undefined) ledger.recordDestroyed(groupId, sdkappid);
    },
  };
}
