// `tim-conformance --version` prints the version of package.json (the installed package's is
// checked by tarball.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../test-utils/cli/main.ts';

test('--version and -V print the version of package.json, exit 0', async () => {
  const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  for (const flag of ['--version', '-V']) {
    const out: string[] = [];
    expect(await main([flag], { out: (text) => out.push(text), err: () => {} })).toBe(0);
    expect(out).toEqual([version]);
  }
});
