// The project states what it relies on in its own files: no tracked file may point outside the
// repository (into the sibling 'shared' directory of reference material this project was written
// from) or contain an
// absolute path of the machine it was written on (the checkout, the home directory, /work, /root,
// a temporary directory the project created).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../test-utils/contract/index.ts';

const SKIP_DIRS = new Set(['node_modules', '.git', 'reports', 'dist']);

/** The tracked files (git ls-files), or every file outside the generated directories when git is not there. */
function projectFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\0')
      .filter(Boolean);
  } catch {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (SKIP_DIRS.has(name)) continue;
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else out.push(relative(REPO_ROOT, path));
      }
    };
    walk(REPO_ROOT);
    return out;
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const OUTSIDE_REFERENCES: readonly RegExp[] = [
  /\.\.\/shared\b/,
  /(?<![\w.~-])\/(?:work|root)\//,
  /(?<![\w.~-])\/tmp\/timc?-[\w-]*[A-Za-z0-9]{6}\//,
  new RegExp(escape(REPO_ROOT)),
  ...(homedir().length > 1 ? [new RegExp(`${escape(homedir())}/`)] : []),
];

function outsideReferences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, index) =>
      OUTSIDE_REFERENCES.some((re) => re.test(line)) ? [`${index + 1}: ${line.trim().slice(0, 120)}`] : [],
    );
}

describe('no tracked file refers outside the project', () => {
  test('the patterns catch what they are for, and not ordinary relative paths', () => {
    // Built from pieces, so that this file does not hold what it looks for.
    const up = '..';
    for (const bad of [
      `see ${up}/shared/api/facts.md`,
      `see ${up}/${up}/shared/x`,
      ` * ${'/wo'}rk/wt/main/test-utils/x.ts`,
      `cd ${'/ro'}ot/project`,
      `TIM_SPEC=${'/tm'}p/tim-bench-spec-02VSwh/x.yaml`,
      `${REPO_ROOT}/specs`,
    ]) {
      expect(outsideReferences(bad), bad).toHaveLength(1);
    }
    for (const good of [
      'docs/behaviour.md',
      '../schemas/limits.json',
      "reportDir: '/tmp/r'",
      'a/work-b',
      'https://example.com/workx',
    ]) {
      expect(outsideReferences(good), good).toEqual([]);
    }
  });

  test('none of them points into the shared directory or holds an absolute path of this machine', () => {
    const files = projectFiles().filter((file) => !file.endsWith('.png') && !file.endsWith('package-lock.json'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(join(REPO_ROOT, file), 'utf8');
      } catch {
        return []; // listed by git but deleted in the working tree
      }
      return outsideReferences(text).map((hit) => `${file}:${hit}`);
    });
    expect(found).toEqual([]);
  });
});
