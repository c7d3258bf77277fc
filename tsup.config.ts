import { defineConfig, type Options } from "tsup";

export default defineConfig([
  ...["index", "simulator"].map((name): Options => ({
    // The library entries, browser-safe: `coherent-dcs` and `coherent-dcs/simulator`. Built
    // one by one, so that each has whole type declarations of its own: both use the generated
    // API types, and shared declarations would go to a hash-named chunk that Deno cannot
    // resolve from a `.d.ts`.
    entry: { [name]: name === "index" ? "src/index.ts" : "src/simulator/index.ts" },
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
  })),
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
