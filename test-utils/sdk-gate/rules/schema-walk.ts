/**
 * The request schemas as plain objects, for the rules that look at names and types beyond what
 * Ajv reports (the case of a property name, where an integer is expected).
 */
import { ajv, SCHEMA_ID_BASE } from '../../contract/index.ts';

type Schema = Record<string, unknown>;

function rootSchema(file: string): Schema | undefined {
  return ajv().getSchema(SCHEMA_ID_BASE + file)?.schema as Schema | undefined;
}

/** Follows a $ref (`common.schema.json#/$defs/x` or `#/$defs/x`) from a schema in `file`. */
function resolve(schema: Schema, file: string): { schema: Schema; file: string } {
  let current = schema;
  let currentFile = file;
  for (let guard = 0; typeof current.$ref === 'string' && guard < 8; guard++) {
    const [target, fragment = ''] = (current.$ref as string).split('#');
    if (target) currentFile = target;
    let node: unknown = rootSchema(currentFile);
    for (const part of fragment.split('/').filter(Boolean)) node = (node as Schema | undefined)?.[part];
    if (node === undefined) break;
    current = node as Schema;
  }
  return { schema: current, file: currentFile };
}

/** The documented property names of the object at each place in a body, walked with the body. */
export function misnamedProperties(
  file: string,
  body: unknown,
): Array<{ pointer: string; given: string; documented: string }> {
  const out: Array<{ pointer: string; given: string; documented: string }> = [];
  const walk = (schemaNode: Schema | undefined, schemaFile: string, value: unknown, pointer: string) => {
    if (schemaNode === undefined) return;
    const { schema, file: f } = resolve(schemaNode, schemaFile);
    if (Array.isArray(value)) {
      const items = schema.items as Schema | undefined;
      value.forEach((item, i) => walk(items, f, item, `${pointer}/${i}`));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const names = Object.keys(properties);
    for (const [given, child] of Object.entries(value)) {
      if (given in properties) {
        walk(properties[given], f, child, `${pointer}/${given}`);
        continue;
      }
      const documented = names.find((n) => n.toLowerCase() === given.toLowerCase());
      if (documented !== undefined) out.push({ pointer, given, documented });
    }
  };
  walk(rootSchema(file), file, body, '');
  return out;
}
