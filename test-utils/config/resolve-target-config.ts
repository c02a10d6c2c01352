/**
 * The target a run talks to, from command-line flags over TIM_* environment variables. Every
 * missing or invalid input is a ConfigError raised before any request.
 */
import type { AppCredentials } from '../contract/types.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../mock/default-apps.ts';
import { ConfigError, type Env } from './config-error.ts';
import {
  given,
  parseMaxGroups,
  parseResolve,
  parseSdkappid,
  parseSecretKey,
  parseSeed,
  parseStrict,
  parseTarget,
  pick,
  readCaCert,
} from './parse-inputs.ts';
import type { RunFlags, TargetConfig } from './target-config.ts';

export const DEFAULT_ADMIN = 'administrator';
export const DEFAULT_REPORT_DIR = 'reports';

/**
 * Flags over environment. For `mock` the credentials default to the mock's two default apps;
 * for a URL or a region the app's sdkappid and secret key are required.
 */
export function resolveTargetConfig(flags: RunFlags, env: Env): TargetConfig {
  const targetInput = pick(flags.target, '--target', env, 'TIM_TARGET');
  const target = parseTarget(targetInput.value, targetInput.source);

  const adminInput = pick(flags.admin, '--admin', env, 'TIM_ADMIN');
  const admin = given(adminInput) ? (adminInput.value as string).trim() : DEFAULT_ADMIN;

  const sdkappid = pick(flags.sdkappid, '--sdkappid', env, 'TIM_SDKAPPID');
  const secretKey = pick(flags.secretKey, '--secret-key', env, 'TIM_SECRET_KEY');
  let app: AppCredentials;
  if (given(sdkappid) || given(secretKey) || target.kind !== 'mock') {
    if (!given(sdkappid)) {
      throw new ConfigError(
        target.kind === 'mock'
          ? "A secret key was given without an SDKAppID; set --sdkappid or TIM_SDKAPPID too, or neither for the mock's default app."
          : `--sdkappid or TIM_SDKAPPID is required when the target is a ${target.kind === 'url' ? 'URL' : 'region'}; set it to the SDKAppID of the app to test.`,
        'TIM_SDKAPPID',
      );
    }
    if (!given(secretKey)) {
      throw new ConfigError(
        target.kind === 'mock'
          ? "An SDKAppID was given without a secret key; set --secret-key or TIM_SECRET_KEY too, or neither for the mock's default app."
          : `--secret-key or TIM_SECRET_KEY is required when the target is a ${target.kind === 'url' ? 'URL' : 'region'}; set it to the app's secret key from the Chat console.`,
        'TIM_SECRET_KEY',
      );
    }
    app = {
      sdkappid: parseSdkappid(sdkappid, '--sdkappid', 'TIM_SDKAPPID'),
      secretKey: parseSecretKey(secretKey, '--secret-key', 'TIM_SECRET_KEY'),
      admin,
    };
  } else {
    app = { sdkappid: DEFAULT_FULL_APP.sdkappid, secretKey: DEFAULT_FULL_APP.secretKey, admin };
  }

  const basicSdkappid = pick(flags.basicSdkappid, '--basic-sdkappid', env, 'TIM_BASIC_SDKAPPID');
  const basicSecretKey = pick(flags.basicSecretKey, '--basic-secret-key', env, 'TIM_BASIC_SECRET_KEY');
  let basicApp: AppCredentials | undefined;
  if (given(basicSdkappid) !== given(basicSecretKey)) {
    const [missing, variable] = given(basicSdkappid)
      ? ['--basic-secret-key or TIM_BASIC_SECRET_KEY', 'TIM_BASIC_SECRET_KEY']
      : ['--basic-sdkappid or TIM_BASIC_SDKAPPID', 'TIM_BASIC_SDKAPPID'];
    throw new ConfigError(
      `The app without the counters' edition needs both its SDKAppID and its secret key; set ${missing} too, or neither to skip the edition checks.`,
      variable,
    );
  }
  if (given(basicSdkappid)) {
    basicApp = {
      sdkappid: parseSdkappid(basicSdkappid, '--basic-sdkappid', 'TIM_BASIC_SDKAPPID'),
      secretKey: parseSecretKey(basicSecretKey, '--basic-secret-key', 'TIM_BASIC_SECRET_KEY'),
      admin,
    };
    if (basicApp.sdkappid === app.sdkappid) {
      throw new ConfigError(
        "TIM_BASIC_SDKAPPID is the same app as TIM_SDKAPPID; the edition checks need a second app without the counters' edition.",
        'TIM_BASIC_SDKAPPID',
      );
    }
  } else if (target.kind === 'mock') {
    basicApp = { sdkappid: DEFAULT_BASIC_APP.sdkappid, secretKey: DEFAULT_BASIC_APP.secretKey, admin };
  }

  const reportInput = pick(flags.reportDir, '--report-dir', env, 'TIM_REPORT_DIR');
  const reportDir = given(reportInput) ? (reportInput.value as string).trim() : DEFAULT_REPORT_DIR;

  const config: TargetConfig = {
    ...target,
    app,
    ...parseSeed(pick(flags.seed, '--seed', env, 'TIM_SEED')),
    strict: parseStrict(flags.strict, env),
    reportDir,
    ...readCaCert(pick(flags.caCert, '--ca-cert', env, 'TIM_CA_CERT')),
  };
  if (basicApp) config.basicApp = basicApp;
  const resolveInput = pick(flags.resolve, '--resolve', env, 'TIM_RESOLVE');
  if (given(resolveInput)) config.resolve = parseResolve(resolveInput.value as string, resolveInput.source);
  const maxGroups = parseMaxGroups(pick(flags.maxGroups, '--max-groups', env, 'TIM_MAX_GROUPS'));
  if (maxGroups !== undefined) config.maxGroups = maxGroups;
  return config;
}
