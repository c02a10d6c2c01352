/**
 * Helpers for the contract tests: raw (untyped) views of the data files, and temporary copies
 * that a test can break on purpose to show that its check can fail.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { SAMPLES_DIR, SCHEMAS_DIR, SPEC_PATH } from '../../test-utils/contract/index.ts';
import { sampleEntries, type SampleEntry } from '../../test-utils/generator/samples.ts';

export type { SampleEntry };

export type Json = Record<string, unknown>;

/** The spec as plain data, freshly parsed (safe to mutate). */
export function rawSpec(): Json {
  return parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
}

/** Every operation object of a raw spec, by path. */
export function rawOperations(spec: Json): [path: string, op: Json][] {
  return Object.entries(spec.paths as Record<string, { post: Json }>).map(([path, item]) => [path, item.post]);
}

export function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

export function schemaFileNames(): string[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
}

export function readSchema(file: string): Json {
  return readJson(join(SCHEMAS_DIR, file));
}

export function sampleIndex(): SampleEntry[] {
  return sampleEntries(SCHEMAS_DIR);
}

export function readSample(file: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, file), 'utf8'));
}

/** Writes a (modified) spec into a fresh temporary directory and returns its path. */
export function writeTempSpec(spec: Json): string {
  const dir = mkdtempSync(join(tmpdir(), 'tim-contract-'));
  const path = join(dir, 'tim-chat.openapi.yaml');
  writeFileSync(path, stringify(spec));
  return path;
}
