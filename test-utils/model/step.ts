/**
 * The model's one entry point: a request (operation, body, app) at a time on the model's clock
 * gives the documented answer and the next state. The per-API call window comes first (a call
 * over 200/s is refused before anything else is looked at), then the operation's own rules.
 */
import { getOperation } from '../contract/index.ts';
import { refused, type ExpectedAnswer } from './answer.ts';
import { ATTR_STEPS } from './attributes.ts';
import { COUNTER_STEPS } from './counters.ts';
import { GROUP_STEPS, type StepInput, type StepOutput } from './groups.ts';
import { admitEvent } from './rates.ts';
import { modelRules } from './rules.ts';
import { withApp, type ModelState } from './state.ts';

export interface ModelRequest {
  /** The app's name in the model state ('main', 'basic'). */
  app: string;
  operation: string;
  /** The parsed JSON body (integers beyond 2^53 as bigint). */
  body: Record<string, unknown>;
}

const HANDLERS: Readonly<Record<string, (input: StepInput) => StepOutput>> = {
  ...ATTR_STEPS,
  ...COUNTER_STEPS,
  ...GROUP_STEPS,
};

export const MODELLED_OPERATIONS: readonly string[] = Object.keys(HANDLERS);

/** The documented answer to `request` at `nowMs`, and the state after it. Pure. */
export function modelStep(
  state: ModelState,
  request: ModelRequest,
  nowMs: number,
): { answer: ExpectedAnswer; next: ModelState } {
  const handler = HANDLERS[request.operation];
  if (!handler)
    throw new Error(
      `model: operation '${request.operation}' is not modelled (modelled: ${MODELLED_OPERATIONS.join(', ')})`,
    );
  const contract = getOperation(request.operation);
  const app = state.apps.get(request.app);
  if (!app) throw new Error(`model: unknown app '${request.app}'`);
  const call = admitEvent(app.calls.get(request.operation) ?? [], contract['x-tim-call-rate'].perSecond, nowMs);
  const calls = new Map(app.calls);
  calls.set(request.operation, call.window);
  const counted = withApp(state, request.app, { ...app, calls });
  if (!call.admitted) return { answer: refused([modelRules().apiRate]), next: counted };
  return handler({ state: counted, app: request.app, contract, body: request.body, nowMs });
}
