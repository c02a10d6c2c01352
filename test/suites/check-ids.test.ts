// Check ids are a public contract (expectation files, --id, reports name checks by them): the
// ids `run --list` collects must equal the committed list, so moving a check to another file,
// splitting a file or rewriting a definition cannot rename or lose one unnoticed. A check added
// on purpose is added to the list with
//   TIM_UPDATE_CHECK_IDS=1 npx vitest run test/suites/check-ids.test.ts
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SNAPSHOT = join(import.meta.dirname, 'check-ids.txt');

function listIds(): Promise<string[]> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('TIM_') && !k.startsWith('VITEST')),
  );
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/tim-conformance.mjs', 'run', '--list'],
      { cwd: ROOT, env: { ...env, NODE_ENV: 'production' }, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`run --list failed: ${stderr.trim() || error.message}`));
        else
          resolve(
            stdout
              .split('\n')
              .filter((line) => line !== '')
              .sort(),
          );
      },
    );
  });
}

test('run --list collects exactly the committed check ids', { timeout: 180_000 }, async () => {
  const ids = await listIds();
  if (process.env['TIM_UPDATE_CHECK_IDS'] === '1') writeFileSync(SNAPSHOT, `${ids.join('\n')}\n`);
  const committed = readFileSync(SNAPSHOT, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const lost = committed.filter((id) => !ids.includes(id));
  const added = ids.filter((id) => !committed.includes(id));
  expect(
    { lost, added },
    'a lost id breaks expectation files; an added one goes into test/suites/check-ids.txt',
  ).toEqual({ lost: [], added: [] });
  expect(ids).toEqual([...new Set(ids)]);
});
