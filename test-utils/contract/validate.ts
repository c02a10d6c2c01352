/**
 * JSON Schema validation of request and response bodies. One Ajv 2020-12 instance in strict
 * mode; every schema file of schemas/ is added once, each validator compiled on first use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SCHEMAS_DIR, SCHEMA_ID_BASE } from './paths.ts';
import { getOperation } from './spec.ts';

export interface ValidationError {
  /** JSON pointer of the offending value ('' for the body itself, '/GroupAttr/0/key'). */
  path: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

// ajv-formats is published as CommonJS with a default export object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let ajvInstance: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The schema files of schemas/ (every `*.schema.json`). */
export function schemaFiles(): string[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((name) => name.endsWith('.schema.json'))
    .sort();
}

/** The shared Ajv instance with every schema file added (not compiled). */
export function ajv(): Ajv2020 {
  if (!ajvInstance) {
    const instance = new Ajv2020({ strict: true, allErrors: true });
    addFormats(instance);
    for (const file of schemaFiles()) {
      const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')) as { $id?: string };
      if (schema.$id !== SCHEMA_ID_BASE + file) {
        throw new Error(`schemas/${file}: $id must be ${SCHEMA_ID_BASE + file}, found ${String(schema.$id)}`);
      }
      instance.addSchema(schema);
    }
    ajvInstance = instance;
  }
  return ajvInstance;
}

/** The compiled validator of one schema file (relative to schemas/, e.g. 'envelope.schema.json'). */
export function schemaValidator(file: string): ValidateFunction {
  let fn = compiled.get(file);
  if (!fn) {
    fn = ajv().getSchema(SCHEMA_ID_BASE + file);
    if (!fn) throw new Error(`no schema schemas/${file}`);
    compiled.set(file, fn);
  }
  return fn;
}

function describe(error: ErrorObject): ValidationError {
  let message = error.message ?? error.keyword;
  if (error.keyword === 'required') {
    // Point at the missing property itself, so a message reads '/GroupAttrAry is required'.
    const missing = (error.params as { missingProperty?: string }).missingProperty ?? '';
    return { path: `${error.instancePath}/${escapePointer(missing)}`, message: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    message += `: '${String((error.params as { additionalProperty?: string }).additionalProperty)}'`;
  } else if (error.keyword === 'enum') {
    message += `: ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}`;
  }
  return { path: error.instancePath, message };
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Validate any value against one schema file. */
export function validateAgainst(file: string, value: unknown): ValidationResult {
  const fn = schemaValidator(file);
  const valid = fn(value) as boolean;
  // 'if' errors only say "must match then schema"; the errors inside `then` say what is wrong.
  const errors = valid ? [] : (fn.errors ?? []).filter((e) => e.keyword !== 'if').map(describe);
  return { valid, errors };
}

export function validateEnvelope(body: unknown): ValidationResult {
  return validateAgainst('envelope.schema.json', body);
}

export function validateRequest(operationId: string, body: unknown): ValidationResult {
  return validateAgainst(getOperation(operationId).requestSchema, body);
}

function isFailure(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { ActionStatus?: unknown }).ActionStatus === 'FAIL';
}

/**
 * A response body: an error (ActionStatus FAIL) against the envelope only, a success against
 * the operation's response schema.
 */
export function validateResponse(operationId: string, body: unknown): ValidationResult {
  if (isFailure(body)) return validateEnvelope(body);
  return validateAgainst(getOperation(operationId).responseSchema, body);
}

/** Throws an Error naming the operation and every offending property path. */
export function assertValidResponse(operationId: string, body: unknown): void {
  const result = validateResponse(operationId, body);
  if (!result.valid) {
    const detail = result.errors.map((e) => `${e.path || '(body)'} ${e.message}`).join('; ');
    throw new Error(`${operationId} response does not match its schema: ${detail}`);
  }
}

/** Same as assertValidResponse, for request bodies (the generator and the mock's own tests). */
export function assertValidRequest(operationId: string, body: unknown): void {
  const result = validateRequest(operationId, body);
  if (!result.valid) {
    const detail = result.errors.map((e) => `${e.path || '(body)'} ${e.message}`).join('; ');
    throw new Error(`${operationId} request does not match its schema: ${detail}`);
  }
}
