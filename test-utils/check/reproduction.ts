/**
 * The one command that reruns a check exactly: the same target, app, seed and strictness, and
 * `--id` for the check. Credentials are never in it: the secret keys are read from the
 * variables the command names (TIM_SECRET_KEY, TIM_BASIC_SECRET_KEY), as a CI job sets them.
 */
import type { ResolvedTarget } from '../contract/types.ts';

/** The target as the command needs it (results.json's `target` has this shape). */
export interface RerunTarget {
  kind: 'mock' | 'url' | 'region';
  baseUrl: string;
  region: string | null;
  sdkappid: number;
  admin: string;
  basicSdkappid: number | null;
  strict: boolean;
}

export function rerunTargetOf(target: ResolvedTarget): RerunTarget {
  return {
    kind: target.kind,
    baseUrl: target.baseUrl,
    region: target.region ?? null,
    sdkappid: target.app.sdkappid,
    admin: target.app.admin,
    basicSdkappid: target.basicApp?.sdkappid ?? null,
    strict: target.strict,
  };
}

/** A shell-safe single-quoted argument, left bare when it needs no quoting. */
export function shellArg(text: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What the command needs to know of the run besides its target. */
export interface RerunContext {
  target: RerunTarget;
  seed: number;
  /** The suites directory when not the default one. */
  suitesDir?: string;
}

function targetArg(target: RerunTarget): string | undefined {
  if (target.kind === 'mock') return undefined;
  if (target.kind === 'region' && target.region) return `region:${target.region}`;
  return target.baseUrl;
}

/** The variables the command reads that the shell must hold (never their values). */
export function requiredVariables(target: RerunTarget): string[] {
  if (target.kind === 'mock') return [];
  const names = ['TIM_SECRET_KEY'];
  if (target.basicSdkappid !== null) names.push('TIM_BASIC_SECRET_KEY');
  return names;
}

/** `npx tim-conformance run --target … --sdkappid … --seed N --id ID…` */
export function rerunCommand(context: RerunContext, ids: readonly string[]): string {
  const { target } = context;
  const args = ['npx', 'tim-conformance', 'run'];
  const where = targetArg(target);
  if (where !== undefined) args.push('--target', shellArg(where), '--sdkappid', String(target.sdkappid));
  if (target.kind !== 'mock' && target.basicSdkappid !== null)
    args.push('--basic-sdkappid', String(target.basicSdkappid));
  if (target.admin !== 'administrator') args.push('--admin', shellArg(target.admin));
  if (target.strict) args.push('--strict');
  if (context.suitesDir) args.push('--suites', shellArg(context.suitesDir));
  args.push('--seed', String(context.seed));
  for (const id of ids) args.push('--id', shellArg(id));
  return args.join(' ');
}

/** The line printed under a rerun command when the shell needs credentials for it. */
export function variablesNote(target: RerunTarget): string {
  const names = requiredVariables(target);
  return names.length === 0 ? '' : `(with ${names.join(' and ')} set in the environment)`;
}
