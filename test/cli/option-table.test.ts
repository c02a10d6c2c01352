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
      // A command with its own parser prints its own help text, which is the help itself.
      if (option.name === 'help' && OPTION_TABLE.command(name)?.ownHelp) continue;
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
