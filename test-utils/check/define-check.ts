/**
 * defineCheck registers one vitest test per conformance check, WPT/test262 style: typed
 * metadata first (operation, check, group type, the evidence it enforces), then the body.
 * The test's name starts with the stable id '<operation>/<check>[/<groupType>]', and the id,
 * the gating decision and the doc URL travel on task.meta.tim to the runner's reporter.
 *
 *   defineCheck({ operation: 'clear_group_attr', check: 'unknown-group', evidence: profileCase('groups.unknown-group') }, ...)
 *
 * The evidence (evidence.ts) names the contract row once; status and doc URL follow from it.
 * The explicit `status` + `docUrl` pair stays accepted for third-party suites.
 */
import { inject, test } from 'vitest';
import { GROUP_TYPES } from '../contract/types.ts';
import type { CheckMeta, EvidenceStatus, GroupType, ResolvedTarget } from '../contract/types.ts';
import { operations } from '../contract/index.ts';
import { createCheckContext, type CheckContext } from './context.ts';
import { resolveEvidence, type Evidence } from './evidence.ts';
import { seededFaker } from './seeded-faker.ts';
import { isSelected } from './selection.ts';
import { lazyWorkerClient } from './worker-client.ts';

interface CheckDefinitionBase {
  /** The operationId the check is about ('clear_group_attr'), or 'transport' for the HTTP layer. */
  operation: string;
  /** A short kebab-case slug, unique within the operation: 'clears-every-key'. */
  check: string;
  groupType?: GroupType;
  /** A sentence for humans; the id stays the stable name. */
  title?: string;
  /** Milliseconds; the suites' default applies otherwise. */
  timeout?: number;
  /** false = never run beside other checks of this file (a check that measures a rate). */
  concurrent?: boolean;
}

/** The contract row the check enforces (evidence.ts); its status and doc URL follow from it. */
export interface EvidenceField {
  evidence: Evidence;
  status?: never;
  docUrl?: never;
}

/** Status and doc URL given by hand (suites written before `evidence`, third-party suites). */
export interface ExplicitStatusFields {
  evidence?: never;
  /** documented and documented-set gate; inferred is tentative unless --strict. */
  status: EvidenceStatus;
  /** The page (and anchor) that states the behaviour. */
  docUrl: string;
}

export type CheckDefinition = CheckDefinitionBase & (EvidenceField | ExplicitStatusFields);

/** A definition with its evidence resolved: what the id, the gating and the reports read. */
export type ResolvedCheckDefinition = CheckDefinitionBase & ExplicitStatusFields;

export type CheckFn = (ctx: CheckContext) => Promise<void>;

/**
 * Checks of no single operation: 'transport' (unknown commands, methods other than POST) and
 * 'stateful' (model-based sequences over every attribute and counter operation).
 */
export const CROSS_CUTTING_OPERATIONS = ['transport', 'stateful'] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const registeredIds = new Set<string>();

export function checkId(operation: string, check: string, groupType?: GroupType): string {
  return groupType ? `${operation}/${check}/${groupType}` : `${operation}/${check}`;
}

/** The vitest test name: the id, then the human title. */
export function checkTitle(id: string, title?: string): string {
  return title ? `${id} — ${title}` : id;
}

export function isGating(status: EvidenceStatus, strict: boolean): boolean {
  return status !== 'inferred' || strict;
}

let knownOperations: Set<string> | undefined;

function whereDefined(def: CheckDefinitionBase): string {
  return `defineCheck(${JSON.stringify(def.operation)}, ${JSON.stringify(def.check)})`;
}

