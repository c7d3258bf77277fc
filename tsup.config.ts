import { defineConfig, type Options } from "tsup";

/**
 * A library entry, browser-safe (`coherent-dcs`, `coherent-dcs/simulator`). Each is built on
 * its own so that it has whole type declarations: both use the generated API types, and
 * declarations they shared would go to a hash-named chunk that Deno cannot resolve.
 */
function library(name: string, entry: string): Options {
  return {
    entry: { [name]: entry },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "es2022",
    platform: "neutral",
    splitting: false,
    treeshake: true,
    // zod is bundled, so users never install it: its package entry loads all of its ~65
    // locale files (about 8 MB of heap in Node), while bundled and tree-shaken only the few
    // validators the SDK uses remain. No public type mentions zod (src/schemas/types.ts).
    noExternal: ["zod"],
  };
}

export default defineConfig([
  library("index", "src/index.ts"),
  library("simulator", "src/simulator/index.ts"),
  {
    // The Node build of `coherent-dcs` (package.json's "node" condition): the same API, with
    // requests on node:http. Its types are the library entry's, so no .d.ts of its own.
    entry: { node: "src/node.ts" },
    format: ["esm", "cjs"],
    sourcemap: true,
    target: "node20",
    platform: "node",
    treeshake: true,
    noExternal: ["zod"],
  },
  {
    // `coherent-dcs/sync` (Node only). Its database drivers are optional peers, loaded when a
    // store of theirs is opened, so they stay out of the bundle.
    entry: { sync: "src/sync/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    platform: "node",
    treeshake: true,
    external: ["better-sqlite3", "pg"],
  },
  {
    // The `dcs` command (Node only).
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    platform: "node",
    // commander is bundled too: only the command needs it, so an SDK user never installs it.
    // It is CommonJS and requires Node's built-ins, which an ES module bundle can only do
    // through a `require` of its own.
    banner: {
      js: [
        "#!/usr/bin/env node",
        'import { createRequire } from "node:module";',
        "const require = createRequire(import.meta.url);",
      ].join("\n"),
    },
    noExternal: ["zod", "commander"],
  },
]);
