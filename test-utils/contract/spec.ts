/**
 * The OpenAPI document and the typed view of its x-tim-* data. Everything is read once and
 * cached; `loadSpecFrom` exists for tests that check a deliberately modified copy.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { OperationContract, OperationFamily, ProfileCase, Region } from './types.ts';
import { SPEC_PATH } from './paths.ts';

/** The x-tim-* keys every operation must carry (x-tim-operation.schema.json requires them too). */
export const OPERATION_EXTENSION_KEYS = [
  'x-tim-family',
  'x-tim-alternative-paths',
  'x-tim-docs',
  'x-tim-group-types',
  'x-tim-errors',
  'x-tim-call-rate',
  'x-tim-group-write-rate',
  'x-tim-limits',
  'x-tim-edition',
  'x-tim-idempotency',
  'x-tim-disagreements',
  'x-tim-counts-as-attr-write',
  'x-tim-cases',
  'x-tim-tencent-openapi',
] as const;

const specCache = new Map<string, OpenAPIV3_1.Document>();
const operationsCache = new WeakMap<OpenAPIV3_1.Document, OperationContract[]>();

/** The project's spec, specs/tim-chat.openapi.yaml (parsed once). */
export function loadSpec(): OpenAPIV3_1.Document {
  return loadSpecFrom(SPEC_PATH);
}

/** A spec read from another file (a test's modified copy); cached per absolute path. */
export function loadSpecFrom(path: string): OpenAPIV3_1.Document {
  const absolute = resolve(path);
  let spec = specCache.get(absolute);
  if (!spec) {
    spec = parse(readFileSync(absolute, 'utf8')) as OpenAPIV3_1.Document;
    specCache.set(absolute, spec);
  }
  return spec;
}

type RawOperation = OpenAPIV3_1.OperationObject & Record<string, unknown>;

function schemaFileOf(ref: unknown, where: string): string {
  if (typeof ref !== 'string' || !ref.startsWith('../schemas/')) {
    throw new Error(`${where}: expected a $ref to ../schemas/<file>, got ${JSON.stringify(ref)}`);
  }
  return ref.slice('../schemas/'.length).split('#')[0] as string;
}

function toContract(path: string, raw: RawOperation): OperationContract {
  const match = /^\/v4\/([a-z_]+)\/([a-z_]+)$/.exec(path);
  if (!match) throw new Error(`spec path ${path} is not /v4/<service>/<command>`);
  const [, service, command] = match as unknown as [string, string, string];
  const where = `operation ${raw.operationId ?? command} (${path})`;
  if (raw.operationId !== command) throw new Error(`${where}: operationId must equal the command`);
  for (const key of OPERATION_EXTENSION_KEYS) {
    if (!(key in raw)) throw new Error(`${where}: missing ${key}`);
  }
  const body = raw.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
  const requestRef = (body?.content?.['application/json']?.schema as { $ref?: string } | undefined)?.$ref;
  const ok = raw.responses?.['200'] as OpenAPIV3_1.ResponseObject | undefined;
  const responseRef = (ok?.content?.['application/json']?.schema as { $ref?: string } | undefined)?.$ref;
  const x = raw as Record<string, unknown>;
  return {
    operationId: command,
    service,
    command,
    path,
    alternativePaths: x['x-tim-alternative-paths'] as string[],
    family: x['x-tim-family'] as OperationFamily,
    'x-tim-docs': x['x-tim-docs'] as OperationContract['x-tim-docs'],
    'x-tim-group-types': x['x-tim-group-types'] as OperationContract['x-tim-group-types'],
    'x-tim-errors': x['x-tim-errors'] as OperationContract['x-tim-errors'],
    'x-tim-call-rate': x['x-tim-call-rate'] as OperationContract['x-tim-call-rate'],
    'x-tim-group-write-rate': x['x-tim-group-write-rate'] as OperationContract['x-tim-group-write-rate'],
    'x-tim-limits': x['x-tim-limits'] as OperationContract['x-tim-limits'],
    'x-tim-edition': x['x-tim-edition'] as OperationContract['x-tim-edition'],
    'x-tim-idempotency': x['x-tim-idempotency'] as OperationContract['x-tim-idempotency'],
    'x-tim-disagreements': x['x-tim-disagreements'] as OperationContract['x-tim-disagreements'],
    'x-tim-counts-as-attr-write': x['x-tim-counts-as-attr-write'] as boolean,
    requestSchema: schemaFileOf(requestRef, `${where} request body`),
    responseSchema: schemaFileOf(responseRef, `${where} 200 response`),
    'x-tim-cases': x['x-tim-cases'] as ProfileCase[],
    'x-tim-tencent-openapi': x['x-tim-tencent-openapi'] as OperationContract['x-tim-tencent-openapi'],
    ...(typeof x['x-tim-copy-of'] === 'string' ? { 'x-tim-copy-of': x['x-tim-copy-of'] } : {}),
  };
}

