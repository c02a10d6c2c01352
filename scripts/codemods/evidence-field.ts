/**
 * Codemod: a check's `status` + `docUrl` pair becomes one `evidence` field naming the contract row
 * (test-utils/check/evidence.ts), so status and doc URL are stated once, in the contract, and the
 * `docUrls[0]!` assertions go. Re-runnable: a definition that has `evidence` already is skipped.
 *
 *   npx tsx scripts/codemods/evidence-field.ts [--check]     (--check: change nothing, exit 1 if something would change)
 *
 * Patterns (S = status, D = docUrl):
 *   S = X.expected.status,   D = X.expected.docUrls[0]!   → evidence: X          (a profile row)
 *   S = L.exceeded!.status,  D = L.exceeded!.docUrls[0]!  → evidence: 'limit:ID#exceeded'  (L = getLimit('ID'))
 *   S = R.rejectedWith!.status, D = R.rejectedWith!.docUrls[0]! → evidence: R.rejectedWith!  (the refusal's code)
 *   S = X.status,            D = X.docUrls[0]!            → evidence: X          (a limit, an ExpectedCode)
 *   S = 'documented',        D = O['x-tim-docs'][0]!      → evidence: O          (an operation's own page)
 *   S = 'documented',        D = N[0]!  (N = O['x-tim-docs'])  → evidence: O
 * A definition that fits none is listed as unconverted, and the codemod exits 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import {
  applyEdits,
  handWrittenCheckFiles,
  literalArgOf,
  parse,
  property,
  repoPath,
  topLevelConst,
  type TextEdit,
} from './suite-source.ts';

/** Definitions whose metadata follows no pattern above, by the source text of `status` then `docUrl`. */
const BY_SOURCE_TEXT: Record<string, string> = {
  // each group type: the refusal's code when refused, else the rule that it is supported
  '(type) => support[type].rejectedWith?.status ?? support[type].status | (type) => support[type].rejectedWith?.docUrls[0] ?? support[type].docUrls[0]!':
    '(type) => support[type].rejectedWith ?? support[type]',
  // get_group_attr's documented answer lists {key, value} items
  "upsert.expected.status | 'https://tencentcloud.com/document/product/1047/44187'": "'get_group_attr#response'",
  // clear is idempotent on the operation's page
  "clear['x-tim-idempotency'].idempotent ? 'documented' : 'inferred' | clear['x-tim-docs'][0]!": 'clear',
  // the attribute family's isolation has a row of its own
  "'documented' | attrDocs[0]!": "'modify_group_attr#other-group-unchanged'",
};

const text = (node: ts.Node) => node.getText();

/** `X[0]` or `X[0]!` → X. */
function firstOf(expr: ts.Expression): ts.Expression | undefined {
  const inner = ts.isNonNullExpression(expr) ? expr.expression : expr;
  if (!ts.isElementAccessExpression(inner)) return undefined;
  const index = inner.argumentExpression;
  return ts.isNumericLiteral(index) && index.text === '0' ? inner.expression : undefined;
}

function withoutNonNull(expr: ts.Expression): ts.Expression {
  return ts.isNonNullExpression(expr) ? expr.expression : expr;
}

/** `O['x-tim-docs']` → O. */
function docsOwner(expr: ts.Expression): ts.Expression | undefined {
  if (
    ts.isElementAccessExpression(expr) &&
    ts.isStringLiteral(expr.argumentExpression) &&
    expr.argumentExpression.text === 'x-tim-docs'
  )
    return expr.expression;
  return undefined;
}

function evidenceFor(source: ts.SourceFile, status: ts.Expression, docUrl: ts.Expression): string | undefined {
  const known = BY_SOURCE_TEXT[`${text(status)} | ${text(docUrl)}`];
  if (known) return known;
  const docs = firstOf(docUrl);
  if (!docs) return undefined;
  if (ts.isStringLiteral(status) && status.text === 'documented') {
    const owner =
      docsOwner(docs) ?? (ts.isIdentifier(docs) ? docsOwner(topLevelConst(source, docs.text) ?? docs) : undefined);
    if (!owner) return undefined;
    return text(owner);
  }
  if (!ts.isPropertyAccessExpression(status) || status.name.text !== 'status') return undefined;
  if (
    !ts.isPropertyAccessExpression(docs) ||
    docs.name.text !== 'docUrls' ||
    text(docs.expression) !== text(status.expression)
  )
    return undefined;
  const base = withoutNonNull(status.expression);
  if (ts.isPropertyAccessExpression(base)) {
    const owner = base.expression;
    if (base.name.text === 'expected') return text(owner);
    if (base.name.text === 'exceeded' && ts.isIdentifier(owner)) {
      const id = literalArgOf(topLevelConst(source, owner.text), 'getLimit');
      if (id) return `'limit:${id}#exceeded'`;
    }
  }
  return text(status.expression);
}

