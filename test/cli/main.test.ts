// The command dispatcher in-process: help, unknown commands and options are one line and exit
// 2, and nothing a user typed as a value (it may be a secret) is echoed back.
import { describe, expect, test } from 'vitest';
import { mainLines } from '../helpers/io.ts';

async function cli(...argv: string[]) {
  const { code, out, err } = await mainLines(...argv);
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
}

describe('help', () => {
  test.each([['--help'], ['-h'], ['help'], ['help', 'help']])('%s lists every command', async (...flags) => {
    const { code, out } = await cli(...flags);
    expect(code).toBe(0);
    for (const command of ['run', 'mock', 'janitor', 'mutants']) expect(out).toContain(command);
  });

  test.each(['run', 'janitor', 'mutants'])('%s --help shows its options', async (command) => {
    const { code, out } = await cli(command, '--help');
    expect(code).toBe(0);
    expect(out).toContain(`tim-conformance ${command}`);
  });

  test('run --help documents every flag of the issue', async () => {
    const { out } = await cli('help', 'run');
    for (const flag of [
      '--target',
      '--sdkappid',
      '--secret-key',
      '--admin',
      '--basic-sdkappid',
      '--basic-secret-key',
      '--report-dir',
      '--seed',
      '--strict',
      '--ca-cert',
    ]) {
      expect(out).toContain(flag);
    }
  });

  test('no command at all prints usage and exits 2', async () => {
    const { code, out } = await cli();
    expect(code).toBe(2);
    expect(out).toContain('Usage: tim-conformance');
  });
});

describe('errors are one line and exit 2', () => {
  test.each([
    [['frobnicate'], /^tim-conformance: unknown command 'frobnicate'/],
    [['--frobnicate'], /^tim-conformance: unknown option --frobnicate/],
    [['run', '--no-such-flag'], /^tim-conformance: unknown option --no-such-flag for 'run'/],
    [['run', '--seed'], /^tim-conformance: option --seed of 'run' needs a value/],
    [['run', '--workers', '0'], /^tim-conformance: --workers must be an integer from 1 to 64/],
    [['run', '--grep', '('], /^tim-conformance: --grep is not a valid regular expression/],
    [['janitor', 'extra'], /^tim-conformance: 'janitor' takes no positional arguments/],
    [['janitor', '--prefix', ''], /^tim-conformance: --prefix must not be empty/],
    [['help', 'nope'], /^tim-conformance: unknown command 'nope'/],
  ])('%j', async (argv, message) => {
    const { code, errLines } = await cli(...argv);
    expect(code).toBe(2);
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(message);
  });

  test('a mistyped flag never echoes the value it was given', async () => {
    const secret = 'my-real-secret-key-0123456789abcdef';
    const { code, err } = await cli('run', `--secret-kye=${secret}`);
    expect(code).toBe(2);
    expect(err).not.toContain(secret);
    const positional = await cli('janitor', secret);
    expect(positional.err).not.toContain(secret);
  });

  test('a configuration error is one clear line, exit 2, and never shows the secret key', async () => {
    const secret = 'short';
    const { code, errLines } = await cli(
      'run',
      '--target',
      'http://127.0.0.1:9',
      '--sdkappid',
      '1400000001',
      '--secret-key',
      secret,
    );
    expect(code).toBe(2);
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(/^tim-conformance: the --secret-key flag is shorter than/);
    expect(errLines[0]).not.toContain(`'${secret}'`);
  });

  test.each([
    [['mutants', '--only', 'no-such-deviation'], /^tim-conformance: unknown deviation 'no-such-deviation'/],
    [['mutants', '--parallel', '0'], /^tim-conformance: --parallel must be an integer from 1 to 16/],
    [['mutants', '--seed', 'abc'], /^tim-conformance: --seed must be a non-negative integer/],
  ])('%j is one clear line and exit 2 before any run', async (args, message) => {
    const { code, errLines } = await cli(...(args as string[]));
    expect(code).toBe(2);
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(message);
  });

  test('mutants --list names every deviation of the catalogue', async () => {
    const { code, out } = await cli('mutants', '--list');
    expect(code).toBe(0);
    expect(out.trim().split('\n').length).toBeGreaterThanOrEqual(30);
  });
});
