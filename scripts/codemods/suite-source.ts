/**
 * What the suite codemods share: the hand-written check files they rewrite (suites/generated is
 * written by the generator and suites/stateful by the model, so both are left alone), parsing
 * with the TypeScript compiler API, and text edits by node position, so that everything a
 * codemod does not touch keeps its exact formatting and comments.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const SUITES_DIR = join(REPO_ROOT, 'suites');
const LEFT_ALONE = new Set(['generated', 'stateful']);

/** Every hand-written `*.check.ts` below suites/, sorted. */
export function handWrittenCheckFiles(dir = SUITES_DIR): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (dir === SUITES_DIR && LEFT_ALONE.has(entry.name)) continue;
      files.push(...handWrittenCheckFiles(join(dir, entry.name)));
    } else if (entry.name.endsWith('.check.ts')) {
      files.push(join(dir, entry.name));
    }
  }
  return files.sort();
}

export function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

export function repoPath(path: string): string {
  return relative(REPO_ROOT, path).split('\\').join('/');
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits (any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** The registering calls of the check vocabulary. */
export const CHECK_FUNCTIONS = new Set(['defineCheck', 'checkEachGroupType']);

export function isCheckCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && CHECK_FUNCTIONS.has(node.expression.text);
}

/** Every defineCheck/checkEachGroupType call below a node (loops included). */
export function checkCalls(node: ts.Node): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (isCheckCall(n)) found.push(n);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

export function property(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
  );
}

/** The initializer of a top-level `const name = ...` of the file, if there is one. */
export function topLevelConst(source: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.name.text === name) return decl.initializer;
    }
  }
  return undefined;
}

/** `fn('literal')` → 'literal' when the call is to `fn` with one string literal argument. */
export function literalArgOf(expr: ts.Expression | undefined, fn: string): string | undefined {
  if (!expr || !ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== fn)
    return undefined;
  const [arg] = expr.arguments;
  return arg && ts.isStringLiteral(arg) ? arg.text : undefined;
}
