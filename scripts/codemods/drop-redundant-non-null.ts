/**
 * Codemod: removes the non-null assertions (`x!`) of the hand-written suites that the types no
 * longer need: the contract's look-ups now say what they guarantee (getLimit's `max` and
 * `exceeded`, a check's `evidence` instead of `docUrls[0]!`), so such an assertion only hides
 * what the type checker would otherwise prove. An assertion whose operand may still be
 * undefined or null is kept. Re-runnable; uses the project's tsconfig and the type checker.
 *
 *   npx tsx scripts/codemods/drop-redundant-non-null.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { applyEdits, handWrittenCheckFiles, REPO_ROOT, type TextEdit } from './suite-source.ts';

function program(files: readonly string[]): ts.Program {
  const configPath = join(REPO_ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, REPO_ROOT);
  return ts.createProgram({ rootNames: [...files], options: parsed.options });
}

function mayBeNullish(checker: ts.TypeChecker, expr: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(expr);
  const parts = type.isUnion() ? type.types : [type];
  return parts.some(
    (t) =>
      (t.flags &
        (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !==
      0,
  );
}

function main(): void {
  const checkOnly = process.argv.includes('--check');
  const files = handWrittenCheckFiles();
  const prog = program(files);
  const checker = prog.getTypeChecker();
  let dropped = 0;
  let kept = 0;
  let changed = 0;
  for (const path of files) {
    const source = prog.getSourceFile(path);
    if (!source) throw new Error(`${path}: not in the program`);
    const edits: TextEdit[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isNonNullExpression(n)) {
        if (mayBeNullish(checker, n.expression)) kept += 1;
        else edits.push({ start: n.getEnd() - 1, end: n.getEnd(), text: '' });
      }
      ts.forEachChild(n, visit);
    };
    visit(source);
    if (edits.length === 0) continue;
    dropped += edits.length;
    changed += 1;
    const input = readFileSync(path, 'utf8');
    if (!checkOnly) writeFileSync(path, applyEdits(input, edits));
  }
  console.log(
    `drop-redundant-non-null: ${dropped} assertions dropped in ${changed} files, ${kept} still needed${checkOnly ? ' (--check: nothing written)' : ''}`,
  );
  if (checkOnly && dropped > 0) process.exitCode = 1;
}

main();
