// The package as an SDK repository gets it (issue 14): `npm pack` (prepack builds dist/), the
// tarball installed into a temporary project without the network (consumer-project.ts), then
// from that project: every export imported by plain Node ESM with the mock answering one signed
// call, a strict nodenext type check of a file importing every export, and `npx tim-conformance`
// (--version, run --grep, janitor, mutants, mock). Node is the one running this test (CI: 20); README says how the
// same test runs under Node 22 and 24.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeConsumerProject } from './consumer-project.ts';
import { listeningUrl, proxyUnderSignal } from '../sdk-gate/proxy-under-signal.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The environment of a project outside this repository: no TIM_* settings, not inside vitest. */
const cleanEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith('TIM_') && !key.startsWith('VITEST') && key !== 'NODE_OPTIONS',
  ),
);

let work: string;
let project: string;
let packed: { files: Array<{ path: string }>; size: number; entryCount: number };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'timc-package-'));
  project = join(work, 'project');
  mkdirSync(project);
  const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    env: cleanEnv,
    maxBuffer: 16 * 1024 * 1024,
  });
  // npm prints the prepack build's output before the JSON.
  packed = (JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1)) as Array<typeof packed>)[0]!;
  writeConsumerProject(ROOT, project, `../tim-conformance-${VERSION}.tgz`);
  const install = (mode: string) =>
    run(NPM, ['ci', mode, '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, env: cleanEnv });
  // From the cache this repository's `npm ci` filled; a cache pruned since then may fetch what is missing.
  await install('--offline').catch(() => install('--prefer-offline'));
  for (const file of ['import-every-export.mjs', 'type-check-every-export.ts'])
    copyFileSync(join(FIXTURES, file), join(project, file));
  copyFileSync(join(FIXTURES, 'tsconfig.consumer.json'), join(project, 'tsconfig.json'));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// One step after the other: run side by side on a small machine they take longer, not shorter.
describe('the packed tarball', { timeout: 240_000 }, () => {
  test("holds the build, the data and the bin, and nothing of the repository's own tooling", () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toContain('dist/test-utils/exports/index.js');
    expect(paths).toContain('dist/suites/vitest.config.js');
    expect(paths).toContain('specs/tim-chat.openapi.yaml');
    expect(paths).toContain('bin/tim-conformance.mjs');
    expect(paths.filter((p) => /^(test|bench|fuzz|\.ci|scripts)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules', 'tim-conformance', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(Object.keys(manifest.dependencies as object)).not.toContain('tsx');
    expect(Object.keys(manifest.dependencies as object)).not.toContain('typescript');
    // Installed, the CLI has no TypeScript loader to fall back on.
    expect(existsSync(join(project, 'node_modules', 'tsx'))).toBe(false);
  });

  test('every package the shipped JavaScript imports is a runtime dependency (the stateful suites import fast-check)', () => {
    const installed = join(project, 'node_modules', 'tim-conformance');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      name: string;
      dependencies: Record<string, string>;
    };
    const imported = new Set<string>();
    for (const entry of readdirSync(join(installed, 'dist'), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
      const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"]([^'"./][^'"]*)['"]/gm)) {
        if (specifier!.startsWith('node:')) continue;
        imported.add(
          specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!,
        );
      }
    }
    imported.delete(manifest.name);
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((name) => !(name in manifest.dependencies)).sort()).toEqual([]);
  });

  test('every export loads in plain Node ESM, and the mock answers a signed call', async () => {
    const { stdout } = await run(process.execPath, ['import-every-export.mjs'], { cwd: project, env: cleanEnv });
    const seen = JSON.parse(stdout) as Record<string, unknown>;
    expect(seen).toMatchObject({
      runConformance: 'function',
      craftUserSig: 'function',
      sdkGate: true,
      deviations: true,
      limit: 'bytes',
      status: 200,
      actionStatus: 'OK',
      errorCode: 0,
    });
    expect(seen.operations).toBeGreaterThan(0);
    expect(seen.errorCodes).toBeGreaterThan(0);
  });

  test('a file importing every export type-checks with strict nodenext: zero errors', async () => {
    const outcome = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project, env: cleanEnv }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }),
    );
    expect(outcome.stdout).toBe('');
    expect(outcome.code).toBe(0);
  });

  test('npx tim-conformance --version and run --grep work from the installed package', async () => {
    const version = await run(NPM, ['exec', '--offline', '--', 'tim-conformance', '--version'], {
      cwd: project,
      env: cleanEnv,
    });
    expect(version.stdout.trim()).toBe(VERSION);
    const reportDir = join(work, 'reports');
    const result = await run(
      NPM,
      [
        'exec',
        '--offline',
        '--',
        'tim-conformance',
        'run',
        '--grep',
        'smoke',
        '--workers',
        '2',
        '--report-dir',
        reportDir,
      ],
      {
        cwd: project,
        env: cleanEnv,
      },
    );
    expect(result.stdout).toMatch(/PASS: 2 passed/);
    const results = JSON.parse(readFileSync(join(reportDir, 'results.json'), 'utf8')) as {
      tests: Array<{ file?: string; status: string }>;
    };
    expect(results.tests.length).toBe(2);
    expect(results.tests.every((t) => t.status === 'passed')).toBe(true);
  });

  test('janitor and mutants run from the installed package (mutants spawns its batch as built JavaScript)', async () => {
    const tim = (args: string[]) =>
      run(NPM, ['exec', '--offline', '--', 'tim-conformance', ...args], { cwd: project, env: cleanEnv });
    const janitor = await tim(['janitor', '--dry-run', '--report-dir', join(work, 'janitor')]);
    expect(janitor.stdout).toMatch(/0 group\(s\) .* would be destroyed \(dry run\)/);
    const mutants = await tim([
      'mutants',
      '--only',
      'limits.count-utf16-units',
      '--report-dir',
      join(work, 'mutants'),
      'suites/limits/key-at-byte-limit',
      'suites/limits/key-past-byte-limit',
    ]);
    expect(mutants.stdout).toMatch(/Killed 1 of 1 deviations/);
  });

  test('tim-conformance proxy judges and records in its built judging thread, and SIGTERM loses nothing', async () => {
    const requests = 20;
    const outcome = await proxyUnderSignal(join(project, 'node_modules', '.bin', 'tim-conformance'), [], {
      cwd: project,
      env: cleanEnv,
      requests,
      signal: 'SIGTERM',
    });
    expect(outcome.statuses).toEqual(Array(requests).fill(200));
    expect(outcome.recordedLines).toHaveLength(requests);
    expect(outcome.resultsRequests).toBe(requests);
    expect(outcome.stderr).toContain(`proxy: ${requests} request(s)`);
    expect(outcome.code).toBe(1);
  });

  test('tim-conformance mock serves from the installed package until SIGTERM', async () => {
    const child = spawn(join(project, 'node_modules', '.bin', 'tim-conformance'), ['mock', '--port', '0'], {
      cwd: project,
      env: cleanEnv,
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const url = await listeningUrl(child, 'the mock');
    const answer = await fetch(`${url}/v4/group_open_http_svc/get_appid_group_list`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
