/**
 * The simulator stays easy to read: no file over 400 lines and no function over 80 (issue
 * #16), counted from the source with the TypeScript parser, so a long function fails here
 * rather than in a review.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = "src/simulator";
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;

const files = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".ts"))
  .map((f) => join(ROOT, f));

/** Every function of a file with its line count, named as a reader would look for it. */
function functionsOf(path: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(
    path,
    readFileSync(path, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const found: { name: string; lines: number }[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = lineOf(node.getStart(source));
      const parent = node.parent;
      const name =
        node.name?.getText(source) ??
        (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent))
          ? parent.name.getText(source)
          : "(anonymous)");
      found.push({
        name: `${relative(ROOT, path)}:${first + 1} ${name}`,
        lines: lineOf(node.end) - first + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the simulator's source", () => {
  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((f) => ({
        file: relative(ROOT, f),
        lines: readFileSync(f, "utf8").split("\n").length - 1,
      }))
      .filter((f) => f.lines > MAX_FILE_LINES);
    expect(long).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files.flatMap(functionsOf).filter((f) => f.lines > MAX_FUNCTION_LINES);
    expect(long).toEqual([]);
  });
});
