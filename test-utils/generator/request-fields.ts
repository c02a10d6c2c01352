/**
 * The top-level fields of an operation's request body, read from its JSON Schema (schemas/),
 * with the JSON type each one must have. Refs into other schema files are followed one level,
 * which is all the bodies use; an enum without a type takes the type of its values.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export interface RequestField {
  name: string;
  required: boolean;
  /** undefined when the schema does not pin a single type (then no wrong-type case is derived). */
  jsonType: JsonType | undefined;
}

type SchemaNode = Record<string, unknown>;

function readSchema(schemasDir: string, file: string): SchemaNode {
  return JSON.parse(readFileSync(resolve(schemasDir, file), 'utf8')) as SchemaNode;
}

function resolveRef(schemasDir: string, ref: string, currentFile: string): SchemaNode {
  const [file, pointer = ''] = ref.split('#');
  let node: unknown = readSchema(schemasDir, file || currentFile);
  for (const part of pointer.split('/').filter(Boolean)) node = (node as SchemaNode)[part];
  if (!node || typeof node !== 'object') throw new Error(`cannot resolve $ref ${ref} from ${currentFile}`);
  return node as SchemaNode;
}

function jsonTypeOf(node: SchemaNode): JsonType | undefined {
  if (typeof node.type === 'string') return node.type as JsonType;
  if (Array.isArray(node.enum)) {
    const kinds = new Set(node.enum.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)));
    if (kinds.size === 1) {
      const kind = [...kinds][0];
      if (kind === 'string' || kind === 'boolean' || kind === 'object' || kind === 'array' || kind === 'null')
        return kind;
      if (kind === 'number') return node.enum.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
    }
  }
  return undefined;
}

/** The request body's top-level fields, in schema order. */
export function requestFields(schemasDir: string, requestSchema: string): RequestField[] {
  const root = readSchema(schemasDir, requestSchema);
  const required = new Set(Array.isArray(root.required) ? (root.required as string[]) : []);
  const properties = (root.properties ?? {}) as Record<string, SchemaNode>;
  return Object.entries(properties).map(([name, raw]) => {
    const node = typeof raw.$ref === 'string' ? { ...resolveRef(schemasDir, raw.$ref, requestSchema), ...raw } : raw;
    return { name, required: required.has(name), jsonType: jsonTypeOf(node) };
  });
}

/** A value of a different JSON type that no lenient parser turns into the right one. */
export function wrongTypeValue(type: JsonType): unknown {
  switch (type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return true;
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 'not-an-object';
    case 'null':
      return 0;
  }
}
