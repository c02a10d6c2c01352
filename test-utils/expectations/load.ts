/**
 * Reading an expectations file: JSON validated against expectations.schema.json, ids unique.
 * Every problem is one ExpectationsError sentence naming the file and the offending entry, so
 * the runner can answer exit code 2 before any request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

export interface ExpectationEntry {
  /** The check id: '<operation>/<check>[/<groupType>]'. */
  id: string;
  reason: string;
  link?: string;
}

export interface ExpectationsFile {
  $schema?: string;
  target?: string;
  expectations: ExpectationEntry[];
}

export class ExpectationsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectationsError';
  }
}

export const EXPECTATIONS_SCHEMA_PATH = join(import.meta.dirname, 'expectations.schema.json');

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(readFileSync(EXPECTATIONS_SCHEMA_PATH, 'utf8')) as object;
    validator = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
  }
  return validator;
}

/** Checks a parsed document; throws an ExpectationsError naming `source` and the first problems. */
export function parseExpectations(document: unknown, source: string): ExpectationsFile {
  const check = validate();
  if (!check(document)) {
    const problems = (check.errors ?? []).slice(0, 3).map((e) => {
      const where = e.instancePath === '' ? 'the top level' : e.instancePath;
      const extra =
        e.keyword === 'additionalProperties'
          ? ` ('${String((e.params as { additionalProperty?: string }).additionalProperty)}')`
          : '';
      return `${where} ${e.message ?? 'is invalid'}${extra}`;
    });
    throw new ExpectationsError(
      `expectations file ${source} does not match expectations.schema.json: ${problems.join('; ')} ` +
        `(each entry is { "id": "<operation>/<check>[/<groupType>]", "reason": "..." }).`,
    );
  }
  const file = document as ExpectationsFile;
  const seen = new Set<string>();
  for (const [index, entry] of file.expectations.entries()) {
    if (seen.has(entry.id)) {
      throw new ExpectationsError(
        `expectations file ${source} lists '${entry.id}' twice (again at /expectations/${index}); keep one entry per check id.`,
      );
    }
    seen.add(entry.id);
  }
  return file;
}

/** Reads and checks the file; `missingOk` (for --update-expectations) turns a missing file into an empty list. */
export function readExpectations(path: string, options: { missingOk?: boolean } = {}): ExpectationsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.missingOk) return { expectations: [] };
    throw new ExpectationsError(
      `expectations file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); give the path of a JSON expectations file, or add --update-expectations to create it.`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ExpectationsError(
      `expectations file ${path} is not valid JSON (${(error as Error).message.split('\n')[0]}).`,
    );
  }
  return parseExpectations(document, path);
}
