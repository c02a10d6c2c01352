/**
 * An independently written server for the group attribute and counter APIs, built from the
 * behaviour profile (docs/behaviour.md) and schemas/limits.json only: it shares
 * no code with the reference mock (test-utils/mock). It exists to show that the suites check the
 * documented behaviour, not the reference mock's incidental choices, so it deliberately differs
 * wherever nothing is specified: its own group ids, arrays answered newest first, a small random
 * delay before every answer, and its own UserSig verification and 64-bit JSON handling.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';

export interface IndependentApp {
  sdkappid: number;
  secretKey: string;
  admin: string;
  counters: boolean;
}

type Limit = { id: string; max?: number; max64?: string; min64?: string; exceeded?: { code: number } };
const LIMITS = new Map(
  (
    JSON.parse(readFileSync(new URL('../../schemas/limits.json', import.meta.url), 'utf8')) as { limits: Limit[] }
  ).limits.map((l) => [l.id, l]),
);
const limit = (id: string): number => LIMITS.get(id)!.max!;
const limitCode = (id: string): number => LIMITS.get(id)!.exceeded!.code;

/** The codes of the profile's rows that limits.json does not carry. */
const CODE = {
  notPost: 60002,
  unknownCommand: 60009,
  badJson: 60003,
  noSdkappid: 60012,
  unknownSdkappid: 70020,
  noIdentifier: 60004,
  noUsersig: 70002,
  badUsersig: 70003,
  badHmac: 70009,
  otherIdentifier: 70013,
  otherSdkappid: 70014,
  expired: 70001,
  notAdmin: 60010,
  tooFast: 60007,
  invalid: 10004,
  badGroupId: 10015,
  noGroup: 10010,
  wrongType: 10007,
  idTaken: 10021,
  noSuchKey: 10050,
  edition: 10059,
} as const;

const TYPES = ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community'];
const ATTR_OPS = new Set([
  'get_group_attr',
  'modify_group_attr',
  'set_group_attr',
  'delete_group_attr',
  'clear_group_attr',
]);
const COUNTER_OPS = new Set(['get_group_counter', 'update_group_counter', 'delete_group_counter']);
const WRITES = new Set(['modify_group_attr', 'set_group_attr', 'delete_group_attr', 'clear_group_attr']);
// get_group_attr is documented under its own service and, as Tencent's SDKs call it, under the common one.
const COMMANDS = new Map([
  ['/v4/group_open_attr_http_svc/get_group_attr', 'get_group_attr'],
  ...[...ATTR_OPS, ...COUNTER_OPS, 'create_group', 'destroy_group', 'get_group_info', 'get_appid_group_list'].map(
    (op) => [`/v4/group_open_http_svc/${op}`, op] as const,
  ),
]);
/** Per-API call rates other than the common one (the group list: 1 call per second). */
const CALLS_PER_SECOND: Record<string, string> = { get_appid_group_list: 'group.list.calls.perSecond' };

interface Group {
  type: string;
  name: string;
  created: number;
  /** Server-wide creation number: the group list's cursor, so a deletion never shifts a page. */
  serial: number;
  attrs: Map<string, string>;
  counters: Map<string, bigint>;
  writes: number[];
}
class Refusal {
  constructor(
    readonly code: number,
    readonly info: string,
  ) {}
}
const refuse = (code: number, info: string): never => {
  throw new Refusal(code, info);
};

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const INT64_MIN = BigInt(LIMITS.get('counter.value.int64')!.min64!);
const INT64_MAX = BigInt(LIMITS.get('counter.value.int64')!.max64!);

/** JSON with integers of any size: long integer literals outside strings become BigInt. */
function parseJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i))!;
      const literal = match[0];
      out += !match[1] && !match[2] && literal.replace('-', '').length > 15 ? `{"$int64":"${literal}"}` : literal;
      i += literal.length - 1;
    } else out += c;
  }
  return JSON.parse(out, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && '$int64' in value
      ? BigInt((value as Record<string, string>)['$int64']!)
      : value,
  );
}

function answer(body: Record<string, unknown>): string {
  return JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? `\u0000${value}` : value)).replace(
    /"\\u0000(-?\d+)"/g,
    '$1',
  );
}

