// `npm run build` (and `prepack`): compiles test-utils/ and suites/ to dist/ with
// tsconfig.build.json (JavaScript, declarations, source maps), then copies the files that live
// beside the code and that tsc does not emit. The suites need
// no declarations (nothing imports them), so theirs are removed to keep the package small.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function filesUnder(dir, keep) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
// Everything else beside the code (today the JSON Schemas of results, regions, coverage and
// expectations files) is read at run time relative to the module that reads it.
for (const dir of ['test-utils', 'suites']) {
  for (const file of filesUnder(join(root, dir), (name) => !name.endsWith('.ts')))
    cpSync(file, join(dist, relative(root, file)));
}
for (const file of filesUnder(join(dist, 'suites'), (name) => name.endsWith('.d.ts'))) rmSync(file);
// tsc rewrites the .ts extensions of relative imports in the JavaScript but keeps them in the
// declarations; TypeScript before 5.0 and some tools refuse '.ts' there, so they name the .js
// file (whose .d.ts sits beside it) like any other package's declarations.
const TS_SPECIFIER = /((?:from\s+|import\s*\(\s*|import\s+)['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g;
for (const file of filesUnder(dist, (name) => name.endsWith('.d.ts'))) {
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(TS_SPECIFIER, '$1.js$2');
  if (rewritten !== text) writeFileSync(file, rewritten);
}
