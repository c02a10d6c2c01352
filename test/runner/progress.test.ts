// Progress on stderr: a live line per suite file on a terminal (redrawn in place), one line per
// finished suite file elsewhere. The terminal is a seam (isTTY, write, clock), so both modes are
// checked without one; the last test feeds a real vitest run through the reporter.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isLiveTerminal, SuiteProgress } from '../../test-utils/runner/progress.ts';
import { runConformance } from '../../test-utils/runner/run-conformance.ts';

const ESC = '\x1b';

function capture(isTTY: boolean, extra: { columns?: number } = {}) {
  const writes: string[] = [];
  let now = 0;
  const progress = new SuiteProgress({
    isTTY,
    write: (t) => writes.push(t),
    now: () => now,
    minRedrawMs: 100,
    ...extra,
  });
  return { progress, writes, tick: (ms: number) => (now += ms) };
}

/** What a terminal would show after the writes: applies \r, cursor-up and erase-down. */
function screen(writes: string[]): string[] {
  const lines: string[] = [''];
  let row = 0;
  const text = writes.join('');
  for (let i = 0; i < text.length; i++) {
    const rest = text.slice(i);
    // eslint-disable-next-line no-control-regex -- reading the terminal's escape sequences is the point
    const up = /^\x1b\[(\d+)A/.exec(rest);
    if (up) {
      row = Math.max(0, row - Number(up[1]));
      i += up[0].length - 1;
    } else if (rest.startsWith(`${ESC}[J`)) {
      lines.length = row + 1;
      lines[row] = '';
      i += 2;
    } else if (text[i] === '\r') {
      lines[row] = '';
    } else if (text[i] === '\n') {
      row++;
      lines[row] ??= '';
    } else {
      lines[row] = (lines[row] ?? '') + (text[i] ?? '');
    }
  }
  return lines.filter((line, index) => line !== '' || index < lines.length - 1);
}

describe('line mode (CI, not a terminal)', () => {
  test('one line per finished suite file, nothing while it runs, no escape codes', () => {
    const { progress, writes } = capture(false);
    progress.fileCollected('suites/a.check.ts', 3);
    progress.fileCollected('suites/b.check.ts', 1);
    progress.checkFinished('suites/a.check.ts', false);
    progress.checkFinished('suites/b.check.ts', true);
    expect(writes).toEqual([]);
    progress.fileFinished('suites/b.check.ts');
    progress.checkFinished('suites/a.check.ts', true);
    progress.checkFinished('suites/a.check.ts', false);
    progress.fileFinished('suites/a.check.ts');
    progress.end();
    expect(writes).toEqual([
      '✗ suites/b.check.ts: 1/1 checks, 1 failed\n',
      '✗ suites/a.check.ts: 3/3 checks, 1 failed\n',
    ]);
    expect(writes.join('')).not.toContain(ESC);
  });

  test('a label (the region) prefixes each line', () => {
    const writes: string[] = [];
    const progress = new SuiteProgress({ isTTY: false, write: (t) => writes.push(t) }, 'seoul');
    progress.fileCollected('suites/a.check.ts', 1);
    progress.checkFinished('suites/a.check.ts', false);
    progress.fileFinished('suites/a.check.ts');
    expect(writes).toEqual(['[seoul] ✓ suites/a.check.ts: 1/1 checks\n']);
  });
});

describe('terminal mode', () => {
  test('a live line per file in flight with done/total and failures so far, redrawn in place', () => {
    const { progress, writes, tick } = capture(true);
    progress.fileCollected('suites/a.check.ts', 3);
    tick(200);
    progress.fileCollected('suites/b.check.ts', 2);
    tick(200);
    progress.checkFinished('suites/a.check.ts', true);
    expect(screen(writes)).toEqual(['… suites/a.check.ts: 1/3 checks, 1 failed', '… suites/b.check.ts: 0/2 checks']);
    tick(200);
    progress.checkFinished('suites/b.check.ts', false);
    expect(screen(writes)).toEqual(['… suites/a.check.ts: 1/3 checks, 1 failed', '… suites/b.check.ts: 1/2 checks']);
    expect(writes.join('')).toContain(`${ESC}[2A`);
  });

  test('a finished file becomes a permanent line above the live ones; end() clears the live block', () => {
    const { progress, writes, tick } = capture(true);
    progress.fileCollected('suites/a.check.ts', 1);
    progress.fileCollected('suites/b.check.ts', 2);
    progress.checkFinished('suites/a.check.ts', false);
    progress.fileFinished('suites/a.check.ts');
    tick(200);
    progress.checkFinished('suites/b.check.ts', false);
    expect(screen(writes)).toEqual(['✓ suites/a.check.ts: 1/1 checks', '… suites/b.check.ts: 1/2 checks']);
    progress.end();
    // A file still in flight at the end (an interrupted run) is closed with what it reached.
    expect(screen(writes)).toEqual(['✓ suites/a.check.ts: 1/1 checks', '✓ suites/b.check.ts: 1/2 checks']);
  });

  test('redraws are throttled, but a finished file shows at once', () => {
    const { progress, writes } = capture(true);
    progress.fileCollected('suites/a.check.ts', 50);
    const afterFirst = writes.length;
    for (let i = 0; i < 20; i++) progress.checkFinished('suites/a.check.ts', false);
    expect(writes.length).toBe(afterFirst);
    progress.fileFinished('suites/a.check.ts');
    expect(writes.length).toBe(afterFirst + 1);
    expect(screen(writes)).toEqual(['✓ suites/a.check.ts: 20/50 checks']);
  });

  test('live lines are cut to the terminal width so redrawing stays in place', () => {
    const { progress, writes } = capture(true, { columns: 30 });
    progress.fileCollected('suites/a-very-long-directory-name/with-a-long-file.check.ts', 4);
    const [line] = screen(writes);
    expect(line!.length).toBeLessThan(30);
    expect(line!.endsWith('…')).toBe(true);
  });
});

describe('choosing the mode', () => {
  test.each([
    [true, {}, true],
    [true, { CI: 'true' }, false],
    [true, { CI: '1' }, false],
    [true, { CI: 'false' }, true],
    [false, {}, false],
    [undefined, {}, false],
  ])('isTTY %s with env %j -> live %s', (isTTY, env, live) => {
    expect(isLiveTerminal({ isTTY }, env)).toBe(live);
  });
});

describe('through a real run', { timeout: 60_000 }, () => {
  test('line mode prints one line per suite file of the run', async () => {
    const lines: string[] = [];
    const code = await runConformance(
      { reportDir: mkdtempSync(join(tmpdir(), 'timc-progress-')), seed: '1' },
      {},
      { out: () => {}, err: () => {} },
      {
        suitesDir: join(import.meta.dirname, '..', 'fixtures', 'suites', 'mixed'),
        workers: 1,
        progress: { isTTY: false, write: (t) => lines.push(t) },
      },
      { handleSignals: false },
    );
    expect(code).toBe(1);
    expect(lines).toEqual(['✗ test/fixtures/suites/mixed/mixed.check.ts: 5/5 checks, 3 failed\n']);
  });
});

test('a terminal that reports no width (0 columns) gets the default width, not 20', () => {
  const writes: string[] = [];
  const progress = new SuiteProgress({ isTTY: true, write: (t) => writes.push(t), columns: 0 });
  progress.fileCollected('suites/group-attr/request-validation.check.ts', 6);
  expect(screen(writes)).toEqual(['… suites/group-attr/request-validation.check.ts: 0/6 checks']);
});
