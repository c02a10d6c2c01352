/**
 * One parser per input of the target configuration: each reads a flag or its TIM_* variable and
 * either returns the typed value or throws a ConfigError naming both and saying what to do.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { regions, resolveRegion } from '../contract/index.ts';
import { ConfigError, type Env } from './config-error.ts';
import type { TargetConfig } from './target-config.ts';

const MAX_SDKAPPID = 4294967295;
/** Real keys are 64 hex characters; anything this short would make redaction mangle every line. */
const MIN_SECRET_KEY_LENGTH = 8;

export interface Input {
  value: string | undefined;
  /** 'the --sdkappid flag' or 'TIM_SDKAPPID' */
  source: string;
}

export function pick(flagValue: string | undefined, flag: string, env: Env, variable: string): Input {
  if (flagValue !== undefined) return { value: flagValue, source: `the ${flag} flag` };
  return { value: env[variable], source: variable };
}

export function given(input: Input): boolean {
  return input.value !== undefined && input.value.trim() !== '';
}

export function parseSdkappid(input: Input, flag: string, variable: string): number {
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

export function parseSecretKey(input: Input, flag: string, variable: string): string {
  const key = (input.value ?? '').trim();
  if (key.length < MIN_SECRET_KEY_LENGTH) {
    throw new ConfigError(
      `${input.source} is shorter than ${MIN_SECRET_KEY_LENGTH} characters; set ${flag} or ${variable} to the app's secret key from the Chat console.`,
      variable,
    );
  }
  return key;
}

export function parseTarget(
  raw: string | undefined,
  source: string,
): Pick<TargetConfig, 'kind' | 'baseUrl' | 'region'> {
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
    throw new ConfigError(
      `${source} must not carry a user name or password; give only scheme, host and port.`,
      'TIM_TARGET',
    );
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

export function parseStrict(flag: boolean | undefined, env: Env): boolean {
  if (flag !== undefined) return flag;
  const text = (env.TIM_STRICT ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['', '0', 'false', 'no'].includes(text)) return false;
  throw new ConfigError(`TIM_STRICT must be 1, true or yes (or 0, false, no), got '${text}'.`, 'TIM_STRICT');
}

export function parseSeed(input: Input): Pick<TargetConfig, 'seed' | 'seedSource'> {
  if (!given(input)) return { seed: randomInt(0, 2 ** 31 - 1), seedSource: 'random' };
  const text = (input.value ?? '').trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw new ConfigError(
      `${input.source} must be an integer (the seed printed by an earlier run), got '${text}'.`,
      'TIM_SEED',
    );
  }
  return { seed: n, seedSource: input.source === 'TIM_SEED' ? 'env' : 'flag' };
}

export function readCaCert(input: Input): Pick<TargetConfig, 'caCert' | 'caCertPath'> {
  if (!given(input)) return {};
  const path = (input.value ?? '').trim();
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(
      `${input.source} names '${path}', which cannot be read; give the path of a PEM certificate file.`,
      'TIM_CA_CERT',
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(
      `${input.source} names '${path}', which holds no PEM certificate (-----BEGIN CERTIFICATE-----).`,
      'TIM_CA_CERT',
    );
  }
  return { caCert: pem, caCertPath: path };
}

export function parseMaxGroups(input: Input): number | undefined {
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
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^([A-Za-z0-9.-]+)=([^:=\s]+|\[[^\]]+\])(?::(\d{1,5}))?$/.exec(part);
    const ip = match?.[2]?.replace(/^\[|\]$/g, '');
    const port = match?.[3] === undefined ? undefined : Number(match[3]);
    if (!match || !ip || isIP(ip) === 0 || (port !== undefined && (port < 1 || port > 65535))) {
      throw new ConfigError(
        `${source} entry '${part}' is not host=ip or host=ip:port (e.g. adminapisgp.im.qcloud.com=127.0.0.1:8443).`,
        'TIM_RESOLVE',
      );
    }
    map[(match[1] as string).toLowerCase()] = port === undefined ? ip : `${ip}:${port}`;
  }
  return map;
}
