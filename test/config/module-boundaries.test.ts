/**
 * The configuration modules only read and validate input: they never load or start the mock
 * (the runner owns its lifetime, runner/start-target.ts), and the run-id prefix has one home.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeGroupIdPrefix as fromConfig } from '../../test-utils/config/index.ts';
import { makeGroupIdPrefix as fromFixtures } from '../../test-utils/fixtures/group-ids.ts';

const CONFIG_DIR = join(import.meta.dirname, '../../test-utils/config');

describe('test-utils/config', () => {
  it.each(readdirSync(CONFIG_DIR).filter((name) => name.endsWith('.ts')))(
    '%s neither imports nor starts the mock server',
    (name) => {
      const source = readFileSync(join(CONFIG_DIR, name), 'utf8');
      expect(source).not.toMatch(/mock\/index\.ts|startMockServer/);
    },
  );

  it('re-exports the one run-id prefix maker of fixtures/group-ids.ts', () => {
    expect(fromConfig).toBe(fromFixtures);
  });
});
