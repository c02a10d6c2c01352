/** The target as it may be printed or written to results.json: no secret key, no usersig. */
import type { ResolvedTarget } from '../contract/types.ts';
import type { TargetConfig } from './target-config.ts';

export interface TargetDescription {
  kind: ResolvedTarget['kind'];
  baseUrl?: string;
  region?: string;
  sdkappid: number;
  admin: string;
  basicSdkappid?: number;
  seed: number;
  strict: boolean;
  reportDir: string;
  groupIdPrefix?: string;
  caCert?: string;
  resolve?: Record<string, string>;
}

export function describeTarget(target: ResolvedTarget | TargetConfig): TargetDescription {
  const out: TargetDescription = {
    kind: target.kind,
    sdkappid: target.app.sdkappid,
    admin: target.app.admin,
    seed: target.seed,
    strict: target.strict,
    reportDir: target.reportDir,
  };
  if (target.baseUrl !== undefined) out.baseUrl = target.baseUrl;
  if (target.region !== undefined) out.region = target.region;
  if (target.basicApp) out.basicSdkappid = target.basicApp.sdkappid;
  if ('groupIdPrefix' in target) out.groupIdPrefix = target.groupIdPrefix;
  if ('caCertPath' in target && target.caCertPath !== undefined) out.caCert = target.caCertPath;
  else if (target.caCert !== undefined) out.caCert = '(PEM given)';
  if (target.resolve) out.resolve = { ...target.resolve };
  return out;
}
