/**
 * Vitest global setup: bundles the `dcs` entry once (as tsup does for dist/cli.js, minus the
 * type declarations) so CLI tests spawn the real command as a separate process.
 */
import { build } from "esbuild";

export const CLI_BUNDLE = ".tmp/test-cli/cli.mjs";

export default async function setup(): Promise<void> {
  await build({
    entryPoints: ["src/cli/bin.ts"],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "error",
  });
}
