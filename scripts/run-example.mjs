#!/usr/bin/env node
// Runs one of the TypeScript examples in examples/node without a TypeScript runtime: esbuild
// (already here for the build) strips the types into .tmp/examples/, then Node runs the result.
// `coherent-dcs` stays an import, so the example uses the built package (npm run build first).
//
//   npm run example -- list-sources
//   node scripts/run-example.mjs max-demand VM1 2024-01-01 2024-02-01
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const [name, ...args] = process.argv.slice(2);
const examples = readdirSync(`${root}/examples/node`)
  .filter((file) => file.endsWith(".ts") && file !== "connect.ts")
  .map((file) => file.slice(0, -3));

if (!name || !examples.includes(name)) {
  console.error(`usage: npm run example -- <${examples.join(" | ")}> [arguments]`);
  process.exit(2);
}
if (!existsSync(`${root}/dist/index.js`)) {
  console.error("the examples use the built package: run `npm run build` first");
  process.exit(2);
}

const outfile = `${root}/.tmp/examples/node/${name}.mjs`;
await build({
  entryPoints: [`${root}/examples/node/${name}.ts`],
  outfile,
  bundle: true, // only to inline ./connect.ts; packages stay imports
  packages: "external",
  tsconfigRaw: {}, // not tsconfig.json: its paths point `coherent-dcs` at src/ for tsc only
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "error",
});

const child = spawn(process.execPath, [outfile, ...args], { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
