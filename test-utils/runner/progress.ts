/**
 * Progress while the suites run, on stderr. On a terminal: a live line per suite file in flight
 * (checks done / total, failures so far), redrawn in place, and a permanent line when a file
 * finishes. Elsewhere (CI, a pipe): quiet, one line per finished suite file, nothing redrawn.
 */
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { CODE_ROOT } from '../contract/index.ts';

export interface ProgressOutput {
  /** Terminal mode (live lines with ANSI cursor movement) or line mode. */
  isTTY: boolean;
  /** Raw text, newlines included. */
  write(text: string): void;
  /** Terminal width; live lines are cut to it so redrawing stays in place. Default (and for 0) 100. */
  columns?: number;
  /** Redraws at most this often in terminal mode (finished files always show at once). Default 100 ms. */
  minRedrawMs?: number;
  now?: () => number;
}

/** True when progress should be drawn live: stderr is a terminal and no CI variable is set. */
export function isLiveTerminal(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  const ci = (env.CI ?? '').trim().toLowerCase();
  return stream.isTTY === true && (ci === '' || ci === '0' || ci === 'false');
}

interface FileProgress {
  file: string;
  total: number;
  done: number;
  failed: number;
}

const ERASE_DOWN = '\x1b[J';

export class SuiteProgress {
  private readonly files = new Map<string, FileProgress>();
  private readonly finishedLines: string[] = [];
  private liveLines = 0;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  /** `label` prefixes every line (the region in a regional run). */
  constructor(
    private readonly output: ProgressOutput,
    private readonly label = '',
  ) {
    this.now = output.now ?? Date.now;
  }

  fileCollected(file: string, total: number): void {
    const entry = this.files.get(file);
    if (entry) entry.total = Math.max(entry.total, total);
    else this.files.set(file, { file, total, done: 0, failed: 0 });
    this.draw(false);
  }

  checkFinished(file: string, failed: boolean): void {
    const entry = this.files.get(file) ?? { file, total: 0, done: 0, failed: 0 };
    this.files.set(file, entry);
    entry.done += 1;
    entry.total = Math.max(entry.total, entry.done);
    if (failed) entry.failed += 1;
    this.draw(false);
  }

  fileFinished(file: string): void {
    const entry = this.files.get(file) ?? { file, total: 0, done: 0, failed: 0 };
    this.files.delete(file);
    const line = this.line(entry, true);
    if (this.output.isTTY) {
      this.finishedLines.push(line);
      this.draw(true);
    } else {
      this.output.write(`${line}\n`);
    }
  }

  /** Clears the live lines (terminal mode) before the summary is printed. */
  end(): void {
    if (!this.output.isTTY) return;
    for (const file of [...this.files.keys()]) this.fileFinished(file);
    this.draw(true);
    if (this.liveLines > 0) this.output.write(`\x1b[${this.liveLines}A\r${ERASE_DOWN}`);
    this.liveLines = 0;
  }

  private line(entry: FileProgress, finished: boolean): string {
    const prefix = this.label === '' ? '' : `[${this.label}] `;
    const failures = entry.failed === 0 ? '' : `, ${entry.failed} failed`;
    const mark = finished ? (entry.failed > 0 ? '✗' : '✓') : '…';
    return `${prefix}${mark} ${entry.file}: ${entry.done}/${entry.total} checks${failures}`;
  }

  private draw(force: boolean): void {
    if (!this.output.isTTY) return;
    const now = this.now();
    if (!force && now - this.lastDraw < (this.output.minRedrawMs ?? 100)) return;
    this.lastDraw = now;
    // A pseudo-terminal without a size reports 0 columns.
    const columns =
      this.output.columns !== undefined && this.output.columns > 0 ? Math.max(20, this.output.columns) : 100;
    const cut = (text: string) => (text.length < columns ? text : `${text.slice(0, columns - 2)}…`);
    const up = this.liveLines > 0 ? `\x1b[${this.liveLines}A` : '';
    const live = [...this.files.values()].map((entry) => cut(this.line(entry, false)));
    const permanent = this.finishedLines.splice(0);
    const text = [...permanent, ...live].map((line) => `${line}\n`).join('');
    this.output.write(`${up}\r${ERASE_DOWN}${text}`);
    this.liveLines = live.length;
  }
}

function counts(testCase: TestCase): boolean {
  const mode = testCase.options.mode;
  return mode !== 'skip' && mode !== 'todo';
}

/** Feeds vitest's events to a SuiteProgress. */
export class ProgressReporter implements Reporter {
  constructor(private readonly progress: SuiteProgress) {}

  private fileOf(module: TestModule): string {
    return relative(CODE_ROOT, module.moduleId);
  }

  onTestModuleCollected(module: TestModule): void {
    const total = [...module.children.allTests()].filter(counts).length;
    this.progress.fileCollected(this.fileOf(module), total);
  }

  onTestCaseResult(testCase: TestCase): void {
    if (!counts(testCase)) return;
    this.progress.checkFinished(this.fileOf(testCase.module), testCase.result().state === 'failed');
  }

  onTestModuleEnd(module: TestModule): void {
    this.progress.fileFinished(this.fileOf(module));
  }

  onTestRunEnd(): void {
    this.progress.end();
  }
}
