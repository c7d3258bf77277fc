import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library entries: browser-safe `coherent-dcs` and `coherent-dcs/simulator`.
    entry: { index: "src/index.ts", simulator: "src/simulator/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    splitting: false,
    treeshake: true,
    // zod's package entry loads all of its ~65 locale files (about 8 MB of heap in Node);
    // bundled and tree-shaken, only the few validators the SDK uses remain. The .d.ts files
    // still import zod's types, so it stays a dependency.
    noExternal: ["zod"],
  },
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
    banner: { js: "#!/usr/bin/env node" },
    noExternal: ["zod"],
  },
]);
