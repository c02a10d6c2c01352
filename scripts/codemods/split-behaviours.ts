/**
 * Codemod: one behaviour per check file, named after it (as test262 and undici name tests). A
 * hand-written check file whose top-level statements register checks of several behaviours is
 * split into one `<behaviour>.check.ts` per behaviour beside it; the check ids do not change
 * (test/suites/check-ids.test.ts proves it).
 *
 *   npx tsx scripts/codemods/split-behaviours.ts [--check]
 *
 * - A behaviour is the `check` slug of its definitions: the statements registering
 *   `key-past-byte-limit` on modify_group_attr and on set_group_attr are one behaviour, one file;
 *   a loop registering one check per group type or per variant is one statement, one behaviour.
 *   A slug that is not a literal (a template in a loop) is named after the loop's evidence, a
 *   profile row: `evidence: notJson` with notJson = profileCase('transport.body-not-json') →
 *   body-not-json.check.ts.
 * - A top-level declaration used by one behaviour moves with it. A contract look-up used by
 *   several (`const unknownGroup = profileCase('groups.unknown-group')`) is repeated in each, as
 *   a check file reads best on its own; any other shared declaration (a helper function, a type)
 *   goes to a module beside them named after the split file (`write-semantics.ts`), exported.
 * - Imports are kept where used. Each new file starts with a one-line comment: its ids and
 *   what they check (the title, else the evidence's words in the contract).
 * Re-runnable: a file of one behaviour is left alone; a file it would write that exists already
 * is overwritten only when it registers the same checks (its own earlier output).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import { operationCase, profileCase } from '../../test-utils/contract/index.ts';
import {
  checkCalls,
  handWrittenCheckFiles,
  literalArgOf,
  parse,
  property,
  repoPath,
  topLevelConst,
} from './suite-source.ts';

/**
 * Loops whose slug is neither one literal nor named by one profile row (a table of variants, or
 * several checks per iteration), by file and the source text of their first `check`.
 */
const LOOP_NAMES: Record<string, string> = {
  // omitted GroupCounterKeys and [] are two spellings of "no keys": every counter goes
  'suites/delete-group-counter/deletes.check.ts:check': 'deletes-all-without-keys',
  // a table of the three required query parameters, each left out in turn
  'suites/signing/query-parameters.check.ts:`${param}-missing`': 'query-parameter-missing',
  // per operation, an error (unknown group, missing GroupId) is HTTP 200 with the FAIL envelope
  "suites/transport/envelope.check.ts:'envelope-on-unknown-group'": 'envelope-on-error',
};

/** Calls whose result is a contract look-up, cheap and pure: repeated in each file that reads it. */
const LOOKUPS = new Set([
  'profileCase',
  'operationCase',
  'getLimit',
  'getOperation',
  'getErrorCode',
  'resolveBehaviour',
]);

interface Declaration {
  statement: ts.Statement;
  names: string[];
  isType: boolean;
  isLookup: boolean;
}

interface Behaviour {
  name: string;
  statements: ts.Statement[];
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    const names: string[] = [];
    const bind = (name: ts.BindingName) => {
      if (ts.isIdentifier(name)) names.push(name.text);
      else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
    };
    for (const decl of statement.declarationList.declarations) bind(decl.name);
    return names;
  }
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
    return [statement.name.text];
  if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isEnumDeclaration(statement))
    return [statement.name.text];
  return [];
}

/** An expression built only of look-up calls, literals, identifiers and property/element access. */
function isLookupExpression(expr: ts.Expression): boolean {
  if (ts.isCallExpression(expr)) {
    return (
      ts.isIdentifier(expr.expression) &&
      LOOKUPS.has(expr.expression.text) &&
      expr.arguments.every((a) => ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a))
    );
  }
  if (ts.isPropertyAccessExpression(expr) || ts.isNonNullExpression(expr)) return isLookupExpression(expr.expression);
  if (ts.isElementAccessExpression(expr))
    return isLookupExpression(expr.expression) && ts.isLiteralExpression(expr.argumentExpression);
  return ts.isIdentifier(expr) || ts.isStringLiteral(expr) || ts.isNumericLiteral(expr);
}

function isLookupDeclaration(statement: ts.Statement): boolean {
  if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) return false;
  return statement.declarationList.declarations.every(
    (d) => d.initializer !== undefined && isLookupExpression(d.initializer),
  );
}

/** Identifiers a node reads (not property names, not the names it declares). */
function referencedNames(node: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n)) {
      const parent = n.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === n) ||
        (ts.isPropertyAssignment(parent) && parent.name === n) ||
        (ts.isPropertySignature(parent) && parent.name === n) ||
        (ts.isMethodDeclaration(parent) && parent.name === n) ||
        (ts.isBindingElement(parent) && parent.propertyName === n) ||
        (ts.isQualifiedName(parent) && parent.right === n);
      if (!isPropertyName) names.add(n.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return names;
}

