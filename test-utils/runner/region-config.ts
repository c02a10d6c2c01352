/**
 * The configuration of each region of a regional run. An app lives in one region, so every
 * region has its own credentials, in variables named after the region's canonical name from the
 * spec (x-tim-regions): TIM_SDKAPPID_SINGAPORE, TIM_SECRET_KEY_SINGAPORE, and optionally
 * TIM_BASIC_SDKAPPID_<REGION> / TIM_BASIC_SECRET_KEY_<REGION> and TIM_ADMIN_<REGION> (default
 * TIM_ADMIN). There is no fallback to TIM_SDKAPPID: one app answered by every region would make
 * all but one region fail for a reason that says nothing about the region.
 */
import { join } from 'node:path';
import { regions, resolveRegion } from '../contract/index.ts';
import type { Region } from '../contract/types.ts';
import { ConfigError, resolveTargetConfig, type Env, type RunFlags, type TargetConfig } from '../config/index.ts';

/** 'silicon-valley' -> 'SILICON_VALLEY'. */
export function regionSuffix(region: Pick<Region, 'name'>): string {
  return region.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

export function regionVariable(
  base: 'TIM_SDKAPPID' | 'TIM_SECRET_KEY' | 'TIM_BASIC_SDKAPPID' | 'TIM_BASIC_SECRET_KEY' | 'TIM_ADMIN',
  region: Pick<Region, 'name'>,
): string {
  return `${base}_${regionSuffix(region)}`;
}

function knownRegions(): string {
  return regions()
    .map((r) => (r.aliases.length > 0 ? `${r.name} (${r.aliases.join(', ')})` : r.name))
    .join(', ');
}

/** 'all' or a comma-separated list of names or aliases, in the order given. */
export function parseRegionList(text: string, source = 'the --regions flag'): Region[] {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'all') return [...regions()];
  const names = trimmed.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) {
    throw new ConfigError(
      `${source} has an empty region name; give 'all' or names separated by commas, e.g. sgp,kr.`,
      'TIM_REGIONS',
    );
  }
  const picked: Region[] = [];
  for (const name of names) {
    const region = resolveRegion(name);
    if (!region)
      throw new ConfigError(
        `${source} names an unknown region '${name}'; use 'all' or some of: ${knownRegions()}.`,
        'TIM_REGIONS',
      );
    if (picked.some((r) => r.name === region.name)) {
      throw new ConfigError(
        `${source} names the region ${region.name} twice ('${name}'); name each region once.`,
        'TIM_REGIONS',
      );
    }
    picked.push(region);
  }
  return picked;
}

const PER_APP_FLAGS: [keyof RunFlags, string][] = [
  ['target', '--target'],
  ['sdkappid', '--sdkappid'],
  ['secretKey', '--secret-key'],
  ['basicSdkappid', '--basic-sdkappid'],
  ['basicSecretKey', '--basic-secret-key'],
];

/** Flags that name one app or one target cannot apply to several regions. */
export function refusePerAppFlags(flags: RunFlags): void {
  const given = PER_APP_FLAGS.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  if (given.length > 0) {
    throw new ConfigError(
      `${given.join(', ')} cannot be combined with --regions: each region has its own app; ` +
        `set TIM_SDKAPPID_<REGION> and TIM_SECRET_KEY_<REGION> (e.g. TIM_SDKAPPID_SINGAPORE) instead.`,
      'TIM_REGIONS',
    );
  }
}

function present(env: Env, name: string): boolean {
  return (env[name] ?? '').trim() !== '';
}

/**
 * The region's TargetConfig, reports in `<reportDir>/<region>`. Errors name the region's own
 * variables (never a value of a secret).
 */
export function regionTargetConfig(region: Region, flags: RunFlags, env: Env): TargetConfig {
  const sdkappid = regionVariable('TIM_SDKAPPID', region);
  const secretKey = regionVariable('TIM_SECRET_KEY', region);
  const missing = [sdkappid, secretKey].filter((name) => !present(env, name));
  if (missing.length > 0) {
    throw new ConfigError(
      `region ${region.name} needs its own app (an app lives in one region): set ${missing.join(' and ')}.`,
      missing[0],
    );
  }
  const basicSdkappid = regionVariable('TIM_BASIC_SDKAPPID', region);
  const basicSecretKey = regionVariable('TIM_BASIC_SECRET_KEY', region);
  const admin = regionVariable('TIM_ADMIN', region);
  const regionEnv: Env = {
    ...env,
    TIM_TARGET: `region:${region.name}`,
    TIM_SDKAPPID: env[sdkappid],
    TIM_SECRET_KEY: env[secretKey],
    TIM_BASIC_SDKAPPID: env[basicSdkappid],
    TIM_BASIC_SECRET_KEY: env[basicSecretKey],
    TIM_ADMIN: present(env, admin) ? env[admin] : env.TIM_ADMIN,
  };
  const renamed: Record<string, string> = {
    TIM_SDKAPPID: sdkappid,
    TIM_SECRET_KEY: secretKey,
    TIM_BASIC_SDKAPPID: basicSdkappid,
    TIM_BASIC_SECRET_KEY: basicSecretKey,
  };
  let config: TargetConfig;
  try {
    config = resolveTargetConfig({ ...flags, target: undefined }, regionEnv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // The shared validation names TIM_SDKAPPID & co.; here the values came from the region's variables.
    const message = error.message
      .replace(/--(basic-)?(sdkappid|secret-key) or /g, '')
      .replace(/\bTIM_(BASIC_)?(SDKAPPID|SECRET_KEY)\b/g, (name) => renamed[name] ?? name);
    throw new ConfigError(
      `region ${region.name}: ${message}`,
      error.variable ? (renamed[error.variable] ?? error.variable) : undefined,
    );
  }
  return { ...config, reportDir: join(config.reportDir, region.name) };
}
