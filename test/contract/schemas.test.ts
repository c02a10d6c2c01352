/**
 * Every schema compiles under Ajv 2020-12 strict mode, carries its $id, and every $ref (spec ->
 * schema, schema -> schema) points at a file and a JSON pointer that exist.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { SCHEMAS_DIR, SCHEMA_ID_BASE } from '../../test-utils/contract/index.ts';
import { rawSpec, readSchema, schemaFileNames, type Json } from './helpers.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

function compileAll(schemas: Json[]): void {
  const ajv = strictAjv();
  for (const schema of schemas) ajv.addSchema(schema);
  for (const schema of schemas) ajv.getSchema(schema.$id as string);
}

/** Every {$ref} string found anywhere in a value. */
function collectRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') found.push(v);
      else collectRefs(v, found);
    }
  }
  return found;
}

function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  let node: unknown = doc;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const token = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(token in node)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Problems with the refs of one document whose relative refs resolve inside `dir`. */
function unresolvedRefs(doc: Json, dir: string, prefix: string): string[] {
  const problems: string[] = [];
  for (const ref of collectRefs(doc)) {
    const [file, pointer = ''] = ref.split('#') as [string, string | undefined];
    let target: unknown = doc;
    if (file !== '') {
      if (!file.startsWith(prefix)) {
        problems.push(`${ref}: expected a relative ref starting with '${prefix}'`);
        continue;
      }
      const path = join(dir, file.slice(prefix.length));
      if (!existsSync(path)) {
        problems.push(`${ref}: no file ${path}`);
        continue;
      }
      target = readSchema(file.slice(prefix.length));
    }
    if (resolvePointer(target, pointer) === undefined) problems.push(`${ref}: pointer does not resolve`);
  }
  return problems;
}

describe('schemas/*.schema.json', () => {
  const files = schemaFileNames();

  it('there is a request and a response schema for every operation, and the shared ones', () => {
    for (const [, item] of Object.entries(rawSpec().paths as Record<string, { post: Json }>)) {
      const id = item.post.operationId as string;
      expect(files).toContain(`${id}.request.schema.json`);
      expect(files).toContain(`${id}.response.schema.json`);
    }
    for (const shared of [
      'envelope',
      'common',
      'error-codes',
      'limits',
      'x-tim-operation',
      'x-tim-document',
      'x-tim-common',
    ]) {
      expect(files).toContain(`${shared}.schema.json`);
    }
  });

  it('every schema declares 2020-12 and its own $id', () => {
    for (const file of files) {
      const schema = readSchema(file);
      expect(schema.$schema, file).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id, file).toBe(SCHEMA_ID_BASE + file);
    }
  });

  it('every schema compiles under ajv strict mode', () => {
    expect(() => compileAll(files.map(readSchema))).not.toThrow();
  });

  it('strict mode does reject a sloppy schema (unknown keyword, required without property)', () => {
    const base = readSchema('clear_group_attr.request.schema.json');
    const unknownKeyword = { ...base, $id: `${SCHEMA_ID_BASE}sloppy1.json`, maxBytes: 32 };
    expect(() => compileAll([readSchema('common.schema.json'), unknownKeyword])).toThrow(/strict mode/);
    const requiredOnly = { $id: `${SCHEMA_ID_BASE}sloppy2.json`, type: 'object', required: ['GroupId'] };
    expect(() => compileAll([requiredOnly])).toThrow(/strict mode/);
  });

  it('every $ref between schemas resolves (file and pointer)', () => {
    for (const file of files) {
      expect(unresolvedRefs(readSchema(file), SCHEMAS_DIR, ''), file).toEqual([]);
    }
  });

  it('every $ref of the spec resolves (components and ../schemas/ files)', () => {
    expect(unresolvedRefs(rawSpec(), SCHEMAS_DIR, '../schemas/').filter((p) => !p.startsWith('#'))).toEqual([]);
    // Internal refs ('#/components/...') resolve against the spec itself.
    const spec = rawSpec();
    for (const ref of collectRefs(spec).filter((r) => r.startsWith('#'))) {
      expect(resolvePointer(spec, ref.slice(1)), ref).toBeDefined();
    }
  });

  it('the ref check finds a dangling file and a dangling pointer', () => {
    const broken = { ...readSchema('get_group_attr.request.schema.json') } as Json;
    broken.properties = {
      GroupId: { $ref: 'missing.schema.json#/$defs/groupId' },
      Other: { $ref: 'common.schema.json#/$defs/nope' },
    };
    const problems = unresolvedRefs(broken, SCHEMAS_DIR, '');
    expect(problems).toHaveLength(2);
  });

  it('response schemas never forbid unknown fields', () => {
    const forbids = (value: unknown): boolean =>
      Array.isArray(value)
        ? value.some(forbids)
        : !!value &&
          typeof value === 'object' &&
          Object.entries(value).some(
            ([k, v]) => ((k === 'additionalProperties' || k === 'unevaluatedProperties') && v === false) || forbids(v),
          );
    for (const file of files.filter((f) => f.endsWith('.response.schema.json') || f === 'envelope.schema.json')) {
      expect(forbids(readSchema(file)), file).toBe(false);
    }
  });
});
