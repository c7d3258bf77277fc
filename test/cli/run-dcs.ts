/**
 * Runs the real `dcs` command (the bundle of build-cli.ts) as a separate process, with only
 * the environment given, and collects what it printed.
 */
import { spawn } from "node:child_process";
import { CLI_BUNDLE } from "./build-cli.js";

export interface DcsRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every byte any run printed, for tests that check a secret never appears. */
export const printed: string[] = [];

export function runDcs(
  args: string[],
  env: Record<string, string> = {},
  stdin = "",
): Promise<DcsRun> {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  child.stdin.end(stdin);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      printed.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** The rows of a CSV without quoted cells, as objects by column. */
export function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  return lines.map((line) =>
    Object.fromEntries(line.split(",").map((cell, i) => [columns[i], cell])),
  );
}
