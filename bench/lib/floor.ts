/**
 * The time floor that the documented rates put under a run: every API allows `perSecond` calls
 * per app (sliding one-second window) and every group `perSecond` attribute writes, so a run that
 * made N calls to one API, or N attribute writes to one group, cannot finish in less than
 * N / perSecond seconds however well it parallelises. The floor is the largest of these.
 */
export interface RatedCount {
  /** 'sdkappid/operation' for an API, 'sdkappid/GroupId' for a group. */
  key: string;
  count: number;
  perSecond: number;
}

export interface RateFloor {
  /** Seconds; 0 when nothing was counted. */
  seconds: number;
  /** What imposes the floor ('api 1400000001/set_group_attr'), or 'none'. */
  bindingKey: string;
  apiSeconds: number;
  groupSeconds: number;
}

function largest(counts: readonly RatedCount[]): { seconds: number; key: string } {
  let best = { seconds: 0, key: 'none' };
  for (const { key, count, perSecond } of counts) {
    if (!(perSecond > 0)) throw new Error(`rate of ${key} must be positive, got ${perSecond}`);
    const seconds = count / perSecond;
    if (seconds > best.seconds) best = { seconds, key };
  }
  return best;
}

export function rateFloor(apiCalls: readonly RatedCount[], groupWrites: readonly RatedCount[]): RateFloor {
  const api = largest(apiCalls);
  const group = largest(groupWrites);
  const byGroup = group.seconds > api.seconds;
  return {
    seconds: byGroup ? group.seconds : api.seconds,
    bindingKey: byGroup ? `group ${group.key}` : api.seconds > 0 ? `api ${api.key}` : 'none',
    apiSeconds: api.seconds,
    groupSeconds: group.seconds,
  };
}
