// The option table is the one definition of every flag: help, parsing, validation and README's
// flag table come from it, and a command registers its options from its own file.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { COMMANDS, OPTION_TABLE } from '../../test-utils/cli/commands.ts';
import { mainLines } from '../helpers/io.ts';
import { OptionTable, UsageError, type CommandSpec } from '../../test-utils/cli/option-table.ts';
import { currentFlagSection, readmeFlagSection } from '../../test-utils/cli/readme-flags.ts';
import { SHARED_OPTIONS } from '../../test-utils/cli/options.ts';

async function cli(...argv: string[]) {
  const { code, out, err } = await mainLines(...argv);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('README', () => {
  test('the flag table in README.md is the one generated from the option table (npx tsx test-utils/cli/readme-flags.ts rewrites it)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(currentFlagSection(readme)).toBe(readmeFlagSection());
  });
});

describe('help <command>', () => {
  test.each(COMMANDS.map((c) => c.name))('%s: every option it parses is described', async (name) => {
    const { code, out } = await cli('help', name);
    expect(code).toBe(0);
    for (const option of OPTION_TABLE.optionsFor(name)) {
      expect(out, `--${option.name}`).toMatch(new RegExp(`--${option.name}\\b.*\\S`));
      expect(option.help.trim().length, `--${option.name} has help`).toBeGreaterThan(5);
      if (option.env) expect(out).toContain(option.env);
    }
  });

  test('the main usage lists every command', async () => {
    const { out } = await cli('--help');
    for (const command of COMMANDS) expect(out).toContain(command.name);
  });

  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const { code, out } = await cli('--version');
    expect(code).toBe(0);
    expect(out).toBe(pkg.version);
  });
});

describe('one definition per option', () => {
  test('a shared option is not defined twice, and a command cannot redefine one it takes', () => {
    expect(() => new OptionTable().defineShared([...SHARED_OPTIONS, SHARED_OPTIONS[0]!])).toThrow(/defined twice/);
    const table = new OptionTable().defineShared(SHARED_OPTIONS);
    const clash: CommandSpec = {
      name: 'clash',
      summary: 's',
      synopsis: 'tim-conformance clash',
      description: 'd',
      reuse: ['target'],
      options: [{ name: 'target', type: 'string', help: 'again' }],
      run: async () => 0,
    };
    expect(() => table.addCommand(clash)).toThrow(/also takes from the shared table/);
  });

  test('--max-groups is defined in one place: the table (run), and parsed, checked and described from it', () => {
    const defining = [...OPTION_TABLE.commandNames()].filter((c) =>
      OPTION_TABLE.optionsFor(c).some((o) => o.name === 'max-groups'),
    );
    expect(defining).toEqual(['run']);
    expect(OPTION_TABLE.usage('run')).toContain('TIM_MAX_GROUPS');
  });
});

describe('a command registers its options from its own file', () => {
  const table = new OptionTable().defineShared(SHARED_OPTIONS);
  const seen: unknown[] = [];
  table.addCommand({
    name: 'demo',
    summary: 'a command of another file',
    synopsis: 'tim-conformance demo [options] ID',
    description: 'Shows how a command joins the table.',
    positionals: 'ID: a check id',
    reuse: ['target', 'report-dir'],
    options: [
      {
        name: 'count',
        type: 'string',
        value: 'N',
        help: 'how many',
        check: (v) => (/^\d+$/.test(v) ? undefined : '--count must be a number'),
      },
      { name: 'tag', type: 'string', value: 'T', multiple: true, help: 'a tag (repeatable)' },
    ],
    run: async (args) => {
      seen.push(args);
      return 0;
    },
  });

  test('its own and reused options parse; repeatable ones are lists', () => {
    const { values, positionals } = table.parse('demo', [
      '--target',
      'mock',
      '--count',
      '3',
      '--tag',
      'a',
      '--tag',
      'b',
      'x/y',
    ]);
    expect(values).toMatchObject({ target: 'mock', count: '3', tag: ['a', 'b'] });
    expect(positionals).toEqual(['x/y']);
  });

  test('validation comes from the table, one line, without the value', () => {
    expect(() => table.parse('demo', ['--count', 'secret-ish'])).toThrow(UsageError);
    expect(() => table.parse('demo', ['--count', 'secret-ish'])).toThrow(/^--count must be a number$/);
    expect(() => table.parse('demo', ['--sdkappid', '1'])).toThrow(/unknown option --sdkappid for 'demo'/);
  });

  test('its help and the README table include it, and the reused option names it', () => {
    expect(table.usage('demo')).toMatch(/--count N\s+how many/);
    expect(table.usage('demo')).toContain('--report-dir DIR');
    expect(table.markdownTable()).toMatch(
      /\| `--target mock\\\|URL\\\|region:NAME` \| `TIM_TARGET` \| mock \| demo \|/,
    );
    expect(table.markdownTable()).toMatch(/\| `--count N` \| {2}\| {2}\| demo \|/);
  });
});

