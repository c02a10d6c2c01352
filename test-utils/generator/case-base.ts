/** What every generated case carries, whichever contract row it comes from (cases.ts, samples.ts). */
import type { ExpectedCode, GroupType } from '../contract/types.ts';

export interface CaseBase {
  operation: string;
  /** The check slug, always 'gen-…' so it cannot collide with a hand-written check. */
  check: string;
  /** The type of the group the case runs on (its own fresh group). */
  groupType: GroupType;
  /** code 0 = the call succeeds. */
  expected: ExpectedCode;
  /** The code is inferred: the case reports, but gates only with --strict. */
  tentative: boolean;
  docUrl: string;
}
