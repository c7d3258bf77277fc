/**
 * Vitest global setup: bundles the `dcs` entry once, as tsup does for dist/cli.js (minus the
 * type declarations and source maps), so CLI tests spawn the real command as a separate
 * process. Like dist/cli.js it bundles zod and commander, and keeps the other packages
 * (openapi-fetch, the optional database drivers) external: each of the ~100 spawns of the
 * suite then loads one file instead of resolving zod's and commander's module trees, which
 * takes about 40% off the command's start-up.
 */
import { build } from "esbuild";

export const CLI_BUNDLE = ".tmp/test-cli/cli.mjs";

/** Bundled into the command, as tsup.config.ts's `noExternal` for the cli entry. */
const BUNDLED = new Set(["zod", "commander"]);

export default async function setup(): Promise<void> {
  await build({
    entryPoints: ["src/cli/bin.ts"],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
    // commander is CommonJS and requires Node's built-ins: an ES module needs a `require`.
    banner: {
      js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);',
    },
    plugins: [
      {
        name: "external-packages-but-bundled",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith("node:")) return { external: true };
            const name = args.path.startsWith("@")
              ? args.path.split("/").slice(0, 2).join("/")
              : (args.path.split("/")[0] ?? args.path);
            return BUNDLED.has(name) ? undefined : { external: true };
          });
        },
      },
    ],
  });
}
