/**
 * The model's state: apps → groups → attributes and counters, plus the rate windows. Plain
 * immutable data (every step returns a new state and shares what it did not touch), so a
 * fast-check run can keep a model per command and a replay can print the state before a step.
 */
import type { GroupType } from '../contract/types.ts';

export interface ModelGroup {
  type: GroupType;
  /** A destroyed group answers like one never created; its id may be created again. */
  destroyed: boolean;
  /** Key → value, in write order (the order is not documented; reads compare as sets). */
  attrs: ReadonlyMap<string, string>;
  /** Key → exact signed 64-bit value. */
  counters: ReadonlyMap<string, bigint>;
  /** Times (ms) of the attribute writes admitted in the last second. */
  attrWrites: readonly number[];
}

export interface ModelApp {
  sdkappid: number;
  /** Whether the app has the edition that enables group counters. */
  countersEdition: boolean;
  groups: ReadonlyMap<string, ModelGroup>;
  /** Per operationId: times (ms) of the calls admitted in the last second. */
  calls: ReadonlyMap<string, readonly number[]>;
}

export interface ModelState {
  /** By the name the requests use ('main', 'basic'). */
  apps: ReadonlyMap<string, ModelApp>;
}

export interface ModelAppConfig {
  name: string;
  sdkappid: number;
  countersEdition: boolean;
}

export function initialState(apps: readonly ModelAppConfig[]): ModelState {
  return {
    apps: new Map(
      apps.map((a) => [
        a.name,
        { sdkappid: a.sdkappid, countersEdition: a.countersEdition, groups: new Map(), calls: new Map() },
      ]),
    ),
  };
}

export function emptyGroup(type: GroupType): ModelGroup {
  return { type, destroyed: false, attrs: new Map(), counters: new Map(), attrWrites: [] };
}

/** A live (created, not destroyed) group, or undefined. */
export function liveGroup(state: ModelState, app: string, groupId: string): ModelGroup | undefined {
  const group = state.apps.get(app)?.groups.get(groupId);
  return group && !group.destroyed ? group : undefined;
}

export function withApp(state: ModelState, name: string, app: ModelApp): ModelState {
  const apps = new Map(state.apps);
  apps.set(name, app);
  return { apps };
}

export function withGroup(state: ModelState, appName: string, groupId: string, group: ModelGroup): ModelState {
  const app = state.apps.get(appName);
  if (!app) throw new Error(`model: unknown app '${appName}'`);
  const groups = new Map(app.groups);
  groups.set(groupId, group);
  return withApp(state, appName, { ...app, groups });
}
