/**
 * The target a run talks to, from command-line flags over TIM_* environment variables.
 * Every missing or invalid input is a ConfigError with one sentence that names the flag and the
 * variable and says what to do, raised before any request (the runner maps it to exit code 2).
 * No message ever contains a secret key.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { regions, resolveRegion } from '../contract/index.ts';
import type { AppCredentials, ResolvedTarget } from '../contract/types.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from '../mock/default-apps.ts';
import type { MockApp } from '../mock/default-apps.ts';
import type { MockServerOptions } from '../mock/index.ts';

export class ConfigError extends Error {
  /** The environment variable concerned (TIM_SDKAPPID ...), when there is one. */
  readonly variable: string | undefined;

  constructor(message: string, variable?: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

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

export type Env = Record<string, string | undefined>;

const MAX_SDKAPPID = 4294967295;
/** Real keys are 64 hex characters; anything this short would make redaction mangle every line. */
const MIN_SECRET_KEY_LENGTH = 8;
export const DEFAULT_ADMIN = 'administrator';
export const DEFAULT_REPORT_DIR = 'reports';

/** Every group id a run creates contains `timc-<8 characters>-` (Community ids after '@TGS#_'). */
export const GROUP_ID_PREFIX_BASE = 'timc-';
export const GROUP_ID_PREFIX_PATTERN = /timc-[a-z0-9]{8}-/;

interface Input {
  value: string | undefined;
  /** 'the --sdkappid flag' or 'TIM_SDKAPPID' */
  source: string;
}

function pick(flagValue: string | undefined, flag: string, env: Env, variable: string): Input {
  if (flagValue !== undefined) return { value: flagValue, source: `the ${flag} flag` };
  return { value: env[variable], source: variable };
}

function given(input: Input): boolean {
  return input.value !== undefined && input.value.trim() !== '';
}

function parseSdkappid(input: Input, flag: string, variable: string): number {
  const text = (input.value ?? '').trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_SDKAPPID) {
    throw new ConfigError(
      `${input.source} must be a positive integer up to ${MAX_SDKAPPID} (the SDKAppID shown in the Chat console), ` +
        `got '${text}'; set ${flag} or ${variable}.`,
      variable,
    );
  }
  return n;
}

function parseSecretKey(input: Input, flag: string, variable: string): string {
  const key = (input.value ?? '').trim();
  if (key.length < MIN_SECRET_KEY_LENGTH) {
    throw new ConfigError(
      `${input.source} is shorter than ${MIN_SECRET_KEY_LENGTH} characters; set ${flag} or ${variable} to the app's secret key from the Chat console.`,
      variable,
    );
  }
  return key;
}

