/**
 * Two ways to run `dcs` in tests, with only the environment given, collecting what it printed.
 *
 * - `runDcs` runs the command line in this process: `runCli`, the function the executable
 *   (src/cli/bin.ts) calls with the process's own streams, here with streams that collect.
 *   Most tests check what a run prints and writes; a process of its own would cost each of
 *   them Node's start-up, most of a short run's time.
 * - `startDcs` spawns the real executable (the bundle of build-cli.ts), for what only a
 *   process shows: signals and kill -9, a pipe the reader closes, the exit status, the
 *   environment as the process sees it (the PostgreSQL driver reads PGPASSWORD itself),
 *   the bundle itself.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Readable, Writable } from "node:stream";
import type { CliIo } from "../../src/cli/context.js";
import { nodeFetch } from "../../src/transport/node-http.js";
import { currentPlatformFetch, setPlatformFetch } from "../../src/transport/platform.js";
import { CLI_BUNDLE } from "./build-cli.js";

export interface DcsRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every byte any run printed, for tests that check a secret never appears. */
export const printed: string[] = [];

/** A stream that keeps what is written to it (not a terminal, as a pipe or file is not). */
class Collected extends Writable {
  readonly #chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.#chunks.push(Buffer.from(chunk));
    done();
  }
  get text(): string {
    return Buffer.concat(this.#chunks).toString("utf8");
  }
}

/**
 * Runs the command line in this process on `io`, as the executable runs it on its own streams.
 * Its requests go out on node:http, as the executable's do; then the HTTP stack this process
 * had is put back (the command line imports the SDK's Node entry, which would switch the
 * whole process for good, and the files of a worker share it).
 */
export async function runCliHere(io: CliIo): Promise<number> {
  const before = currentPlatformFetch();
  const { runCli } = await import("../../src/cli/main.js");
  setPlatformFetch(nodeFetch);
  try {
    return await runCli(io);
  } finally {
    setPlatformFetch(before);
  }
}

/** Runs `dcs args…` in this process and resolves when it has finished. */
export async function runDcs(
  args: string[],
  env: Record<string, string> = {},
  stdin = "",
): Promise<DcsRun> {
  const stdout = new Collected();
  const stderr = new Collected();
  const input = Readable.from([Buffer.from(stdin)], { objectMode: false }); // bytes, as a pipe gives
  const code = await runCliHere({ argv: args, env, stdin: input, stdout, stderr });
  const run = { code, stdout: stdout.text, stderr: stderr.text };
  printed.push(run.stdout, run.stderr);
  return run;
}

/**
 * Spawns the `dcs` executable. `stdout` may be a file descriptor to write to instead of a
 * pipe; `done` resolves when the process has exited and its output is read.
 */
export function startDcs(
  args: string[],
  env: Record<string, string> = {},
  stdin = "",
  stdout: "pipe" | number = "pipe",
): { child: ChildProcess; done: Promise<DcsRun> } {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", stdout, "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  child.stdin?.end(stdin);
  const done = new Promise<DcsRun>((resolve) =>
    child.on("close", (code) => {
      printed.push(out, err);
      resolve({ code, stdout: out, stderr: err });
    }),
  );
  return { child, done };
}

/** Spawns the `dcs` executable and resolves with what it printed once it has exited. */
export const spawnDcs = (args: string[], env: Record<string, string> = {}, stdin = "") =>
  startDcs(args, env, stdin).done;

/** The rows of a CSV without quoted cells, as objects by column. */
export function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split("\n");
  const columns = (header ?? "").split(",");
  return lines.map((line) =>
    Object.fromEntries(line.split(",").map((cell, i) => [columns[i], cell])),
  );
}
