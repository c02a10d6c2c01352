/** What `run`, `janitor` and the other commands are told about their target, before it is started. */
import type { AppCredentials, ResolvedTarget } from '../contract/types.ts';

export interface RunFlags {
  target?: string;
  sdkappid?: string;
  secretKey?: string;
  admin?: string;
  basicSdkappid?: string;
  basicSecretKey?: string;
  reportDir?: string;
  seed?: string;
  strict?: boolean;
  caCert?: string;
  /** Host overrides 'host=ip[:port],host2=ip' (TIM_RESOLVE), for regional names without DNS. */
  resolve?: string;
  /** Cap on groups created per run (TIM_MAX_GROUPS); a positive integer. */
  maxGroups?: string;
}

/** A ResolvedTarget before start: the mock's baseUrl and the run's group id prefix come later. */
export interface TargetConfig {
  kind: ResolvedTarget['kind'];
  /** Known for 'url' and 'region'; undefined for 'mock' until the mock listens. */
  baseUrl?: string;
  /** The region's canonical name, for 'region'. */
  region?: string;
  app: AppCredentials;
  basicApp?: AppCredentials;
  seed: number;
  /** Where the seed came from; the runner prints a random one so a run can be repeated. */
  seedSource: 'flag' | 'env' | 'random';
  strict: boolean;
  reportDir: string;
  /** The PEM text of TIM_CA_CERT. */
  caCert?: string;
  caCertPath?: string;
  resolve?: Record<string, string>;
  /** Cap on groups created per run; undefined = no cap. */
  maxGroups?: number;
}
