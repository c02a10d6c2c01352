// The run flags of issue 8 (--expectations, --update-expectations, --regions) at the command
// line: documented in the help, and every wrong use is one line with exit 2 before any request,
// naming the flag or variable and never echoing a secret.
import { describe, expect, test } from 'vitest';
import { mainLines } from '../helpers/io.ts';

async function cli(...argv: string[]) {
  const { code, out, err } = await mainLines(...argv);
  return { code, out: out.join('\n'), errLines: err };
}

test('run --help documents the flags, their variables and the regional credentials', async () => {
  const { code, out } = await cli('run', '--help');
  expect(code).toBe(0);
  for (const text of [
    '--expectations FILE',
    'TIM_EXPECTATIONS',
    '--update-expectations',
    '--regions LIST|all',
    'TIM_REGIONS',
    'TIM_SDKAPPID_<REGION>',
    'TIM_SECRET_KEY_<REGION>',
    '{region}',
    'unexpected pass',
  ]) {
    expect(out).toContain(text);
  }
});

describe('wrong uses are one line and exit 2', () => {
  test.each([
    [['run', '--expectations', ''], /^tim-conformance: --expectations needs a file path$/],
    [['run', '--expectations'], /^tim-conformance: option --expectations of 'run' needs a value/],
    [['run', '--update-expectations=yes'], /^tim-conformance: option --update-expectations of 'run' takes no value/],
    [
      ['run', '--update-expectations'],
      /^tim-conformance: --update-expectations needs the file to write: give --expectations FILE or set TIM_EXPECTATIONS\.$/,
    ],
    [
      ['run', '--expectations', '/nonexistent/timc/expectations.json'],
      /^tim-conformance: expectations file \/nonexistent\/timc\/expectations\.json cannot be read \(ENOENT\)/,
    ],
    [['run', '--regions', ' '], /^tim-conformance: --regions needs 'all' or region names separated by commas$/],
    [
      ['run', '--regions', 'sgp,atlantis'],
      /^tim-conformance: the --regions flag names an unknown region 'atlantis'; use 'all' or some of: china \(cn, china\), singapore \(sgp, sg\)/,
    ],
    [['run', '--regions', 'sgp,,kr'], /^tim-conformance: the --regions flag has an empty region name/],
    [
      ['run', '--regions', 'sgp,singapore'],
      /^tim-conformance: the --regions flag names the region singapore twice \('singapore'\)/,
    ],
    [
      ['run', '--regions', 'sgp', '--target', 'mock'],
      /^tim-conformance: --target cannot be combined with --regions: each region has its own app/,
    ],
    [
      ['run', '--regions', 'sgp,kr', '--expectations', 'one.json', '--update-expectations'],
      /^tim-conformance: --update-expectations with several regions needs one file per region: put \{region\} in the path/,
    ],
    [
      ['run', '--regions', 'sgp'],
      /^tim-conformance: region singapore needs its own app \(an app lives in one region\): set TIM_SDKAPPID_SINGAPORE and TIM_SECRET_KEY_SINGAPORE\.$/,
    ],
  ])('%j', async (argv, message) => {
    const { code, errLines, out } = await cli(...argv);
    expect(code).toBe(2);
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(message);
    expect(out).toBe('');
  });

  test('a secret key given with --regions is refused without being echoed', async () => {
    const secret = 'regional-secret-key-0123456789abcdef';
    const { code, errLines } = await cli('run', '--regions', 'sgp', '--sdkappid', '1400000001', '--secret-key', secret);
    expect(code).toBe(2);
    expect(errLines).toEqual([
      'tim-conformance: --sdkappid, --secret-key cannot be combined with --regions: each region has its own app; set TIM_SDKAPPID_<REGION> and TIM_SECRET_KEY_<REGION> (e.g. TIM_SDKAPPID_SINGAPORE) instead.',
    ]);
  });
});
