/**
 * One mutant run in its own process (vitest's Node API keeps process-wide state, so two runs in
 * one process would share it): starts the mock with the named deviations, runs the suites and
 * writes the entries as JSON to the given file. Usage: tsx run-one.ts OUT.json SEED [DEVIATION...]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTargetConfig, startTarget } from '../config/index.ts';
import { runSuites } from '../runner/run-suites.ts';

const [outFile, seed, ...deviations] = process.argv.slice(2);
if (outFile === undefined || seed === undefined) throw new Error('usage: run-one.ts OUT.json SEED [DEVIATION...]');

const reportDir = mkdtempSync(join(tmpdir(), 'timc-mutant-'));
const config = resolveTargetConfig({ seed, reportDir }, {});
const started = await startTarget(config, { mockOptions: { deviations } });
try {
  const workers = process.env['TIMC_MUTANT_WORKERS'];
  // File filters (path fragments, as for `run`) come newline-separated so they can hold spaces.
  const filters = (process.env['TIMC_MUTANT_FILTERS'] ?? '').split('\n').filter((f) => f !== '');
  const run = await runSuites({ target: started.target, filters, ...(workers ? { workers: Number(workers) } : {}) });
  writeFileSync(outFile, JSON.stringify(run.entries.map(({ id, status, gating }) => ({ id, status, gating }))));
} finally {
  await started.close();
}
process.exit(0);