/**
 * Check definitions: object literals with a `status` and a `docUrl`, passed to defineCheck or
 * built by a file's own helper (`const definition = (check, title) => ({ ... })`).
 */
function definitionObjects(source: ts.SourceFile): ts.ObjectLiteralExpression[] {
  const found: ts.ObjectLiteralExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isObjectLiteralExpression(n) && property(n, 'status') && property(n, 'docUrl')) found.push(n);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

interface FileResult {
  path: string;
  converted: number;
  unconverted: string[];
  output: string;
}

export function convertFile(path: string, input: string): FileResult {
  const source = parse(path, input);
  const edits: TextEdit[] = [];
  const unconverted: string[] = [];
  let converted = 0;
  for (const def of definitionObjects(source)) {
    if (property(def, 'evidence')) continue;
    const status = property(def, 'status');
    const docUrl = property(def, 'docUrl');
    if (!status || !docUrl) continue;
    const evidence = evidenceFor(source, status.initializer, docUrl.initializer);
    if (evidence === undefined) {
      const { line } = source.getLineAndCharacterOfPosition(def.getStart());
      unconverted.push(
        `${repoPath(path)}:${line + 1}: status ${text(status.initializer)}, docUrl ${text(docUrl.initializer)}`,
      );
      continue;
    }
    // `status` becomes `evidence`; `docUrl` goes with the separator that follows it.
    edits.push({ start: status.getStart(), end: status.getEnd(), text: `evidence: ${evidence}` });
    const props = def.properties;
    const next = props[props.indexOf(docUrl) + 1];
    const previous = props[props.indexOf(docUrl) - 1];
    if (next) edits.push({ start: docUrl.getStart(), end: next.getStart(), text: '' });
    else edits.push({ start: previous ? previous.getEnd() : docUrl.getStart(), end: docUrl.getEnd(), text: '' });
    converted += 1;
  }
  let output = applyEdits(input, edits);
  output = dropUnusedDocsConsts(path, output);
  return { path, converted, unconverted, output };
}

/** A `const attrDocs = getOperation('x')['x-tim-docs']` that only the old docUrl read is removed. */
function dropUnusedDocsConsts(path: string, input: string): string {
  const source = parse(path, input);
  const edits: TextEdit[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) continue;
    const decl = statement.declarationList.declarations[0]!;
    if (!ts.isIdentifier(decl.name) || !decl.initializer || !docsOwner(decl.initializer)) continue;
    const name = decl.name.text;
    const uses = countIdentifier(source, name);
    if (uses === 1) edits.push({ start: statement.getFullStart(), end: statement.getEnd(), text: '' });
  }
  return applyEdits(input, edits);
}

function countIdentifier(source: ts.SourceFile, name: string): number {
  let count = 0;
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && n.text === name) count += 1;
    ts.forEachChild(n, visit);
  };
  visit(source);
  return count;
}

function main(): void {
  const checkOnly = process.argv.includes('--check');
  let changed = 0;
  let total = 0;
  const unconverted: string[] = [];
  for (const path of handWrittenCheckFiles()) {
    const input = readFileSync(path, 'utf8');
    const result = convertFile(path, input);
    total += result.converted;
    unconverted.push(...result.unconverted);
    if (result.output === input) continue;
    changed += 1;
    if (!checkOnly) writeFileSync(path, result.output);
  }
  console.log(
    `evidence-field: ${total} definitions converted in ${changed} files${checkOnly ? ' (--check: nothing written)' : ''}`,
  );
  for (const line of unconverted) console.log(`unconverted: ${line}`);
  if (unconverted.length > 0 || (checkOnly && changed > 0)) process.exitCode = 1;
}

main();
