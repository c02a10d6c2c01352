/**
 * Where the contract data lives. Resolved from this file's location, not process.cwd(), so the
 * mock, the CLI and vitest workers find the same files whatever directory they start in.
 */
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC_PATH = resolve(REPO_ROOT, 'specs', 'tim-chat.openapi.yaml');
export const SCHEMAS_DIR = resolve(REPO_ROOT, 'schemas');
export const SAMPLES_DIR = resolve(SCHEMAS_DIR, 'samples');
export const LIMITS_PATH = resolve(SCHEMAS_DIR, 'limits.json');
export const ERROR_CODES_PATH = resolve(SCHEMAS_DIR, 'error-codes.json');

/** Prefix of every schema `$id`; a schema file `x.schema.json` has the id `${SCHEMA_ID_BASE}x.schema.json`. */
export const SCHEMA_ID_BASE = 'https://tim-conformance.example/schemas/';
