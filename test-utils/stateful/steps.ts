/**
 * The requests of a stateful sequence as data: which app sends it, which group slot it
 * addresses and the body without its GroupId (a slot is a group of the run; its id is made
 * fresh for every run and every replay). A replay file is a list of these.
 */
import type { GroupType } from '../contract/types.ts';

export type AppName = 'main' | 'basic';

export type StatefulKind = 'attributes' | 'counters' | 'isolation';

export interface GroupSlot {
  /** The app that creates (owns) the group. */
  app: AppName;
  type: GroupType;
}

export type StepOperation =
  | 'get_group_attr'
  | 'modify_group_attr'
  | 'set_group_attr'
  | 'delete_group_attr'
  | 'clear_group_attr'
  | 'get_group_counter'
  | 'update_group_counter'
  | 'delete_group_counter'
  | 'destroy_group'
  | 'create_group';

export interface StatefulStep {
  /** The app that signs the request (another app than the slot's own tests isolation). */
  app: AppName;
  slot: number;
  operation: StepOperation;
  /** The body's other fields (GroupId is added from the slot; create_group gets Type and Name too). */
  body: Record<string, unknown>;
}

/** The groups each kind of sequence works on: at least three types, two apps for isolation. */
export const SLOT_LAYOUTS: Readonly<Record<StatefulKind, readonly GroupSlot[]>> = {
  attributes: [
    { app: 'main', type: 'Public' },
    { app: 'main', type: 'Private' },
    { app: 'main', type: 'ChatRoom' },
    { app: 'main', type: 'Community' },
  ],
  counters: [
    { app: 'main', type: 'Public' },
    { app: 'main', type: 'Private' },
    { app: 'main', type: 'ChatRoom' },
    { app: 'main', type: 'Community' },
  ],
  isolation: [
    { app: 'main', type: 'Public' },
    { app: 'main', type: 'ChatRoom' },
    { app: 'basic', type: 'Public' },
    { app: 'basic', type: 'Private' },
  ],
};

export const ATTR_OPERATIONS: ReadonlySet<StepOperation> = new Set([
  'get_group_attr',
  'modify_group_attr',
  'set_group_attr',
  'delete_group_attr',
  'clear_group_attr',
]);
export const COUNTER_OPERATIONS: ReadonlySet<StepOperation> = new Set([
  'get_group_counter',
  'update_group_counter',
  'delete_group_counter',
]);
