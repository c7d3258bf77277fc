/**
 * The `dcs` command: a thin layer over the public clients. Each command connects, does one
 * thing, and reports failures in one line with the server's own words and a hint. Exit
 * codes are in errors.ts.
 *
 * One module per command: `commands/<name>.ts` exports
 * `add<Name>Command(program: Command, context: CliContext): void`, which adds the command,
 * its options (all through commander) and its action to `program`. A command gets all it
 * needs from the `CliContext` (context.ts): `io`, the run's `signal`, `connect()` /
 * `connectOptions()` / `withConnection()`, `setExit(code)`, `quiet()`, `verbose()` and
 * `progress()`. The pieces commands share sit beside them: connect.ts (environment to
 * connection, readings ids), sources.ts (ids, meters and groups to sources), options.ts,
 * output.ts, dcs-layouts.ts (DCS's own file layouts), progress.ts, files.ts, exporter.ts and
 * export-folder.ts, errors.ts. A new command is a new module and one line in `COMMANDS`.
 */
import type { Writable } from "node:stream";
import { Command } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { addDemoCommand } from "./commands/demo.js";
import { addExportCommand } from "./commands/export.js";
import { addFindCommand } from "./commands/find.js";
import { addImportCommand } from "./commands/import.js";
import { addMetersCommand } from "./commands/meters.js";
import { addReadingsCommand } from "./commands/readings.js";
import { addSimulateCommand } from "./commands/simulate.js";
import { addSyncCommand } from "./commands/sync.js";
import { addTreeCommand } from "./commands/tree.js";
import { addVirtualMetersCommand } from "./commands/virtual-meters.js";
import { type CliContext, type CliIo, createContext, type GlobalOptions } from "./context.js";
import { describeError, EXIT, exitCodeFor } from "./errors.js";

/** The commands, in the order `dcs --help` lists them. */
const COMMANDS: readonly ((program: Command, context: CliContext) => void)[] = [
  addMetersCommand,
  addVirtualMetersCommand,
  addFindCommand,
  addTreeCommand,
  addReadingsCommand,
  addExportCommand,
  addImportCommand,
  addSyncCommand,
  addSimulateCommand,
  addDemoCommand,
];

const HELP_AFTER = `
Environment:
  DCS_URL         root of the current DCS Web API, e.g. https://dcs.example.org/DCSWebApi
  DCS_V3_URL      or: the legacy DCS address, e.g. https://dcs.example.org/DCS
  DCS_USERNAME    sign in as this user (omit, with DCS_PASSWORD, for the public endpoints of DCS_URL)
  DCS_PASSWORD    the password (or pipe it with --password-stdin; never as an argument)
A session that expires during a long job is signed in again.

Exit codes: 0 ok (also when the reader of stdout closes it early, as "| head" does), 1 a request,
an export or writing failed, 2 wrong usage, 3 authentication refused, 130 interrupted.`;

/**
 * Runs the command line and resolves with the exit code. Ctrl-C (or `io.signal`), and the
 * reader of stdout going away (`dcs readings … | head -1`), stop the work at once: the
 * requests are cancelled, partial files removed and the session signed out before it resolves.
 */
export async function runCli(io: CliIo): Promise<number> {
  const stop = new AbortController();
  let interrupted = false;
  let outputError: NodeJS.ErrnoException | undefined;
  const interrupt = (note: string) => {
    interrupted = true;
    io.stderr.write(`\ndcs: interrupted, cleaning up${note}\n`);
    stop.abort(new Error("interrupted"));
  };
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.interrupted); // a second Ctrl-C: leave now
    interrupt(" (Ctrl-C again to force)");
  };
  const onAbort = () => {
    if (!interrupted) interrupt("");
  };
  const onOutputError = (error: NodeJS.ErrnoException) => {
    outputError ??= error;
    stop.abort(error);
  };
  process.on("SIGINT", onSigint);
  io.signal?.addEventListener("abort", onAbort);
  io.stdout.on("error", onOutputError);
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, stop.signal, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  /** A closed pipe means the reader has all it wants (as for `head`); other errors are failures. */
  const outputFailure = (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") return EXIT.ok;
    io.stderr.write(`dcs: cannot write the readings to standard output: ${error.message}\n`);
    return EXIT.failed;
  };
  let failure: { error: unknown } | undefined;
  try {
    if (io.signal?.aborted) onAbort();
    await program.parseAsync(io.argv, { from: "user" });
  } catch (error) {
    failure = { error };
  } finally {
    await settled(io.stdout); // a failure of the last writes is this run's too
    process.off("SIGINT", onSigint);
    io.signal?.removeEventListener("abort", onAbort);
    io.stdout.off("error", onOutputError);
  }
  if (outputError) return outputFailure(outputError);
  if (interrupted) return EXIT.interrupted;
  return failure ? failureCode(failure.error, io, program) : exitCode;
}

/** Reports why the command failed, and the exit code that says so. */
function failureCode(error: unknown, io: CliIo, program: Command): number {
  if (error instanceof Error && "exitCode" in error && typeof error.exitCode === "number") {
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage; // commander already printed it
  }
  io.stderr.write(`dcs: ${describeError(error)}\n`);
  const verbose = program.opts<GlobalOptions>().verbose;
  if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return exitCodeFor(error);
}

/**
 * Resolves once what was written to `out` has gone or failed, and a failure's "error" event
 * (which a stream emits a tick after the failed write) has been seen.
 */
function settled(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const after = () => setImmediate(resolve);
    if (out.destroyed || out.writableEnded) after();
    else out.write("", after);
  });
}

function buildProgram(io: CliIo, signal: AbortSignal, setExit: (code: number) => void): Command {
  const program = new Command("dcs")
    .description(
      "Meters and readings from Coherent Research DCS servers (current Web API and legacy v3).",
    )
    .version(packageJson.version)
    .option("--password-stdin", "read the password from standard input (instead of DCS_PASSWORD)")
    .option("--insecure-http", "allow sending credentials over plain http to a non-loopback host")
    .option("-v, --verbose", "log each request to stderr, and show stack traces")
    .option("-q, --quiet", "no progress output")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText("after", HELP_AFTER);
  const context = createContext(io, signal, () => program.opts<GlobalOptions>(), setExit);
  for (const addCommand of COMMANDS) addCommand(program, context);
  return program;
}
