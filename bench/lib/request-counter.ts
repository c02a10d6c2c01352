/**
 * Counts what a run sent to a server in this process, without touching the server: Node's
 * `http.server.request.start` diagnostics channel hands every incoming request to a subscriber
 * before the server sees it, and a second 'data' listener reads the body alongside the server's.
 * Counts are per (sdkappid, API) and, for the operations that count as attribute writes, per
 * (sdkappid, GroupId), with the rates the spec gives each operation.
 */
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationByPath } from '../../test-utils/contract/index.ts';
import type { RatedCount } from './floor.ts';

const CHANNEL = 'http.server.request.start';

export interface RequestCounts {
  /** Every request seen, including ones to unknown paths. */
  total: number;
  apiCalls: RatedCount[];
  groupWrites: RatedCount[];
}

export interface RequestCounter {
  snapshot(): RequestCounts;
  stop(): void;
}

function bump(map: Map<string, RatedCount>, key: string, perSecond: number): void {
  const entry = map.get(key);
  if (entry) entry.count += 1;
  else map.set(key, { key, count: 1, perSecond });
}

function groupIdOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { GroupId?: unknown };
    return typeof parsed.GroupId === 'string' ? parsed.GroupId : undefined;
  } catch {
    return undefined;
  }
}

/** Starts counting the requests that reach the server listening on `port` in this process. */
export function countRequests(port: number): RequestCounter {
  let total = 0;
  const apis = new Map<string, RatedCount>();
  const groups = new Map<string, RatedCount>();
  const onStart = (message: unknown): void => {
    const { request, server } = message as { request: IncomingMessage; server: Server };
    if ((server.address() as AddressInfo | null)?.port !== port) return;
    total += 1;
    const url = new URL(request.url ?? '/', 'http://counter.invalid');
    const op = operationByPath(url.pathname);
    if (op === undefined) return;
    const sdkappid = url.searchParams.get('sdkappid') ?? '?';
    bump(apis, `${sdkappid}/${op.operationId}`, op['x-tim-call-rate'].perSecond);
    const writeRate = op['x-tim-group-write-rate'];
    if (!op['x-tim-counts-as-attr-write'] || writeRate === null) return;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const groupId = groupIdOf(Buffer.concat(chunks).toString('utf8'));
      if (groupId !== undefined) bump(groups, `${sdkappid}/${groupId}`, writeRate.perSecond);
    });
  };
  diagnostics.subscribe(CHANNEL, onStart);
  return {
    snapshot: () => ({
      total,
      apiCalls: [...apis.values()].map((c) => ({ ...c })),
      groupWrites: [...groups.values()].map((c) => ({ ...c })),
    }),
    stop: () => diagnostics.unsubscribe(CHANNEL, onStart),
  };
}