/** A copy must name an operation of the same spec that is not itself a copy. */
function checkCopies(list: OperationContract[]): void {
  for (const op of list) {
    const original = op['x-tim-copy-of'];
    if (original === undefined) continue;
    const target = list.find((other) => other.operationId === original);
    if (target === undefined || target['x-tim-copy-of'] !== undefined) {
      throw new Error(
        `operation ${op.operationId}: x-tim-copy-of '${original}' is not an original operation of the spec`,
      );
    }
  }
}

/** Every operation of the spec, in document order, as OperationContract. */
export function operations(spec: OpenAPIV3_1.Document = loadSpec()): OperationContract[] {
  let list = operationsCache.get(spec);
  if (!list) {
    list = Object.entries(spec.paths ?? {}).map(([path, item]) => {
      const post = item?.post as RawOperation | undefined;
      if (!post) throw new Error(`spec path ${path} has no POST operation`);
      return toContract(path, post);
    });
    checkCopies(list);
    operationsCache.set(spec, list);
  }
  return list;
}

/**
 * The operationId whose handler and request builders serve this one: the original of a copy
 * (x-tim-copy-of), else the id itself (also for an id the spec does not have).
 */
export function originalOperationId(operationId: string, spec?: OpenAPIV3_1.Document): string {
  return operations(spec).find((op) => op.operationId === operationId)?.['x-tim-copy-of'] ?? operationId;
}

/** The operation with this id; throws naming the known ids when there is none. */
export function getOperation(operationId: string, spec?: OpenAPIV3_1.Document): OperationContract {
  const all = operations(spec);
  const found = all.find((op) => op.operationId === operationId);
  if (!found) {
    throw new Error(`unknown operation '${operationId}'; the spec has: ${all.map((op) => op.operationId).join(', ')}`);
  }
  return found;
}

/**
 * The operation a request path addresses (documented or alternative path), or undefined.
 * Accepts '/v4/svc/cmd', 'v4/svc/cmd' and a trailing query string.
 */
export function operationByPath(path: string, spec?: OpenAPIV3_1.Document): OperationContract | undefined {
  let clean = path.split('?')[0] as string;
  if (!clean.startsWith('/')) clean = `/${clean}`;
  return operations(spec).find((op) => op.path === clean || op.alternativePaths.includes(clean));
}

/** The regional domains (top-level x-tim-regions). */
export function regions(spec: OpenAPIV3_1.Document = loadSpec()): Region[] {
  const list = (spec as unknown as Record<string, unknown>)['x-tim-regions'];
  if (!Array.isArray(list)) throw new Error('spec has no x-tim-regions list');
  return list as Region[];
}

function normaliseRegionName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * The region a user named: its name ('silicon-valley', 'Silicon Valley'), an alias ('us') or
 * its host. Undefined when nothing matches (the caller reports a configuration error).
 */
export function resolveRegion(nameOrAlias: string, spec?: OpenAPIV3_1.Document): Region | undefined {
  const wanted = normaliseRegionName(nameOrAlias);
  return regions(spec).find(
    (r) => r.name === wanted || r.aliases.includes(wanted) || r.host === wanted || r.backupHost === wanted,
  );
}

/** The behaviour-profile rows that are not per operation (top-level x-tim-profile). */
export function profileCases(spec: OpenAPIV3_1.Document = loadSpec()): ProfileCase[] {
  const list = (spec as unknown as Record<string, unknown>)['x-tim-profile'];
  if (!Array.isArray(list)) throw new Error('spec has no x-tim-profile list');
  return list as ProfileCase[];
}

/** One top-level profile row by id ('signing.hmac-mismatch'); throws naming the known ids. */
export function profileCase(id: string, spec?: OpenAPIV3_1.Document): ProfileCase {
  const all = profileCases(spec);
  const found = all.find((c) => c.id === id);
  if (!found) throw new Error(`unknown profile case '${id}'; known: ${all.map((c) => c.id).join(', ')}`);
  return found;
}

/** One per-operation profile row (x-tim-cases) by operation id and case id. */
export function operationCase(operationId: string, caseId: string, spec?: OpenAPIV3_1.Document): ProfileCase {
  const op = getOperation(operationId, spec);
  const found = op['x-tim-cases'].find((c) => c.id === caseId);
  if (!found) {
    throw new Error(
      `operation '${operationId}' has no case '${caseId}'; known: ${op['x-tim-cases'].map((c) => c.id).join(', ') || '(none)'}`,
    );
  }
  return found;
}
