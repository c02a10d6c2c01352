/**
 * `tim-conformance mock`: runs the reference mock until SIGINT, SIGTERM or SIGHUP.
 *
 *   tim-conformance mock --port 8080 [--host 127.0.0.1] [--sdkappid N --secret-key K --admin NAME]
 *     [--basic-sdkappid N --basic-secret-key K] [--no-rate-limits] [--latency-ms N]
 *     [--tls] [--cert FILE --key FILE]
 *
 * The first line printed is `listening on http(s)://HOST:PORT` (scripts wait for it). Secret keys
 * are never printed. A bad flag is one line on stderr and exit code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MOCK_OPTION_SPECS } from '../cli/mock-options.ts';
import { DEFAULT_BASIC_APP, DEFAULT_FULL_APP } from './default-apps.ts';
import type { MockApp } from './default-apps.ts';
import { KNOWN_DEVIATIONS, startMockServer } from './index.ts';
import type { MockServerOptions } from './index.ts';

export interface MockCommandIo {
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  /** Stops the server like a signal would (for in-process tests). */
  signal?: AbortSignal;
}

export const MOCK_USAGE =
  'usage: tim-conformance mock [--port N] [--host H] [--sdkappid N --secret-key K [--admin NAME]] ' +
  '[--basic-sdkappid N --basic-secret-key K] [--no-rate-limits] [--latency-ms N] [--tls [--cert-out FILE]] [--cert FILE --key FILE] ' +
  '[--deviation NAME]... (tim-conformance help mock describes each)';

export class UsageError extends Error {}

/** The options are those of the CLI's option table (test-utils/cli/mock-options.ts), plus --help. */
const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(
    MOCK_OPTION_SPECS.map((o) => [o.name, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }]),
  ),
  help: { type: 'boolean', short: 'h' },
};

function integerFlag(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${text}'`);
  }
  return Number(text);
}

function appFromFlags(
  base: MockApp,
  prefix: string,
  values: Record<string, string | boolean | undefined>,
  admin: string | undefined,
): MockApp {
  const sdkappid = integerFlag(`${prefix}sdkappid`, values[`${prefix}sdkappid`] as string | undefined, 1, 4294967295);
  const secretKey = values[`${prefix}secret-key`] as string | undefined;
  if (sdkappid === undefined && secretKey === undefined) return admin === undefined ? base : { ...base, admin };
  if (sdkappid === undefined) throw new UsageError(`--${prefix}secret-key needs --${prefix}sdkappid`);
  if (secretKey === undefined || secretKey === '')
    throw new UsageError(`--${prefix}sdkappid needs --${prefix}secret-key`);
  return { ...base, sdkappid, secretKey, admin: admin ?? base.admin };
}

function readPem(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--${flag}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Turns the command line into server options; throws UsageError with a one-line message. */
export interface MockCommandOptions extends MockServerOptions {
  /** --cert-out: where to write the certificate --tls made. */
  certOut?: string;
}

export function parseMockArgs(argv: string[]): MockCommandOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    // A stray positional may be a secret pasted in the wrong place: never echo it.
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError('unexpected positional argument');
    throw new UsageError(
      ((error as Error).message.split('. ')[0] ?? 'invalid arguments').split('\n')[0] ?? 'invalid arguments',
    );
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help'] === true) return 'help';
  const admin = values['admin'] as string | undefined;
  if (admin === '') throw new UsageError('--admin must not be empty');
  const full = appFromFlags(DEFAULT_FULL_APP, '', values, admin);
  const basic = appFromFlags(DEFAULT_BASIC_APP, 'basic-', values, undefined);
  if (full.sdkappid === basic.sdkappid)
    throw new UsageError(`--sdkappid and --basic-sdkappid must differ (both ${full.sdkappid})`);

  const deviations = (parsed.values as { deviation?: string[] }).deviation ?? [];
  for (const name of deviations) {
    if (!Object.hasOwn(KNOWN_DEVIATIONS, name))
      throw new UsageError(`unknown deviation '${name}' (see tim-conformance mutants --list)`);
  }
  const certOut = values['cert-out'] as string | undefined;
  if (certOut !== undefined && values['tls'] !== true)
    throw new UsageError('--cert-out needs --tls (it writes the certificate --tls makes)');
  if (certOut !== undefined && certOut.trim() === '') throw new UsageError('--cert-out needs a file path');
  const certPath = values['cert'] as string | undefined;
  const keyPath = values['key'] as string | undefined;
  if ((certPath === undefined) !== (keyPath === undefined)) throw new UsageError('--cert and --key go together');
  const options: MockCommandOptions = {
    host: (values['host'] as string | undefined) ?? '127.0.0.1',
    port: integerFlag('port', values['port'] as string | undefined, 0, 65535) ?? 0,
    apps: [full, basic],
    rateLimits: values['no-rate-limits'] !== true,
    latencyMs: integerFlag('latency-ms', values['latency-ms'] as string | undefined, 0, 600_000) ?? 0,
  };
  if (deviations.length > 0) options.deviations = deviations;
  if (certOut !== undefined) options.certOut = certOut;
  if (certPath !== undefined && keyPath !== undefined)
    options.tls = { cert: readPem('cert', certPath), key: readPem('key', keyPath) };
  else if (values['tls'] === true) options.tls = true;
  return options;
}

/** Runs the mock until SIGINT/SIGTERM (or io.signal); resolves with the process exit code. */
export async function runMockCommand(argv: string[], io: MockCommandIo = {}): Promise<number> {
  const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  let options: MockCommandOptions | 'help';
  try {
    options = parseMockArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`tim-conformance mock: ${error.message}`);
    return 2;
  }
  if (options === 'help') {
    out(MOCK_USAGE);
    return 0;
  }

  let mock;
  try {
    const { certOut: _certOut, ...serverOptions } = options;
    mock = await startMockServer(serverOptions);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err(`tim-conformance mock: cannot listen on ${options.host}:${options.port}${code ? ` (${code})` : ''}`);
    return 1;
  }
  // Listen for the signals before announcing the address: a script may send SIGTERM the moment
  // it reads the first line, and a signal without a handler would kill the process uncleanly.
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // A closed terminal (SIGHUP) stops the mock as cleanly as SIGTERM.
    process.on('SIGHUP', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop);
  });
  if (options.certOut !== undefined) {
    try {
      writeFileSync(options.certOut, mock.caCert ?? '');
    } catch (error) {
      err(
        `tim-conformance mock: --cert-out: cannot write ${options.certOut} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
      await mock.close();
      return 2;
    }
  }
  out(`listening on ${mock.url}`);
  if (options.certOut !== undefined)
    out(`certificate: ${options.certOut} (trust it with --ca-cert ${options.certOut})`);
  if (options.deviations?.length) out(`deviations: ${options.deviations.join(', ')} (this mock is deliberately wrong)`);
  for (const app of mock.apps) {
    out(`app ${app.sdkappid}: admin ${app.admin}, counters edition ${app.countersEdition ? 'yes' : 'no'}`);
  }
  await stopped;
  await mock.close();
  return 0;
}
