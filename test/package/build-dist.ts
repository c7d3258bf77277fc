/**
 * Vitest global setup: the package tests and the examples use the built package (`dist/`), as
 * users do. Build it once if it is missing; an existing build is reused (run `npm run build`
 * after changing src/ to test the change).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const OUTPUTS = ["dist/index.js", "dist/index.d.ts", "dist/simulator.js"];

export default function setup(): void {
  if (OUTPUTS.every((file) => existsSync(file))) return;
  execFileSync(process.execPath, ["node_modules/tsup/dist/cli-default.js"], { stdio: "inherit" });
}
