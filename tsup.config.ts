import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library entry: browser-safe `coherent-dcs`.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    platform: "neutral",
    splitting: false,
    treeshake: true,
  },
]);
