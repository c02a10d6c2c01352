/**
 * The mock's state: per app, its groups; per group, its attributes and counters. Keys are
 * whatever a client sends (including `__proto__` and `constructor`), so everything keyed by
 * client input lives in a Map, never in a plain object.
 */
import type { GroupType } from '../contract/types.ts';
import type { MockApp } from './default-apps.ts';
import { SlidingWindow } from './rate-window.ts';

export interface MockGroup {
  groupId: string;
  /** Creation order within the app; get_appid_group_list pages by it, so deletions never shift a page. */
  seq: number;
  type: GroupType;
  name: string;
  ownerAccount: string;
  /** Unix seconds, from the mock's clock. */
  createTime: number;
  /** Attribute key → value, in insertion order (the order get_group_attr answers in). */
  attrs: Map<string, string>;
  /** Sum of the UTF-8 bytes of all attribute values, kept in step with `attrs`. */
  attrValueBytes: number;
  counters: Map<string, bigint>;
  /** The per-group attribute write window (created on the first write). */
  attrWrites: SlidingWindow | null;
  /** Read caches, used only by the read-cache deviations (the reference reads the state itself). */
  attrReadCache?: [string, string][] | undefined;
  counterReadCache?: [string, bigint][] | undefined;
  /**
   * What a deviating server keeps of removed things (mutation self-check only; always empty in
   * the reference): keys still counted toward the key limit, bytes still counted toward the
   * total, and deleted counters' old values.
   */
  leftovers: GroupLeftovers;
}

export interface GroupLeftovers {
  keys: Set<string>;
  bytes: number;
  counters: Map<string, bigint>;
}

export function noLeftovers(): GroupLeftovers {
  return { keys: new Set(), bytes: 0, counters: new Map() };
}

export class MockAppState {
  readonly app: MockApp;
  /** Every admin identifier of the app: `admin` plus `extraAdmins`. */
  readonly admins: ReadonlySet<string>;
  readonly groups = new Map<string, MockGroup>();
  /** One attribute write window for the whole app (deviation rates.write-window-per-app only). */
  appAttrWrites: SlidingWindow | null = null;
  /** What destroyed groups held, kept only by the 'state.recreated-group-keeps-data' deviation. */
  readonly destroyedData = new Map<string, Pick<MockGroup, 'attrs' | 'attrValueBytes' | 'counters'>>();
  #systemIdCounter = 0;
  #groupSeq = 0;

  constructor(app: MockApp) {
    this.app = app;
    this.admins = new Set([app.admin, ...app.extraAdmins]);
  }

  addGroup(groupId: string, type: GroupType, name: string, ownerAccount: string, createTime: number): MockGroup {
    const group: MockGroup = {
      groupId,
      seq: ++this.#groupSeq,
      type,
      name,
      ownerAccount,
      createTime,
      attrs: new Map(),
      attrValueBytes: 0,
      counters: new Map(),
      attrWrites: null,
      leftovers: noLeftovers(),
    };
    this.groups.set(groupId, group);
    return group;
  }

  /** A fresh id shaped like Tencent's (`@TGS#2J4SZEAEL`; Community `@TGS#_@TGS#cQVLVHIM62CJ`). */
  nextSystemGroupId(type: GroupType): string {
    for (;;) {
      this.#systemIdCounter++;
      const body = `2${this.#systemIdCounter.toString(36).toUpperCase().padStart(8, 'A')}`;
      const id = type === 'Community' ? `@TGS#_@TGS#c${body}` : `@TGS#${body}`;
      if (!this.groups.has(id)) return id;
    }
  }
}

/** The state of a whole mock server, keyed by sdkappid. */
export class MockState {
  readonly apps = new Map<number, MockAppState>();

  constructor(apps: readonly MockApp[]) {
    for (const app of apps) this.apps.set(app.sdkappid, new MockAppState(app));
  }

  /** A group's current contents, for tests: attributes and counters as plain data. */
  snapshotGroup(
    sdkappid: number,
    groupId: string,
  ): { type: GroupType; attrs: [string, string][]; counters: [string, bigint][] } | null {
    const group = this.apps.get(sdkappid)?.groups.get(groupId);
    if (group === undefined) return null;
    return { type: group.type, attrs: [...group.attrs], counters: [...group.counters] };
  }
}