/** Status and doc URL from the definition's evidence (or as given); throws naming the check. */
export function resolveDefinition(def: CheckDefinition): ResolvedCheckDefinition {
  if (def.evidence === undefined) return def;
  const { evidence, status: _status, docUrl: _docUrl, ...rest } = def;
  try {
    const { status, docUrl } = resolveEvidence(evidence);
    return { ...rest, status, docUrl };
  } catch (error) {
    throw new Error(`${whereDefined(def)}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Throws (at collection, so the whole file fails loudly) when a definition is malformed. */
export function validateDefinition(def: ResolvedCheckDefinition): void {
  knownOperations ??= new Set([...operations().map((op) => op.operationId), ...CROSS_CUTTING_OPERATIONS]);
  const where = whereDefined(def);
  if (!knownOperations.has(def.operation)) {
    throw new Error(`${where}: unknown operation; known: ${[...knownOperations].sort().join(', ')}`);
  }
  if (!SLUG.test(def.check)) throw new Error(`${where}: check must be a kebab-case slug like 'clears-every-key'`);
  if (def.groupType !== undefined && !(GROUP_TYPES as readonly string[]).includes(def.groupType)) {
    throw new Error(`${where}: unknown group type ${JSON.stringify(def.groupType)}; known: ${GROUP_TYPES.join(', ')}`);
  }
  if (!['documented', 'documented-set', 'inferred'].includes(def.status)) {
    throw new Error(`${where}: status must be documented, documented-set or inferred`);
  }
  if (!/^https?:\/\/\S+$/.test(def.docUrl)) throw new Error(`${where}: docUrl must be an http(s) URL`);
}

/** Registers an id; a second registration in this worker is a collection error. */
export function claimCheckId(id: string): void {
  if (registeredIds.has(id)) throw new Error(`duplicate check id '${id}': every check id must be unique`);
  registeredIds.add(id);
}

function providedTargets(): Array<{ label: string; target: ResolvedTarget }> {
  // The mutation self-check provides several targets (one per mock variant) to one run, so the
  // suites load once per worker instead of once per variant; every check runs once per target.
  const many = inject('timTargets');
  if (Array.isArray(many) && many.length > 0) return many;
  const target = inject('timTarget');
  if (!target) {
    throw new Error(
      'no target was provided to the suites: run them through `tim-conformance run`, or vitest with `--config suites/vitest.config.ts`',
    );
  }
  return [{ label: '', target }];
}

/** The test name of a check run against one of several targets: '[label] <id> — <title>'. */
export function variantTitle(label: string, title: string): string {
  return label === '' ? title : `[${label}] ${title}`;
}

export function buildCheckMeta(definition: CheckDefinition, strict: boolean): CheckMeta {
  const def = resolveDefinition(definition);
  const meta: CheckMeta = {
    id: checkId(def.operation, def.check, def.groupType),
    operation: def.operation,
    check: def.check,
    status: def.status,
    gating: isGating(def.status, strict),
    docUrl: def.docUrl,
  };
  if (def.groupType) meta.groupType = def.groupType;
  return meta;
}

export function defineCheck(definition: CheckDefinition, fn: CheckFn): void {
  const def = resolveDefinition(definition);
  validateDefinition(def);
  const selection = inject('timSelect');
  for (const { label, target } of providedTargets()) {
    const meta = buildCheckMeta(def, target.strict);
    claimCheckId(label === '' ? meta.id : `[${label}] ${meta.id}`);
    // Declared but skipped (a file without any test is a collection error); the runner's reporter
    // leaves such skipped tests out of the results, as it does for a file filter.
    if (!isSelected(meta.id, selection)) {
      test.skip(variantTitle(label, checkTitle(meta.id, def.title)), () => {});
      continue;
    }

    test(
      variantTitle(label, checkTitle(meta.id, def.title)),
      {
        meta: { tim: meta, ...(label === '' ? {} : { timVariant: label }) },
        timeout: def.timeout,
        concurrent: def.concurrent,
      },
      async (testContext) => {
        const client = lazyWorkerClient(target);
        const ctx = createCheckContext({
          meta,
          target,
          client,
          faker: seededFaker(target.seed, meta.id),
          task: {
            meta: testContext.task.meta,
            skip: (note) => testContext.skip(note),
            onFinished: (cleanup) =>
              testContext.onTestFinished(async () => {
                await cleanup();
              }),
          },
        });
        try {
          await fn(ctx);
        } catch (error) {
          ctx.recordUnexpectedError(error);
          throw error;
        }
      },
    );
  }
}

interface GroupTypeCheckBase extends Omit<CheckDefinitionBase, 'groupType'> {
  /** Defaults to all five types. */
  groupTypes?: readonly GroupType[];
}

export type GroupTypeCheckDefinition = GroupTypeCheckBase &
  (
    | {
        /** Per type when it differs (e.g. `(type) => \`get_group_counter#group-type/${type}\``). */
        evidence: Evidence | ((type: GroupType) => Evidence);
        status?: never;
        docUrl?: never;
      }
    | {
        evidence?: never;
        /** Per type when it differs (e.g. from an operation's x-tim-group-types). */
        status: EvidenceStatus | ((type: GroupType) => EvidenceStatus);
        docUrl: string | ((type: GroupType) => string);
      }
  );

export type GroupTypeCheckFn = (ctx: CheckContext & { readonly groupType: GroupType }) => Promise<void>;

/** One check expanded into one test per group type (WPT `.any.js` style): ids '<op>/<check>/<Type>'. */
export function checkEachGroupType(def: GroupTypeCheckDefinition, fn: GroupTypeCheckFn): void {
  const { groupTypes = GROUP_TYPES, evidence: _evidence, status: _status, docUrl: _docUrl, ...rest } = def;
  for (const groupType of groupTypes) {
    const common = { ...rest, groupType, title: rest.title ? `${rest.title} (${groupType})` : undefined };
    const perType: CheckDefinition =
      def.evidence !== undefined
        ? { ...common, evidence: typeof def.evidence === 'function' ? def.evidence(groupType) : def.evidence }
        : {
            ...common,
            status: typeof def.status === 'function' ? def.status(groupType) : def.status,
            docUrl: typeof def.docUrl === 'function' ? def.docUrl(groupType) : def.docUrl,
          };
    defineCheck(perType, (ctx) => fn(ctx as CheckContext & { readonly groupType: GroupType }));
  }
}
