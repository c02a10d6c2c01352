/**
 * One batch of mutant runs in its own process (vitest's Node API keeps process-wide state, so
 * the CLI does not host it): reads the batch from a JSON file, runs it (run-batch.ts) and writes
 * the entries of every variant as JSON. Usage: tsx run-one.ts BATCH.json OUT.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runBatch, type RunBatchOptions } from './run-batch.ts';

const [batchFile, outFile] = process.argv.slice(2);
if (batchFile === undefined || outFile === undefined) throw new Error('usage: run-one.ts BATCH.json OUT.json');

const options = JSON.parse(readFileSync(batchFile, 'utf8')) as RunBatchOptions;
const result = await runBatch(options);
writeFileSync(outFile, JSON.stringify(Object.fromEntries(result)));
process.exit(0);
