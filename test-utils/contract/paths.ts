/**
 * Where the contract data lives. Resolved from this file's location, not process.cwd(), so the
 * mock, the CLI and vitest workers find the same files whatever directory they start in.
 *
 * TIM_SPEC names another spec file to use instead of specs/tim-chat.openapi.yaml (the scale
 * benchmark runs a copy with every operation doubled). It is read once, when this module loads:
 * the runner, the embedded mock and the vitest workers (threads that inherit the environment)
 * then all read the same spec. The schemas, limits and samples stay in schemas/; the copy's
 * `$ref: ../schemas/...` names files there.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, dirname, extname, resolve } from 'node:path';

/**
 * The directory holding test-utils/ and suites/: the repository itself when the TypeScript
 * sources run (npm test, a clone's CLI), dist/ when the built package runs (an installed one).
 */
export const CODE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The extension of this project's own modules as they run: '.ts' from the sources, '.js' from dist/. */
export const CODE_EXT: '.ts' | '.js' = extname(fileURLToPath(import.meta.url)) === '.ts' ? '.ts' : '.js';
/**
 * The package root, where the data (specs/, schemas/) and package.json are: CODE_ROOT from the
 * sources, the parent of dist/ from the build (the data ships once, beside dist/).
 */
export const REPO_ROOT =
  basename(CODE_ROOT) === 'dist' && existsSync(resolve(CODE_ROOT, '..', 'package.json'))
    ? resolve(CODE_ROOT, '..')
    : CODE_ROOT;
export const DEFAULT_SPEC_PATH = resolve(REPO_ROOT, 'specs', 'tim-chat.openapi.yaml');

/** A TIM_SPEC that names no file: a configuration error, which the CLI prints as one line (exit 2). */
export class SpecPathError extends Error {
  override name = 'SpecPathError';
}

/** The spec file TIM_SPEC names (relative to the working directory), or the project's spec when it is unset or empty. */
export function specPathFrom(timSpec: string | undefined): string {
  if (timSpec === undefined || timSpec.trim() === '') return DEFAULT_SPEC_PATH;
  const path = resolve(timSpec);
  if (!existsSync(path))
    throw new SpecPathError(
      `TIM_SPEC names '${timSpec}', which does not exist; give the path of an OpenAPI spec file (or unset TIM_SPEC for specs/tim-chat.openapi.yaml).`,
    );
  return path;
}

export const SPEC_PATH = specPathFrom(process.env.TIM_SPEC);
export const SCHEMAS_DIR = resolve(REPO_ROOT, 'schemas');
export const SAMPLES_DIR = resolve(SCHEMAS_DIR, 'samples');
export const LIMITS_PATH = resolve(SCHEMAS_DIR, 'limits.json');
export const ERROR_CODES_PATH = resolve(SCHEMAS_DIR, 'error-codes.json');

/** Prefix of every schema `$id`; a schema file `x.schema.json` has the id `${SCHEMA_ID_BASE}x.schema.json`. */
export const SCHEMA_ID_BASE = 'https://tim-conformance.example/schemas/';
