/**
 * The spec is a valid OpenAPI 3.1 document (checked by @seriousme/openapi-schema-validator,
 * external $refs to schemas/ included) and follows the project's path conventions.
 */
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { rawOperations, rawSpec, readSchema, schemaFileNames, type Json } from './helpers.ts';

async function validateOpenApi(spec: Json): Promise<{ valid: boolean; errors?: unknown }> {
  const validator = new Validator();
  // The validator resolves external refs by URI: the spec says '../schemas/x', the schemas
  // refer to each other by their file name (relative to their $id).
  for (const file of schemaFileNames()) {
    await validator.addSpecRef(readSchema(file), `../schemas/${file}`);
    await validator.addSpecRef(readSchema(file), file);
  }
  const result = await validator.validate(structuredClone(spec));
  return { ...result, version: validator.version } as { valid: boolean; errors?: unknown };
}

describe('specs/tim-chat.openapi.yaml', () => {
  it('validates as OpenAPI 3.1', async () => {
    const spec = rawSpec();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    const result = await validateOpenApi(spec);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('the validator rejects a broken copy (missing info, bad responses, dangling $ref)', async () => {
    const noInfo = rawSpec();
    delete noInfo.info;
    expect((await validateOpenApi(noInfo)).valid).toBe(false);

    const badResponses = rawSpec();
    const [, op] = rawOperations(badResponses)[0]!;
    op.responses = 'not an object';
    expect((await validateOpenApi(badResponses)).valid).toBe(false);

    const dangling = rawSpec();
    const [, op2] = rawOperations(dangling)[1]!;
    (op2.requestBody as Json).content = { 'application/json': { schema: { $ref: '../schemas/nope.schema.json' } } };
    expect((await validateOpenApi(dangling)).valid).toBe(false);
  });

  it('every path is a literal POST /v4/<service>/<command> whose operationId is the command', () => {
    const ops = rawOperations(rawSpec());
    expect(ops.length).toBeGreaterThanOrEqual(12);
    for (const [path, op] of ops) {
      const match = /^\/v4\/([a-z_]+)\/([a-z_]+)$/.exec(path);
      expect(match, path).not.toBeNull();
      expect(op.operationId).toBe(match![2]);
    }
  });

  it('the five shared query parameters are components, referenced (not redefined) by every path', () => {
    const spec = rawSpec();
    const params = (spec.components as Json).parameters as Record<string, Json>;
    expect(Object.keys(params).sort()).toEqual(['contenttype', 'identifier', 'random', 'sdkappid', 'usersig']);
    expect(params.random!.schema).toEqual({ type: 'integer', minimum: 0, maximum: 4294967295 });
    expect(params.contenttype!.schema).toEqual({ type: 'string', enum: ['json'] });
    for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
      const refs = (item.parameters as { $ref: string }[]).map((p) => p.$ref).sort();
      expect(refs, path).toEqual(
        Object.keys(params)
          .sort()
          .map((n) => `#/components/parameters/${n}`),
      );
    }
  });

  it('bodies are $refs into schemas/, never inline schemas', () => {
    for (const [path, op] of rawOperations(rawSpec())) {
      const req = ((op.requestBody as Json).content as Json)['application/json'] as Json;
      const res = (((op.responses as Json)['200'] as Json).content as Json)['application/json'] as Json;
      expect(req.schema, path).toEqual({ $ref: `../schemas/${op.operationId}.request.schema.json` });
      expect(res.schema, path).toEqual({ $ref: `../schemas/${op.operationId}.response.schema.json` });
    }
  });
});