/** The slug a check call registers, when it is a literal (directly or as a helper's first argument). */
function literalSlug(call: ts.CallExpression): string | undefined {
  const def = call.arguments[0];
  if (!def) return undefined;
  if (ts.isObjectLiteralExpression(def)) {
    const check = property(def, 'check');
    return check && ts.isStringLiteral(check.initializer) ? check.initializer.text : undefined;
  }
  if (ts.isCallExpression(def)) {
    const [first] = def.arguments;
    return first && ts.isStringLiteral(first) ? first.text : undefined;
  }
  return undefined;
}

/** The source text of a definition's `check` (shorthand `check` included). */
function checkText(call: ts.CallExpression): string | undefined {
  const def = call.arguments[0];
  if (!def || !ts.isObjectLiteralExpression(def)) return def?.getText();
  const found = def.properties.find((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'check');
  if (!found) return undefined;
  return ts.isPropertyAssignment(found) ? found.initializer.getText() : found.name?.getText();
}

/** The profile row a check call's `evidence` names, when it is a look-up of one. */
function evidenceRow(source: ts.SourceFile, call: ts.CallExpression): { id: string; description: string } | undefined {
  const def = call.arguments[0];
  if (!def || !ts.isObjectLiteralExpression(def)) return undefined;
  const evidence = property(def, 'evidence')?.initializer;
  if (!evidence) return undefined;
  const init = ts.isIdentifier(evidence) ? topLevelConst(source, evidence.text) : evidence;
  const profileId = literalArgOf(init, 'profileCase');
  if (profileId)
    return { id: profileId.slice(profileId.lastIndexOf('.') + 1), description: profileCase(profileId).description };
  if (
    init &&
    ts.isCallExpression(init) &&
    ts.isIdentifier(init.expression) &&
    init.expression.text === 'operationCase'
  ) {
    const [op, id] = init.arguments;
    if (op && id && ts.isStringLiteral(op) && ts.isStringLiteral(id))
      return { id: id.text, description: operationCase(op.text, id.text).description };
  }
  return undefined;
}

/** The check calls a statement makes, through the file's own helper functions too. */
function registeredCalls(
  source: ts.SourceFile,
  statement: ts.Statement,
  helpers: Map<string, ts.FunctionDeclaration>,
): ts.CallExpression[] {
  const calls = checkCalls(statement);
  for (const name of referencedNames(statement)) {
    const helper = helpers.get(name);
    if (helper && helper !== statement) calls.push(...checkCalls(helper));
  }
  return calls;
}

function behaviourName(source: ts.SourceFile, calls: ts.CallExpression[]): string {
  const slugs = new Set(calls.map(literalSlug));
  if (slugs.size === 1) {
    const [slug] = slugs;
    if (slug !== undefined) return slug;
  }
  const named = LOOP_NAMES[`${repoPath(source.fileName)}:${calls[0] ? checkText(calls[0]) : ''}`];
  if (named) return named;
  const rows = new Set(calls.map((c) => evidenceRow(source, c)?.id));
  const [row] = rows;
  if (rows.size === 1 && row !== undefined) return row;
  const { line } = source.getLineAndCharacterOfPosition(calls[0]?.getStart() ?? 0);
  throw new Error(
    `${repoPath(source.fileName)}:${line + 1}: cannot name this behaviour (no literal check slug, no profile row as evidence)`,
  );
}

/** The statement's source with the comments before it, without the blank lines before those. */
function chunk(source: ts.SourceFile, statement: ts.Statement, skipHeader: boolean): string {
  const start = skipHeader ? statement.getStart(source) : statement.getFullStart();
  return source.text.slice(start, statement.getEnd()).replace(/^\s*\n/, '');
}

function exported(source: ts.SourceFile, statement: ts.Statement): string {
  const text = chunk(source, statement, false);
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return text;
  const offset =
    statement.getStart(source) -
    statement.getFullStart() -
    (source.text.slice(statement.getFullStart(), statement.getEnd()).length - text.length);
  return `${text.slice(0, offset)}export ${text.slice(offset)}`;
}

/** Import declarations reduced to what `used` names; a type-only specifier stays type-only. */
function importsFor(
  source: ts.SourceFile,
  imports: readonly ts.ImportDeclaration[],
  used: ReadonlySet<string>,
): string[] {
  const lines: string[] = [];
  for (const decl of imports) {
    const from = decl.moduleSpecifier.getText(source);
    const clause = decl.importClause;
    if (!clause) {
      lines.push(decl.getText(source));
      continue;
    }
    const typeOnly = clause.isTypeOnly ? 'type ' : '';
    const parts: string[] = [];
    if (clause.name && used.has(clause.name.text)) parts.push(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      if (used.has(bindings.name.text)) lines.push(`import ${typeOnly}* as ${bindings.name.text} from ${from};`);
    } else if (bindings) {
      const specifiers = bindings.elements.filter((e) => used.has(e.name.text)).map((e) => e.getText(source));
      if (specifiers.length > 0) parts.push(`{ ${specifiers.join(', ')} }`);
    }
    if (parts.length > 0) lines.push(`import ${typeOnly}${parts.join(', ')} from ${from};`);
  }
  return lines;
}

function title(source: ts.SourceFile, calls: ts.CallExpression[]): string | undefined {
  for (const call of calls) {
    const def = call.arguments[0];
    if (def && ts.isCallExpression(def)) {
      const second = def.arguments[1];
      if (second && (ts.isStringLiteral(second) || ts.isNoSubstitutionTemplateLiteral(second))) return second.text;
    }
    if (!def || !ts.isObjectLiteralExpression(def)) continue;
    const t = property(def, 'title')?.initializer;
    if (t && (ts.isStringLiteral(t) || ts.isNoSubstitutionTemplateLiteral(t))) return t.text;
  }
  return calls.map((c) => evidenceRow(source, c)?.description).find((d) => d !== undefined);
}

function idsOf(calls: ts.CallExpression[], name: string): string {
  const operations = new Set<string>();
  for (const call of calls) {
    const def = call.arguments[0];
    const op = def && ts.isObjectLiteralExpression(def) ? property(def, 'operation')?.initializer : undefined;
    operations.add(op && ts.isStringLiteral(op) ? op.text : '*');
  }
  const ops = [...operations];
  return ops.length === 1 ? `${ops[0]}/${name}` : `{${ops.join(',')}}/${name}`;
}

/** The `check:` texts a file registers, to tell the codemod's own earlier output from another file. */
function registeredSlugs(path: string): string {
  const source = parse(path, readFileSync(path, 'utf8'));
  return slugTexts(source);
}

function slugTexts(source: ts.SourceFile): string {
  return checkCalls(source)
    .map(
      (c) =>
        `${c.arguments[0] && ts.isObjectLiteralExpression(c.arguments[0]) ? property(c.arguments[0], 'operation')?.initializer.getText() : ''} ${checkText(c)}`,
    )
    .sort()
    .join('\n');
}

interface Written {
  path: string;
  text: string;
}

export function splitFile(path: string, text: string): Written[] | undefined {
  const source = parse(path, text);
  const imports = source.statements.filter(ts.isImportDeclaration);
  const helpers = new Map<string, ts.FunctionDeclaration>();
  const declarations: Declaration[] = [];
  const checkStatements: ts.Statement[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) continue;
    const names = declaredNames(statement);
    if (names.length > 0) {
      if (ts.isFunctionDeclaration(statement) && statement.name && checkCalls(statement).length > 0)
        helpers.set(statement.name.text, statement);
      declarations.push({
        statement,
        names,
        isType: ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement),
        isLookup: isLookupDeclaration(statement),
      });
    } else {
      checkStatements.push(statement);
    }
  }
  // One registering statement (one call, or one loop) is one behaviour or one table of them.
  if (checkStatements.length <= 1) return undefined;
  const behaviours: Behaviour[] = [];
  const callsOf = new Map<string, ts.CallExpression[]>();
  for (const statement of checkStatements) {
    const calls = registeredCalls(source, statement, helpers);
    if (calls.length === 0)
      throw new Error(
        `${repoPath(path)}: a top-level statement that registers no check: ${statement.getText(source).slice(0, 60)}`,
      );
    const name = behaviourName(source, calls);
    const found = behaviours.find((b) => b.name === name);
    if (found) found.statements.push(statement);
    else behaviours.push({ name, statements: [statement] });
    callsOf.set(name, [...(callsOf.get(name) ?? []), ...calls]);
  }
  if (behaviours.length <= 1) return undefined;

  // Which declarations each behaviour needs, transitively.
  const byName = new Map<string, Declaration>();
  for (const d of declarations) for (const n of d.names) byName.set(n, d);
  const needs = (nodes: readonly ts.Node[]): Set<Declaration> => {
    const found = new Set<Declaration>();
    const queue = [...nodes];
    while (queue.length > 0) {
      const node = queue.pop();
      if (!node) break;
      for (const name of referencedNames(node)) {
        const d = byName.get(name);
        if (d && !found.has(d) && d.statement !== node) {
          found.add(d);
          queue.push(d.statement);
        }
      }
    }
    return found;
  };
  const needed = new Map(behaviours.map((b) => [b.name, needs(b.statements)]));
  const users = (d: Declaration) => behaviours.filter((b) => needed.get(b.name)?.has(d)).length;
  const shared = new Set(declarations.filter((d) => users(d) > 1 && !d.isLookup));
  // What a shared declaration needs is shared too (a look-up is repeated in the module instead).
  for (const d of [...shared]) for (const dep of needs([d.statement])) if (!dep.isLookup) shared.add(dep);
  for (const d of shared) {
    if (ts.isVariableStatement(d.statement) && !(d.statement.declarationList.flags & ts.NodeFlags.Const)) {
      throw new Error(
        `${repoPath(path)}: '${d.names.join(', ')}' is a mutable binding shared by several behaviours: split by hand`,
      );
    }
  }
  const unused = declarations.filter(
    (d) => users(d) === 0 && !shared.has(d) && ![...shared].some((s) => needs([s.statement]).has(d)),
  );

  const dir = dirname(path);
  const stem = basename(path, '.check.ts');
  const moduleName = `${stem}.ts`;
  const written: Written[] = [];
  const header = (ts.getLeadingCommentRanges(text, 0) ?? []).map((r) => text.slice(r.pos, r.end)).join('\n');

  if (shared.size > 0 || unused.length > 0) {
    const moduleDecls = declarations.filter(
      (d) =>
        shared.has(d) || unused.includes(d) || (d.isLookup && [...shared].some((s) => needs([s.statement]).has(d))),
    );
    const body = moduleDecls.map((d) =>
      shared.has(d) ? exported(source, d.statement) : chunk(source, d.statement, d.statement === source.statements[0]),
    );
    const used = referencedNames(parse(moduleName, body.join('\n')));
    const lines = [
      ...header.split('\n'),
      `// Shared by ${behaviours.map((b) => `${b.name}.check.ts`).join(', ')}.`,
      ...importsFor(source, imports, used),
      '',
      body.join('\n\n'),
      '',
    ];
    written.push({ path: join(dir, moduleName), text: lines.join('\n') });
  }

  for (const behaviour of behaviours) {
    const own = declarations.filter((d) => needed.get(behaviour.name)?.has(d) && !shared.has(d));
    const body = [
      ...own.map((d) => chunk(source, d.statement, d.statement === source.statements[0])),
      ...behaviour.statements.map((s) => chunk(source, s, s === source.statements[0])),
    ].join('\n\n');
    const used = referencedNames(parse('x.ts', body));
    const fromModule = declarations.filter((d) => shared.has(d) && d.names.some((n) => used.has(n)));
    const typesOnly = fromModule.every((d) => d.isType);
    const specifiers = fromModule.flatMap((d) =>
      d.names.filter((n) => used.has(n)).map((n) => (d.isType && !typesOnly ? `type ${n}` : n)),
    );
    const moduleImport =
      fromModule.length > 0
        ? [`import ${typesOnly ? 'type ' : ''}{ ${specifiers.join(', ')} } from './${moduleName}';`]
        : [];
    const calls = callsOf.get(behaviour.name) ?? [];
    const what = title(source, calls);
    const lines = [
      `// ${idsOf(calls, behaviour.name)}${what ? `: ${what}` : ''}`,
      ...importsFor(source, imports, used),
      ...moduleImport,
      '',
      body,
      '',
    ];
    written.push({ path: join(dir, `${behaviour.name}.check.ts`), text: lines.join('\n') });
  }
  return written;
}

function main(): void {
  const checkOnly = process.argv.includes('--check');
  let split = 0;
  for (const path of handWrittenCheckFiles()) {
    const outputs = splitFile(path, readFileSync(path, 'utf8'));
    if (!outputs) continue;
    for (const out of outputs) {
      if (out.path !== path && existsSync(out.path) && out.path.endsWith('.check.ts')) {
        const mine = registeredSlugs(out.path) === slugTexts(parse(out.path, out.text));
        if (!mine)
          throw new Error(
            `${repoPath(out.path)} exists and registers other checks: rename one of the behaviours by hand`,
          );
      }
    }
    split += 1;
    console.log(`${repoPath(path)} → ${outputs.map((o) => basename(o.path)).join(', ')}`);
    if (checkOnly) continue;
    for (const out of outputs) writeFileSync(out.path, out.text);
    if (!outputs.some((o) => o.path === path)) rmSync(path);
  }
  console.log(`split-behaviours: ${split} files split${checkOnly ? ' (--check: nothing written)' : ''}`);
  if (checkOnly && split > 0) process.exitCode = 1;
}

main();
