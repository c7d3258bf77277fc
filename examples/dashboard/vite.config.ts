/**
 * Vite config of the dashboard example. `coherent-dcs` resolves to this repository's source,
 * so the example runs without publishing or building the package.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("."),
  resolve: {
    alias: [{ find: /^coherent-dcs$/, replacement: here("../../src/index.ts") }],
  },
  server: { host: "127.0.0.1" },
  build: { target: "es2022" },
});