describe('the SDK commands parse with the table too', () => {
  test('only the mock keeps its own parser; every other command is parsed, checked and described by the table', () => {
    expect(COMMANDS.filter((c) => c.rawArgs).map((c) => c.name)).toEqual(['mock']);
    const takes = (command: string) => OPTION_TABLE.optionsFor(command).map((o) => o.name);
    expect(takes('sdk-gate')).toEqual(
      expect.arrayContaining(['report-dir', 'scenario', 'record', 'require-coverage', 'tls', 'latency-ms', 'sdkappid']),
    );
    expect(takes('proxy')).toEqual(
      expect.arrayContaining(['upstream', 'port', 'host', 'record', 'report-dir', 'ca-cert', 'sdkappid', 'admin']),
    );
    expect(takes('judge')).toEqual(
      expect.arrayContaining(['report-dir', 'sdkappid', 'secret-key', 'admin', 'basic-sdkappid', 'basic-secret-key']),
    );
    expect(takes('diff')).toContain('json');
    expect(takes('replay')).toEqual(expect.arrayContaining(['target', 'secret-key', 'resolve', 'strict']));
    // The mock's options are one definition that sdk-gate takes too.
    const mockTls = OPTION_TABLE.optionsFor('mock').find((o) => o.name === 'tls');
    expect(OPTION_TABLE.optionsFor('sdk-gate')).toContain(mockTls);
  });

  test("sdk-gate: what follows the first -- is the command, untouched, even when it looks like the gate's own flags", () => {
    const args = OPTION_TABLE.parse('sdk-gate', [
      '--tls',
      '--record',
      'r.jsonl',
      '--',
      'mvn',
      '--tls',
      '--help',
      '--',
      'x',
    ]);
    expect(args.values).toMatchObject({ tls: true, record: 'r.jsonl' });
    expect(args.values['help']).toBeUndefined();
    expect(args.passthrough).toEqual(['mvn', '--tls', '--help', '--', 'x']);
    expect(OPTION_TABLE.parse('sdk-gate', ['--tls']).passthrough).toEqual([]);
  });

  test.each([
    [
      ['sdk-gate', '--latency-ms', 'soon', '--', 'true'],
      /^tim-conformance: --latency-ms must be an integer from 0 to 600000$/,
    ],
    [['sdk-gate', '--port', '70000', '--', 'true'], /^tim-conformance: --port must be an integer from 0 to 65535$/],
    [['sdk-gate', 'stray', '--', 'true'], /^tim-conformance: 'sdk-gate' takes no positional arguments/],
    [['sdk-gate', '--bogus', '--', 'true'], /^tim-conformance: unknown option --bogus for 'sdk-gate'/],
    [['sdk-gate', '--tls'], /^tim-conformance: sdk-gate needs a command after --/],
    [['sdk-gate', '--report-dir', ' ', '--', 'true'], /^tim-conformance: --report-dir needs a directory$/],
    [
      ['proxy', '--upstream', 'http://127.0.0.1:1', '--port', 'x'],
      /^tim-conformance: proxy needs --port N \(0 to 65535\)$/,
    ],
    [['proxy', '--upstream', 'http://127.0.0.1:1'], /^tim-conformance: proxy needs --port N \(0 to 65535\)$/],
    [['proxy', '--port', '0'], /^tim-conformance: proxy needs --upstream URL\|region:NAME$/],
    [
      ['proxy', '--upstream', 'x', '--port', '0', '--sdkappid', 'abc'],
      /^tim-conformance: proxy: --sdkappid must be a decimal number$/,
    ],
    [
      ['proxy', '--upstream', 'x', '--port', '0', '--record'],
      /^tim-conformance: option --record of 'proxy' needs a value/,
    ],
    [['diff', 'a', '--bogus'], /^tim-conformance: unknown option --bogus for 'diff'/],
    [['diff', 'a'], /^tim-conformance: diff needs two recordings/],
    [['replay', 'f', '--strict=yes'], /^tim-conformance: option --strict of 'replay' takes no value/],
  ])('%j: one line, exit 2', async (argv, message) => {
    const { code, out, err } = await mainLines(...argv);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(out).toEqual([]);
  });

  test.each(['sdk-gate', 'proxy', 'judge', 'diff', 'replay'])(
    '%s --help and help %s print the usage from the table',
    async (name) => {
      const viaFlag = await cli(name, '--help');
      const viaHelp = await cli('help', name);
      expect(viaFlag.code).toBe(0);
      expect(viaFlag.out).toBe(OPTION_TABLE.usage(name));
      expect(viaHelp.out).toBe(viaFlag.out);
    },
  );

  test('README documents sdk-gate, proxy and judge, and the flag table lists their options', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const command of ['sdk-gate', 'proxy', 'judge']) expect(readme).toContain(`npx tim-conformance ${command} `);
    const table = currentFlagSection(readme) ?? '';
    expect(table).toMatch(/\| `--scenario FILE` \|.*\| sdk-gate \|/);
    expect(table).toMatch(/\| `--upstream URL\\\|region:NAME` \|.*\| proxy \|/);
    expect(table).toMatch(/\| `--report-dir DIR` \| {2}\| reports\/sdk \| sdk-gate, proxy, judge \|/);
  });

  test('two options of one command may not share a flag name, even under different keys', () => {
    const table = new OptionTable().defineShared([
      { name: 'port', key: 'a:port', type: 'string', help: 'one port', commands: ['twice'] },
      { name: 'port', key: 'b:port', type: 'string', help: 'another port', commands: ['twice'] },
    ]);
    expect(() =>
      table.addCommand({ name: 'twice', summary: 's', synopsis: 's', description: 'd', run: async () => 0 }),
    ).toThrow(/takes two options named --port/);
  });
});