function parseTarget(raw: string | undefined, source: string): Pick<TargetConfig, 'kind' | 'baseUrl' | 'region'> {
  const text = (raw ?? '').trim();
  if (text === '' || text === 'mock') return { kind: 'mock' };
  if (text.startsWith('region:')) {
    const name = text.slice('region:'.length).trim();
    const region = name === '' ? undefined : resolveRegion(name);
    if (!region) {
      const known = regions().map((r) => (r.aliases.length > 0 ? `${r.name} (${r.aliases.join(', ')})` : r.name));
      throw new ConfigError(
        `${source} names an unknown region '${name}'; use region:<name> with one of: ${known.join(', ')}.`,
        'TIM_TARGET',
      );
    }
    return { kind: 'region', region: region.name, baseUrl: `https://${region.host}` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      `${source} is neither 'mock', 'region:<name>' nor a URL; give a base URL such as http://127.0.0.1:8080.`,
      'TIM_TARGET',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${source} must use http or https, not '${url.protocol.replace(/:$/, '')}'.`, 'TIM_TARGET');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(`${source} must not carry a user name or password; give only scheme, host and port.`, 'TIM_TARGET');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      `${source} must be a base URL without path, query or fragment (the client adds /v4/<service>/<command>); ` +
        `give ${url.origin}.`,
      'TIM_TARGET',
    );
  }
  return { kind: 'url', baseUrl: url.origin };
}

function parseStrict(flag: boolean | undefined, env: Env): boolean {
  if (flag !== undefined) return flag;
  const text = (env.TIM_STRICT ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['', '0', 'false', 'no'].includes(text)) return false;
  throw new ConfigError(`TIM_STRICT must be 1, true or yes (or 0, false, no), got '${text}'.`, 'TIM_STRICT');
}

function parseSeed(input: Input): Pick<TargetConfig, 'seed' | 'seedSource'> {
  if (!given(input)) return { seed: randomInt(0, 2 ** 31 - 1), seedSource: 'random' };
  const text = (input.value ?? '').trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new ConfigError(`${input.source} must be an integer (the seed printed by an earlier run), got '${text}'.`, 'TIM_SEED');
  }
  return { seed: n, seedSource: input.source === 'TIM_SEED' ? 'env' : 'flag' };
}

function readCaCert(input: Input): Pick<TargetConfig, 'caCert' | 'caCertPath'> {
  if (!given(input)) return {};
  const path = (input.value ?? '').trim();
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(`${input.source} names '${path}', which cannot be read; give the path of a PEM certificate file.`, 'TIM_CA_CERT');
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(`${input.source} names '${path}', which holds no PEM certificate (-----BEGIN CERTIFICATE-----).`, 'TIM_CA_CERT');
  }
  return { caCert: pem, caCertPath: path };
}

function parseMaxGroups(input: Input): number | undefined {
  if (!given(input)) return undefined;
  const text = (input.value ?? '').trim();
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError(
      `${input.source} must be a positive integer (the most groups one run may create), got '${text}'; omit it for no cap.`,
      'TIM_MAX_GROUPS',
    );
  }
  return n;
}

/** 'host=ip[:port],host2=ip' -> { host: 'ip[:port]' }. */
export function parseResolve(text: string, source = 'TIM_RESOLVE'): Record<string, string> {
  const map: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const match = /^([A-Za-z0-9.-]+)=([^:=\s]+|\[[^\]]+\])(?::(\d{1,5}))?$/.exec(part);
    const ip = match?.[2]?.replace(/^\[|\]$/g, '');
    const port = match?.[3] === undefined ? undefined : Number(match[3]);
    if (!match || !ip || isIP(ip) === 0 || (port !== undefined && (port < 1 || port > 65535))) {
      throw new ConfigError(`${source} entry '${part}' is not host=ip or host=ip:port (e.g. adminapisgp.im.qcloud.com=127.0.0.1:8443).`, 'TIM_RESOLVE');
    }
    map[(match[1] as string).toLowerCase()] = port === undefined ? ip : `${ip}:${port}`;
  }
  return map;
}

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
          ? 'A secret key was given without an SDKAppID; set --sdkappid or TIM_SDKAPPID too, or neither for the mock\'s default app.'
          : `--sdkappid or TIM_SDKAPPID is required when the target is a ${target.kind === 'url' ? 'URL' : 'region'}; set it to the SDKAppID of the app to test.`,
        'TIM_SDKAPPID',
      );
    }
    if (!given(secretKey)) {
      throw new ConfigError(
        target.kind === 'mock'
          ? 'An SDKAppID was given without a secret key; set --secret-key or TIM_SECRET_KEY too, or neither for the mock\'s default app.'
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
        'TIM_BASIC_SDKAPPID is the same app as TIM_SDKAPPID; the edition checks need a second app without the counters\' edition.',
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

/**
 * `timc-<8 characters>-`: the run id mixes the seed, the time and a little randomness (two runs
 * with one seed must not share ids), lower-case ASCII so the id is a valid custom GroupId;
 * '@TGS#_' + prefix + 12 characters stays far below the 48-byte limit.
 */
export function makeGroupIdPrefix(seed: number, nowMs: number = Date.now()): string {
  const digest = createHash('sha256').update(`${seed}:${nowMs}:${randomBytes(8).toString('hex')}`).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let runId = '';
  for (let i = 0; i < 8; i += 1) runId += alphabet[(digest[i] as number) % alphabet.length];
  return `${GROUP_ID_PREFIX_BASE}${runId}-`;
}

export interface StartTargetOptions {
  /**
   * Passed to startMockServer for the `mock` target. Port and host are always 0 / 127.0.0.1;
   * `apps` defaults to the configured app (with the counters' edition) and basic app (without).
   */
  mockOptions?: MockServerOptions;
}

export interface StartedTarget {
  target: ResolvedTarget;
  close(): Promise<void>;
}

/** Starts the embedded mock for `mock` (on a free loopback port); for the others nothing to start. */
export async function startTarget(config: TargetConfig, opts: StartTargetOptions = {}): Promise<StartedTarget> {
  const base: Omit<ResolvedTarget, 'baseUrl'> = {
    kind: config.kind,
    app: config.app,
    seed: config.seed,
    strict: config.strict,
    reportDir: config.reportDir,
    groupIdPrefix: makeGroupIdPrefix(config.seed),
  };
  if (config.region !== undefined) base.region = config.region;
  if (config.basicApp) base.basicApp = config.basicApp;
  if (config.caCert !== undefined) base.caCert = config.caCert;
  if (config.resolve) base.resolve = config.resolve;
  if (config.maxGroups !== undefined) base.maxGroups = config.maxGroups;

  if (config.kind !== 'mock') {
    if (config.baseUrl === undefined) throw new ConfigError('The target has no base URL; set --target or TIM_TARGET.', 'TIM_TARGET');
    return { target: { ...base, baseUrl: config.baseUrl }, close: async () => {} };
  }
  // Imported here so that a run against a URL or a region never loads the mock.
  const { startMockServer } = await import('../mock/index.ts');
  const apps: MockApp[] = [{ ...config.app, extraAdmins: [], countersEdition: true }];
  if (config.basicApp) apps.push({ ...config.basicApp, extraAdmins: [], countersEdition: false });
  const server = await startMockServer({ apps, ...opts.mockOptions, port: 0, host: '127.0.0.1' });
  const target: ResolvedTarget = { ...base, baseUrl: server.url.replace(/\/+$/, '') };
  if (server.caCert !== undefined) target.caCert = server.caCert;
  return { target, close: () => server.close() };
}

/** What may be printed or written to results.json: no secret key, no usersig. */
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
