/**
 * The layers of src/ (docs/architecture.md): each unit imports only the units below it, and no
 * file is part of an import cycle. Read from the source text, so a new import that breaks the
 * order fails here before anyone has to find it by hand.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve("src");

/**
 * What each unit may import (besides itself). The entries are the package's own entry files
 * (src/index.ts, src/node.ts). Order, bottom first: core, generated and formats, schemas,
 * transport, readings and client, webapi and v3, entries, then simulator, sync and cli on top.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  generated: [],
  formats: ["core"],
  schemas: ["core", "generated"],
  transport: ["core", "schemas"],
  readings: ["core", "schemas", "transport"],
  client: ["core", "schemas", "transport"],
  webapi: ["core", "generated", "schemas", "transport", "readings", "client"],
  v3: ["core", "generated", "schemas", "transport", "readings", "client"],
  entries: [
    "core",
    "generated",
    "formats",
    "schemas",
    "transport",
    "readings",
    "client",
    "webapi",
    "v3",
  ],
  simulator: ["core", "generated", "formats"],
  sync: ["core", "entries"],
  cli: ["core", "formats", "entries", "simulator", "sync"],
};

interface SourceFile {
  path: string;
  unit: string;
  imports: string[];
}

function unitOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length === 1 ? "entries" : (parts[0] as string);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Relative imports and re-exports of a file, resolved to the .ts files they name. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const specifiers = [
    ...text.matchAll(/\b(?:import|export)\b[^;"']*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g),
    ...text.matchAll(/\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g),
    ...text.matchAll(/^\s*import\s*["'](\.{1,2}\/[^"']+)["']/gm),
  ].map((m) => m[1] as string);
  return specifiers
    .map((s) => resolve(dirname(path), s.replace(/\.js$/, ".ts")))
    .filter((target) => target.startsWith(SRC + sep) && target.endsWith(".ts"));
}

const files: SourceFile[] = sourceFiles(SRC).map((path) => ({
  path,
  unit: unitOf(path),
  imports: importsOf(path),
}));

describe("layers of src/", () => {
  it("knows every unit", () => {
    const units = [...new Set(files.map((f) => f.unit))].sort();
    expect(units.filter((u) => !(u in ALLOWED))).toEqual([]);
  });

  it("each unit imports only the units below it", () => {
    const upward: string[] = [];
    for (const file of files) {
      for (const target of file.imports) {
        const unit = unitOf(target);
        if (unit !== file.unit && !ALLOWED[file.unit]?.includes(unit)) {
          upward.push(
            `${relative(SRC, file.path)} (${file.unit}) imports ${relative(SRC, target)} (${unit})`,
          );
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it("no file is part of an import cycle", () => {
    const graph = new Map(files.map((f) => [f.path, f.imports]));
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (path: string) => {
      state.set(path, "open");
      stack.push(path);
      for (const next of graph.get(path) ?? []) {
        if (state.get(next) === "open") {
          const cycle = [...stack.slice(stack.indexOf(next)), next];
          cycles.push(cycle.map((p) => relative(SRC, p)).join(" → "));
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(path, "done");
    };
    for (const file of files) if (!state.has(file.path)) visit(file.path);
    expect(cycles).toEqual([]);
  });
});
