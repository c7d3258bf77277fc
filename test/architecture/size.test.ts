/**
 * Issue #16's size rule: no file over ~400 lines, no function over ~80, unless one comment says
 * why. Measured with the TypeScript parser, so a long arrow function counts as well as a method.
 * A function or file that has to be longer says so in a comment starting "Longer than".
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = resolve("src");
/** Everything but the generated code is held to the rule. */
const EXEMPT = join(SRC, "generated");
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;
const EXCUSE = /^\s*(\/\/|\/?\*+)\s*Longer than/m;

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === EXEMPT ? [] : filesIn(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const files = filesIn(SRC);

/** The comments just before `node`, as written. */
function leadingComments(node: ts.Node, text: string): string {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  return ranges.map((r) => text.slice(r.pos, r.end)).join("\n");
}

function longFunctions(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const lines = lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1;
      const excused = EXCUSE.test(leadingComments(node, text));
      if (lines > MAX_FUNCTION_LINES && !excused) {
        const name = node.name?.getText(source) ?? "(anonymous)";
        found.push(
          `${relative(SRC, path)}:${lineOf(node.getStart(source)) + 1} ${name}: ${lines} lines`,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("sizes in src/", () => {
  it(`no file over ${MAX_FILE_LINES} lines`, () => {
    const long = files.flatMap((path) => {
      const text = readFileSync(path, "utf8");
      const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      return lines > MAX_FILE_LINES && !EXCUSE.test(text.slice(0, 2000))
        ? [`${relative(SRC, path)}: ${lines} lines`]
        : [];
    });
    expect(long).toEqual([]);
  });

  it(`no function over ${MAX_FUNCTION_LINES} lines`, () => {
    expect(files.flatMap(longFunctions)).toEqual([]);
  });
});
