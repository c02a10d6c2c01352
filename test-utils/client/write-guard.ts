/**
 * The client refuses writes to groups this run did not create, so a suite pointed at a real app
 * can never modify or destroy a customer's group: only ids carrying the run's prefix (custom ids
 * `timc-<run>-...`, Community `@TGS#_timc-<run>-...`) and system-assigned ids returned by this
 * process's own create_group calls may be written.
 */

export class GroupWriteRefusedError extends Error {
  readonly operationId: string;
  readonly groupId: unknown;

  constructor(operationId: string, groupId: unknown, prefix: string) {
    super(
      `refusing ${operationId} on group ${JSON.stringify(groupId)}: this run only writes to groups it created ` +
        `(ids containing '${prefix}' or returned by its own create_group); pass allowForeignGroup for a deliberately malformed id`,
    );
    this.name = 'GroupWriteRefusedError';
    this.operationId = operationId;
    this.groupId = groupId;
  }
}

const ownedGroups = new Set<string>();

/** Lets this process write to `groupId` (a system-assigned id it created by other means). */
export function markGroupOwned(groupId: string): void {
  ownedGroups.add(groupId);
}

export function isGroupOwned(groupId: string): boolean {
  return ownedGroups.has(groupId);
}

/** Every operation except the get_* reads is treated as a write. */
export function isWriteOperation(operationId: string): boolean {
  return !operationId.startsWith('get_');
}

/** The GroupId a request body addresses: `undefined` when it names none. */
export function groupIdOfBody(body: unknown, rawBody?: string): { present: boolean; value: unknown } {
  let parsed = body;
  if (rawBody !== undefined) {
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      // Not JSON: look for a GroupId member all the same, so a raw body cannot slip past.
      const match = /"GroupId"\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\s]+)/.exec(rawBody);
      if (!match) return { present: false, value: undefined };
      try {
        return { present: true, value: JSON.parse(match[1] as string) };
      } catch {
        return { present: true, value: match[1] };
      }
    }
  }
  if (typeof parsed !== 'object' || parsed === null || !('GroupId' in parsed))
    return { present: false, value: undefined };
  return { present: true, value: (parsed as { GroupId: unknown }).GroupId };
}

/** Throws GroupWriteRefusedError unless the write addresses a group of this run (or none). */
export function assertGroupWritable(
  operationId: string,
  body: unknown,
  rawBody: string | undefined,
  groupIdPrefix: string,
): void {
  if (!isWriteOperation(operationId)) return;
  const { present, value } = groupIdOfBody(body, rawBody);
  if (!present) return;
  if (typeof value === 'string' && ((groupIdPrefix !== '' && value.includes(groupIdPrefix)) || ownedGroups.has(value)))
    return;
  throw new GroupWriteRefusedError(operationId, value, groupIdPrefix);
}
