/**
 * Signed requests to a mock: the path of an operation from the spec and the query string with a
 * UserSig made by the official library. The query carries the usersig: it is never printed.
 */
import { getOperation } from '../../test-utils/contract/index.ts';
import type { AppCredentials } from '../../test-utils/contract/types.ts';
import { signUserSig } from '../../test-utils/signing/index.ts';

export function signedPath(operationId: string, app: AppCredentials, usersig: string = signUserSig(app)): string {
  const query = new URLSearchParams({
    sdkappid: String(app.sdkappid),
    identifier: app.admin,
    usersig,
    random: '4294967295',
    contenttype: 'json',
  });
  return `${getOperation(operationId).path}?${query}`;
}

export interface Envelope {
  ActionStatus?: unknown;
  ErrorCode?: unknown;
  ErrorInfo?: unknown;
  [field: string]: unknown;
}

export async function postJson(baseUrl: string, path: string, body: unknown): Promise<Envelope> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Envelope;
}

/** Calls an operation and fails loudly (without the URL, which holds the usersig) unless it succeeded. */
export async function callOk(
  baseUrl: string,
  operationId: string,
  app: AppCredentials,
  body: unknown,
): Promise<Envelope> {
  const answer = await postJson(baseUrl, signedPath(operationId, app), body);
  if (answer.ErrorCode !== 0)
    throw new Error(`${operationId} answered ${String(answer.ErrorCode)}: ${String(answer.ErrorInfo)}`);
  return answer;
}
