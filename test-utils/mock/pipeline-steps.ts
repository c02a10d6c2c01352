/**
 * The request pipeline's replaceable steps, each with the reference behaviour, so that
 * pipeline.ts reads as the reference alone: a deviation (deviations.ts, PIPELINE_STEP_DEVIATIONS)
 * replaces or wraps one step instead of being a switch inside the pipeline, and
 * `pipelineStepsFor(deviations)` (deviations.ts) gives the steps a request runs with.
 */
import type { UserSigVerdict } from './usersig-verify.ts';

export interface PipelineSteps {
  /** The usersig query value as the verifier is given it (reference: as sent). */
  usersigAsDecoded(usersig: string | null): string | null;
  /** The verdict the server acts on (reference: the verifier's own). */
  actOnVerdict(verdict: UserSigVerdict): UserSigVerdict;
  /** Whether a caller may use the admin API, given whether it is an App admin (reference: only then). */
  mayCallAdminApi(isAdmin: boolean): boolean;
  /** The calls per second per API enforced for a documented limit (reference: the documented one). */
  apiCallLimit(documented: number): number;
  /** Whether a call is admitted by the per-API call rate; `admit` counts it in its window (reference: ask it). */
  admitsApiCall(admit: () => boolean): boolean;
  /** The finished response body as sent (reference: unchanged). */
  finishBody(body: string): string;
  /**
   * Whether the random and contenttype query parameters are accepted (reference: whatever they
   * are; the profile's signing.random-above-2-31 and signing.random-or-contenttype-invalid rows).
   */
  acceptsRandomAndContenttype(random: string | null, contenttype: string | null): boolean;
  /** The parsed request body as the operation's handler is given it (reference: unchanged). */
  requestBodyFor(operationId: string, body: Record<string, unknown>): Record<string, unknown>;
}

export const REFERENCE_PIPELINE_STEPS: PipelineSteps = {
  usersigAsDecoded: (usersig) => usersig,
  actOnVerdict: (verdict) => verdict,
  mayCallAdminApi: (isAdmin) => isAdmin,
  apiCallLimit: (documented) => documented,
  admitsApiCall: (admit) => admit(),
  finishBody: (body) => body,
  acceptsRandomAndContenttype: () => true,
  requestBodyFor: (_operationId, body) => body,
};

/** A deviation of the pipeline: given the steps so far, the steps it replaces. */
export type PipelineStepDeviation = (steps: PipelineSteps) => Partial<PipelineSteps>;