/** UserSig v2 as the signing document describes it, verified by content (never by string). */
function verifyUserSig(
  usersig: string,
  app: IndependentApp,
  identifier: string,
  sdkappid: number,
  nowS: number,
): number | null {
  let doc: Record<string, unknown>;
  try {
    if (!/^[A-Za-z0-9*\-_]+$/.test(usersig)) throw new Error('alphabet');
    doc = JSON.parse(
      inflateSync(Buffer.from(usersig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString(
        'utf8',
      ),
    ) as Record<string, unknown>;
  } catch {
    return CODE.badUsersig;
  }
  const [id, appid, time, expire, sig, userbuf] = [
    'TLS.identifier',
    'TLS.sdkappid',
    'TLS.time',
    'TLS.expire',
    'TLS.sig',
    'TLS.userbuf',
  ].map((k) => doc[k]);
  if (typeof id !== 'string' || typeof sig !== 'string' || ![appid, time, expire].every((n) => typeof n === 'number'))
    return CODE.badUsersig;
  const text = `TLS.identifier:${id}\nTLS.sdkappid:${appid}\nTLS.time:${time}\nTLS.expire:${expire}\n${typeof userbuf === 'string' ? `TLS.userbuf:${userbuf}\n` : ''}`;
  const expected = createHmac('sha256', app.secretKey).update(text).digest();
  const given = Buffer.from(sig, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return CODE.badHmac;
  if (id !== identifier) return CODE.otherIdentifier;
  if (appid !== sdkappid) return CODE.otherSdkappid;
  if (nowS > (time as number) + (expire as number)) return CODE.expired;
  return null;
}

export interface IndependentServer {
  url: string;
  close(): Promise<void>;
}

export async function startIndependentServer(apps: IndependentApp[]): Promise<IndependentServer> {
  const groups = new Map(apps.map((app) => [app.sdkappid, new Map<string, Group>()]));
  const calls = new Map<string, number[]>();
  let serials = 0;

  /** Sliding one-second window: keeps the arrivals of the last second, refuses one too many. */
  const admit = (log: number[], max: number, now: number): boolean => {
    while (log.length > 0 && log[0]! <= now - 1000) log.shift();
    if (log.length >= max) return false;
    log.push(now);
    return true;
  };

  function handle(method: string, url: URL, raw: Buffer): Record<string, unknown> {
    if (method !== 'POST') refuse(CODE.notPost, 'POST only');
    const op = COMMANDS.get(url.pathname) ?? refuse(CODE.unknownCommand, 'no such command');
    const q = url.searchParams;
    if (!q.get('sdkappid')) refuse(CODE.noSdkappid, 'sdkappid missing');
    const app =
      apps.find((a) => String(a.sdkappid) === q.get('sdkappid')) ?? refuse(CODE.unknownSdkappid, 'unknown sdkappid');
    const identifier = q.get('identifier') || refuse(CODE.noIdentifier, 'identifier missing');
    const usersig = q.get('usersig') || refuse(CODE.noUsersig, 'usersig missing');
    const now = Date.now();
    const sigCode = verifyUserSig(usersig, app, identifier, app.sdkappid, Math.floor(now / 1000));
    if (sigCode !== null) refuse(sigCode, 'usersig rejected');
    if (identifier !== app.admin) refuse(CODE.notAdmin, 'not an admin');
    const callLog = calls.get(`${app.sdkappid}:${op}`) ?? [];
    calls.set(`${app.sdkappid}:${op}`, callLog);
    if (!admit(callLog, limit(CALLS_PER_SECOND[op] ?? 'api.calls.perSecond'), now))
      refuse(CODE.tooFast, 'too many calls');
    let body: Record<string, unknown>;
    try {
      const parsed = parseJson(raw.toString('utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return refuse(CODE.badJson, 'body is not a JSON object');
    }
    const store = groups.get(app.sdkappid)!;
    if (op === 'create_group') return createGroup(store, body, now);
    if (op === 'get_group_info') return groupInfo(store, body);
    if (op === 'get_appid_group_list') return groupList(store, body);
    if (COUNTER_OPS.has(op) && !app.counters) refuse(CODE.edition, 'counters need a higher edition');
    const groupId = body['GroupId'];
    if (typeof groupId !== 'string') refuse(CODE.invalid, 'GroupId must be a string');
    if (!/^[\x20-\x7e]{1,48}$/.test(groupId as string) || bytes(groupId as string) > limit('group.customId.maxBytes'))
      refuse(CODE.badGroupId, 'malformed GroupId');
    const group = store.get(groupId as string) ?? refuse(CODE.noGroup, 'no such group');
    if (op === 'destroy_group') {
      store.delete(groupId as string);
      return {};
    }
    if (group.type === 'Community' && (op === 'clear_group_attr' || COUNTER_OPS.has(op)))
      refuse(CODE.wrongType, 'not for Community groups');
    if (ATTR_OPS.has(op)) return attrs(op, group, body, now);
    return counters(op, group, body);
  }

  /** Each requested group in its own entry, with its own code when it is not this app's (the other apps' groups are invisible). */
  function groupInfo(store: Map<string, Group>, body: Record<string, unknown>): Record<string, unknown> {
    const ids = body['GroupIdList'];
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string'))
      return refuse(CODE.invalid, 'GroupIdList must be a non-empty array of strings');
    if (ids.length > limit('group.infoList.maxCount')) refuse(CODE.invalid, 'too many groups');
    return {
      GroupInfo: (ids as string[]).map((GroupId) => {
        const group = store.get(GroupId);
        if (group === undefined) return { GroupId, ErrorCode: CODE.noGroup, ErrorInfo: 'no such group' };
        return {
          GroupId,
          ErrorCode: 0,
          ErrorInfo: '',
          Type: group.type,
          Name: group.name,
          CreateTime: group.created,
          MemberNum: 0,
        };
      }),
    };
  }

  /**
   * This app's groups, newest first, Limit per page. Next is the serial of the last group listed
   * and the next page starts below it: groups created or destroyed meanwhile never make a page
   * skip a group that exists throughout ("Next 0 means every group was listed").
   */
  function groupList(store: Map<string, Group>, body: Record<string, unknown>): Record<string, unknown> {
    const { Limit: size = limit('group.list.pageSize.max'), Next: next = 0, GroupType: type } = body;
    if (!Number.isInteger(size) || (size as number) < 0 || (size as number) > limit('group.list.pageSize.max'))
      refuse(CODE.invalid, 'bad Limit');
    if (!Number.isInteger(next) || (next as number) < 0) refuse(CODE.invalid, 'bad Next');
    if (type !== undefined && typeof type !== 'string') refuse(CODE.invalid, 'bad GroupType');
    const listed = [...store]
      .filter(([, g]) => type === undefined || g.type === type)
      .sort(([, a], [, b]) => b.serial - a.serial);
    const rest = next === 0 ? listed : listed.filter(([, g]) => g.serial < (next as number));
    const page = rest.slice(0, size as number);
    return {
      TotalCount: listed.length,
      GroupIdList: page.map(([GroupId]) => ({ GroupId })),
      Next: page.length === 0 || page.length === rest.length ? 0 : page.at(-1)![1].serial,
    };
  }

  function createGroup(store: Map<string, Group>, body: Record<string, unknown>, now: number): Record<string, unknown> {
    const { Type: type, Name: name, GroupId: custom } = body;
    if (typeof type !== 'string' || !TYPES.includes(type)) refuse(CODE.invalid, 'bad Type');
    if (typeof name !== 'string' || name === '' || bytes(name) > limit('group.name.maxBytes'))
      refuse(CODE.invalid, 'bad Name');
    if (body['Owner_Account'] !== undefined && typeof body['Owner_Account'] !== 'string')
      refuse(CODE.invalid, 'bad Owner_Account');
    // Members of an audio-video group join through the SDK, never by this call.
    if (type === 'AVChatRoom' && Array.isArray(body['MemberList']) && body['MemberList'].length > 0)
      refuse(CODE.wrongType, 'an AVChatRoom takes no MemberList');
    let id: string;
    if (custom === undefined) {
      id = `${type === 'Community' ? '@TGS#_' : '@TGS#3'}${randomBytes(6).toString('hex').toUpperCase()}`;
    } else {
      if (typeof custom !== 'string') return refuse(CODE.invalid, 'bad GroupId');
      const community = type === 'Community';
      const okPrefix = community ? custom.startsWith('@TGS#_') : !custom.startsWith('@TGS#');
      if (!okPrefix || !/^[\x20-\x7e]+$/.test(custom) || bytes(custom) > limit('group.customId.maxBytes'))
        refuse(CODE.badGroupId, 'bad custom GroupId');
      if (store.has(custom)) refuse(CODE.idTaken, 'GroupId taken');
      id = custom;
    }
    store.set(id, {
      type: type as string,
      name: name as string,
      created: Math.floor(now / 1000),
      serial: ++serials,
      attrs: new Map(),
      counters: new Map(),
      writes: [],
    });
    return { GroupId: id };
  }

  function attrItems(body: Record<string, unknown>, withValue: boolean): Array<{ key: string; value: string }> {
    const list = body['GroupAttr'];
    if (!Array.isArray(list) || list.length === 0) refuse(CODE.invalid, 'GroupAttr must be a non-empty array');
    return (list as unknown[]).map((item) => {
      const { key, value } = (item ?? {}) as Record<string, unknown>;
      if (typeof key !== 'string' || (withValue && typeof value !== 'string'))
        refuse(CODE.invalid, 'bad GroupAttr item');
      if (bytes(key as string) > limit('attr.key.maxBytes')) refuse(limitCode('attr.key.maxBytes'), 'key too long');
      if (withValue && bytes(value as string) > limit('attr.value.maxBytes'))
        refuse(limitCode('attr.value.maxBytes'), 'value too long');
      return { key: key as string, value: withValue ? (value as string) : '' };
    });
  }

  function attrs(op: string, group: Group, body: Record<string, unknown>, now: number): Record<string, unknown> {
    if (op === 'get_group_attr')
      return { GroupAttrAry: [...group.attrs].reverse().map(([key, value]) => ({ key, value })) };
    const items = op === 'clear_group_attr' ? [] : attrItems(body, op !== 'delete_group_attr');
    if (WRITES.has(op) && !admit(group.writes, limit('attr.writes.perGroupPerSecond'), now))
      refuse(limitCode('attr.writes.perGroupPerSecond'), 'too many writes');
    let next: Map<string, string>;
    if (op === 'clear_group_attr') next = new Map();
    else if (op === 'delete_group_attr') {
      if (items.some(({ key }) => !group.attrs.has(key))) refuse(CODE.noSuchKey, 'no such key');
      next = new Map([...group.attrs].filter(([key]) => !items.some((item) => item.key === key)));
    } else {
      next = new Map(op === 'set_group_attr' ? [] : group.attrs);
      for (const { key, value } of items) next.set(key, value);
    }
    if (next.size > limit('attr.keys.maxCount')) refuse(limitCode('attr.keys.maxCount'), 'too many keys');
    if ([...next.values()].reduce((sum, v) => sum + bytes(v), 0) > limit('attr.values.totalMaxBytes'))
      refuse(limitCode('attr.values.totalMaxBytes'), 'values too large');
    group.attrs = next;
    return {};
  }

  const entries = (group: Group, keys: Iterable<string>) =>
    [...keys]
      .filter((k) => group.counters.has(k))
      .reverse()
      .map((Key) => ({ Key, Value: group.counters.get(Key)! }));

  function stringList(value: unknown, name: string): string[] | null {
    if (value === undefined) return null;
    if (!Array.isArray(value) || value.some((k) => typeof k !== 'string'))
      return refuse(CODE.invalid, `${name} must be an array of strings`);
    return value as string[];
  }

  function counters(op: string, group: Group, body: Record<string, unknown>): Record<string, unknown> {
    if (op === 'get_group_counter') {
      const keys = stringList(body['GroupCounterKeys'], 'GroupCounterKeys');
      return { GroupCounter: entries(group, keys ?? group.counters.keys()) };
    }
    if (op === 'delete_group_counter') {
      const keys = stringList(body['GroupCounterKeys'], 'GroupCounterKeys');
      if (keys === null || keys.length === 0) group.counters = new Map();
      else for (const key of keys) group.counters.delete(key);
      return {};
    }
    const mode = body['Mode'] ?? 'Set';
    if (mode !== 'Set' && mode !== 'Increase' && mode !== 'Decrease') refuse(CODE.invalid, 'bad Mode');
    const list = body['GroupCounter'];
    if (!Array.isArray(list) || list.length === 0) refuse(CODE.invalid, 'GroupCounter must be a non-empty array');
    const next = new Map(group.counters);
    for (const item of list as unknown[]) {
      const { Key: key, Value: value } = (item ?? {}) as Record<string, unknown>;
      if (typeof key !== 'string' || key === '' || bytes(key) > limit('counter.key.maxBytes'))
        refuse(CODE.invalid, 'bad counter key');
      const amount =
        typeof value === 'bigint'
          ? value
          : Number.isInteger(value)
            ? BigInt(value as number)
            : refuse(CODE.invalid, 'Value must be an integer');
      // The Value itself is a signed 64-bit integer too, not only the result.
      if (amount < INT64_MIN || amount > INT64_MAX) refuse(CODE.invalid, 'Value outside signed 64-bit');
      const current = next.get(key as string) ?? 0n;
      const result = mode === 'Set' ? amount : mode === 'Increase' ? current + amount : current - amount;
      if (result < INT64_MIN || result > INT64_MAX) refuse(CODE.invalid, 'outside signed 64-bit');
      next.set(key as string, result);
    }
    if (next.size > limit('counter.keys.maxCount')) refuse(CODE.invalid, 'too many counters');
    group.counters = next;
    return { GroupCounter: entries(group, new Set((list as Array<{ Key: string }>).map((c) => c.Key))) };
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit('request.body.maxBytes')) chunks.push(chunk);
    });
    req.on('end', () => {
      let text: string;
      try {
        if (size > limit('request.body.maxBytes')) refuse(CODE.badJson, 'body too large');
        const fields = handle(req.method ?? '', new URL(req.url ?? '/', 'http://server'), Buffer.concat(chunks));
        text = answer({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', ...fields });
      } catch (error) {
        const { code, info } = error instanceof Refusal ? error : { code: 10002, info: 'internal error' };
        text = answer({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: info });
      }
      // Timing of its own: every answer waits 0-9 ms.
      setTimeout(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end(text),
        Math.floor(Math.random() * 10),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
