/**
 * The `dcs` command: a thin layer over the public clients. Each command connects, does one
 * thing, and reports failures in one line with the server's own words and a hint. Exit
 * codes are in errors.ts.
 */
import type { Writable } from "node:stream";
import { Command, InvalidArgumentError, Option } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { addPeriods, parsePeriodType, periodsBetween } from "../core/periods.js";
import { toInstant } from "../core/time.js";
import { PERIOD_TYPES } from "../node.js";
import {
  allSources,
  type CliReadingsQuery,
  type CliSource,
  type Connection,
  type ConnectOptions,
  connect,
  describeSources,
  parseCliSource,
} from "./connect.js";
import { runDemo } from "./demo.js";
import { describeError, EXIT, exitCodeFor, UsageError } from "./errors.js";
import { runExport } from "./export.js";
import { writeWhole } from "./files.js";
import { type Row, type RowShape, table, writeReadings } from "./output.js";
import { createProgress, type Progress, progressMode } from "./progress.js";

/** Where a run reads and writes; tests pass their own. */
export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream & import("node:stream").Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** For tests: a fetch to use instead of the network. */
  fetch?: (request: Request) => Promise<Response>;
}

interface GlobalOptions {
  passwordStdin?: boolean;
  insecureHttp?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a whole number >= 1`);
  return n;
};

const periodOption = () =>
  new Option("--period <type>", `integration period: ${PERIOD_TYPES.join(", ")} (any case)`)
    .argParser((value: string) => {
      const period = parsePeriodType(value);
      if (!period) throw new InvalidArgumentError(`use one of ${PERIOD_TYPES.join(", ")}`);
      return period;
    })
    .default("halfHour");

/**
 * Runs the command line and resolves with the exit code. Ctrl-C, and the reader of stdout
 * going away (`dcs readings … | head -1`), stop the work at once: the requests are cancelled,
 * partial files removed and the session signed out before it resolves.
 */
export async function runCli(io: CliIo): Promise<number> {
  const stop = new AbortController();
  let interrupted = false;
  let outputError: NodeJS.ErrnoException | undefined;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.interrupted); // a second Ctrl-C: leave now
    interrupted = true;
    io.stderr.write("\ndcs: interrupted, cleaning up (Ctrl-C again to force)\n");
    stop.abort(new Error("interrupted"));
  };
  const onOutputError = (error: NodeJS.ErrnoException) => {
    outputError ??= error;
    stop.abort(error);
  };
  process.on("SIGINT", onSigint);
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
  try {
    await program.parseAsync(io.argv, { from: "user" });
  } catch (error) {
    if (outputError) return outputFailure(outputError);
    if (interrupted) return EXIT.interrupted;
    if (error instanceof Error && "exitCode" in error && typeof error.exitCode === "number") {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage; // commander already printed it
    }
    io.stderr.write(`dcs: ${describeError(error)}\n`);
    const verbose = program.opts<GlobalOptions>().verbose;
    if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  } finally {
    process.off("SIGINT", onSigint);
    io.stdout.off("error", onOutputError);
  }
  if (outputError) return outputFailure(outputError);
  return interrupted ? EXIT.interrupted : exitCode;
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
    .addHelpText(
      "after",
      `
Environment:
  DCS_URL         root of the current DCS Web API, e.g. https://dcs.example.org/DCSWebApi
  DCS_V3_URL      or: the legacy DCS address, e.g. https://dcs.example.org/DCS
  DCS_USERNAME    sign in as this user (omit, with DCS_PASSWORD, for the public endpoints of DCS_URL)
  DCS_PASSWORD    the password (or pipe it with --password-stdin; never as an argument)
A session that expires during a long job is signed in again.

Exit codes: 0 ok (also when the reader of stdout closes it early, as "| head" does), 1 a request,
an export or writing failed, 2 wrong usage, 3 authentication refused, 130 interrupted.`,
    );

  const globals = () => program.opts<GlobalOptions>();
  const connectOptions = (): ConnectOptions => ({
    env: io.env,
    stdin: io.stdin,
    passwordStdin: globals().passwordStdin ?? false,
    insecureHttp: globals().insecureHttp ?? false,
    ...(globals().verbose ? { logger: (line: string) => io.stderr.write(`  ${line}\n`) } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  /** Connects, runs `work`, and always signs out. */
  const withConnection = async <T>(work: (c: Connection) => Promise<T>): Promise<T> => {
    const connection = await connect(connectOptions());
    try {
      return await work(connection);
    } finally {
      await connection.close();
    }
  };
  const listFormat = (options: { json?: boolean; ndjson?: boolean }) =>
    options.ndjson ? "ndjson" : options.json || !io.stdout.isTTY ? "json" : "table";
  const printList = (format: string, items: unknown[], asTable: () => string) => {
    if (format === "table") io.stdout.write(`${asTable()}\n`);
    else if (format === "ndjson")
      io.stdout.write(items.map((i) => `${JSON.stringify(i)}\n`).join(""));
    else io.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
  };

  program
    .command("meters")
    .description("list meters with their registers (use the R<id> of a register for readings)")
    .option("--json", "JSON array")
    .option("--ndjson", "one JSON object per line")
    .action((options) =>
      withConnection(async (c) => {
        const meters = await c.meters();
        printList(listFormat(options), meters, () =>
          table(
            ["readings id", "register", "unit", "meter", "meter status"],
            meters.flatMap((m) =>
              m.registers.map((r) => [`R${r.id}`, r.name, r.unit, m.name, m.status]),
            ),
          ),
        );
      }),
    );

  program
    .command("virtual-meters")
    .description("list virtual meters (use VM<id> for readings)")
    .option("--json", "JSON array")
    .option("--ndjson", "one JSON object per line")
    .action((options) =>
      withConnection(async (c) => {
        const vms = await c.virtualMeters();
        printList(listFormat(options), vms, () =>
          table(
            ["readings id", "name", "unit", "expression"],
            vms.map((v) => [`VM${v.id}`, v.name, v.unit, v.expression]),
          ),
        );
      }),
    );

  program
    .command("find")
    .description(
      "find meters, registers and virtual meters by name, and print the ids to use for readings",
    )
    .argument("<text>", "part of a name (case-insensitive)")
    .option("--json", "JSON array")
    .action((text: string, options) =>
      withConnection(async (c) => {
        const needle = text.toLowerCase();
        const [meters, vms] = await Promise.all([c.meters(), c.virtualMeters()]);
        const rows: { id: string; kind: string; name: string; unit: string }[] = [];
        for (const m of meters) {
          const meterMatches = m.name.toLowerCase().includes(needle);
          for (const r of m.registers) {
            if (meterMatches || r.name.toLowerCase().includes(needle)) {
              rows.push({
                id: `R${r.id}`,
                kind: "register",
                name: `${m.name}: ${r.name}`,
                unit: r.unit,
              });
            }
          }
        }
        for (const v of vms) {
          if (v.name.toLowerCase().includes(needle))
            rows.push({ id: `VM${v.id}`, kind: "virtual meter", name: v.name, unit: v.unit });
        }
        if (options.json) {
          io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        } else if (rows.length === 0) {
          io.stderr.write(`No meter, register or virtual meter name contains "${text}".\n`);
          setExit(EXIT.failed);
        } else {
          io.stdout.write(
            `${table(
              ["readings id", "kind", "name", "unit"],
              rows.map((r) => [r.id, r.kind, r.name, r.unit]),
            )}\n`,
          );
          io.stderr.write(
            "Use these R…/VM… ids for readings: a meter's own id is not a readings id.\n",
          );
        }
      }),
    );

  const addReadingsOptions = (command: Command) =>
    command
      .requiredOption(
        "--start <date>",
        'start (inclusive): "yyyy-mm-dd" (midnight UTC) or ISO 8601 with a zone',
      )
      .option("--end <date>", "end (exclusive)")
      .option(
        "--count <n>",
        "number of periods from --start (instead of --end)",
        positiveInt("--count"),
      )
      .addOption(periodOption())
      .addOption(
        new Option(
          "--format <format>",
          "standard: value and consumption; complete: the server's totalValue and periodValue (registers only)",
        )
          .choices(["standard", "complete"])
          .default("standard"),
      )
      .option("--no-calibrated", "do not apply calibration readings")
      .option("--no-interpolated", "do not fill gaps")
      .option(
        "--max-window-days <days>",
        "longest span of one request",
        positiveInt("--max-window-days"),
      )
      .addHelpText(
        "after",
        `
Columns (current API, --format standard):
  timestamp     start of the period, UTC
  value         what DCS calls the value: a register's running total (the meter reading),
                an instantaneous register's reading, a virtual meter's value for the period
  consumption   the use in the period, comparable between registers and virtual meters
                (a register's periodValue; a virtual meter's value); empty for instantaneous
                sources. Sum or compare this column, not value.
  status        bits: 1 interpolated, 2 register reset
Virtual meter values are written to their decimal places. The legacy API (DCS_V3_URL) writes
its own fields: startTime, duration, totalValue, periodValue (the consumption), ...`,
      );

  const readingsQuery = (options: Record<string, unknown>): CliReadingsQuery => {
    const period = options.period as CliReadingsQuery["period"];
    const start = toInstant(options.start as string, "--start");
    if ((options.end === undefined) === (options.count === undefined)) {
      throw new UsageError("Give --end or --count (one of them) with --start");
    }
    const end =
      options.end !== undefined
        ? toInstant(options.end as string, "--end")
        : addPeriods(start, period, options.count as number);
    return {
      start: new Date(start),
      end: new Date(end),
      period,
      format: options.format as "standard" | "complete",
      calibrated: options.calibrated as boolean,
      interpolated: options.interpolated as boolean,
      ...(options.maxWindowDays ? { maxWindowDays: options.maxWindowDays as number } : {}),
    };
  };
  const progressFor = (query: CliReadingsQuery) =>
    createProgress(
      progressMode(io.stderr, globals()),
      io.stderr,
      periodsBetween(query.start.getTime(), query.end.getTime(), query.period),
    );

  addReadingsOptions(
    program
      .command("readings")
      .description("stream readings of one or more registers (R<id>) or virtual meters (VM<id>)")
      .argument("<id...>", "readings ids, e.g. R768 VM11"),
  )
    .option(
      "-o, --output <file>",
      "write to a file (under a temporary name until complete) instead of stdout",
    )
    .addOption(
      new Option("--as <format>", "output format")
        .choices(["csv", "ndjson", "json"])
        .default("csv"),
    )
    .action(async (ids: string[], options) => {
      const sources = ids.map(parseCliSource);
      const query = readingsQuery(options);
      const progress = options.output ? progressFor(query) : undefined;
      const writeAll = (out: Writable) =>
        withConnection(async (c) => {
          const described = await describeSources(c, sources);
          const multi = sources.length > 1;
          const columns = c.columns(query);
          const shape: RowShape<Tagged> = {
            columns: multi ? ["id", ...columns] : columns,
            cells: (t) => (multi ? [t.wire, ...t.shape.cells(t.row)] : t.shape.cells(t.row)),
            time: (t) => t.shape.time(t.row),
            measure: (t) => t.shape.measure(t.row),
          };
          await writeReadings(
            taggedRows(c, described, query, signal, progress),
            shape,
            options.as,
            out,
          );
        });
      if (!options.output) return writeAll(io.stdout);
      await writeWhole(options.output, writeAll).finally(() => progress?.stop());
    });

  addReadingsOptions(
    program
      .command("export")
      .description(
        "one file per register and virtual meter, each written whole; re-running resumes exactly",
      ),
  )
    .option("--all", "every register and virtual meter the account can see")
    .option("--ids <id...>", "readings ids, e.g. R768 VM11")
    .requiredOption("--dir <dir>", "output folder")
    .option(
      "--jobs <n>",
      "clients working in parallel, one request in flight each",
      positiveInt("--jobs"),
      2,
    )
    .addOption(new Option("--as <format>", "file format").choices(["csv", "ndjson"]).default("csv"))
    .option("--force", "replace files of another export (other range, period, format or options)")
    .addHelpText(
      "after",
      `
The folder records what each file holds (.dcs-export.jsonl): a re-run skips a file only if it
holds exactly this export's readings, exports again what is missing or changed, and refuses to
start (exit 2) if files of another export are in the way, unless --force. One export at a time
may use a folder (.dcs-export.lock). Instantaneous sources have half-hours only: with another
--period they are skipped, with a note.`,
    )
    .action(async (options) => {
      if (Boolean(options.all) === Boolean(options.ids))
        throw new UsageError("Give either --all or --ids");
      const query = readingsQuery(options);
      const wanted = options.ids
        ? (options.ids as string[])
            .flatMap((s) => s.split(","))
            .filter(Boolean)
            .map(parseCliSource)
        : undefined;
      const listed = await withConnection((c) =>
        wanted ? describeSources(c, wanted) : allSources(c),
      );
      const halfHoursOnly =
        query.period === "halfHour" ? [] : listed.filter((s) => s.isInstantaneous);
      const sources = listed.filter((s) => !halfHoursOnly.includes(s));
      if (halfHoursOnly.length > 0) {
        const shown = halfHoursOnly.slice(0, 5).map((s) => s.wire);
        const more = halfHoursOnly.length - shown.length;
        io.stderr.write(
          `Skipped ${halfHoursOnly.length} instantaneous source(s), which have half-hours only ` +
            `(${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}): export them with --period halfHour.\n`,
        );
      }
      const progress = progressFor(query);
      const outcomes = await runExport(sources, {
        dir: options.dir,
        jobs: options.jobs,
        as: options.as,
        query,
        force: options.force ?? false,
        connect: () => connect(connectOptions()),
        progress,
        signal,
      }).finally(() => progress.stop());
      const count = (status: string) => outcomes.filter((o) => o.status === status);
      const written = count("written");
      const failed = count("failed");
      const rows = written.reduce((sum, o) => sum + o.rows, 0);
      io.stderr.write(
        `Exported ${written.length} file(s) (${rows.toLocaleString("en-GB")} readings) to ${options.dir}; ` +
          `skipped ${count("skipped").length} already complete; ${failed.length} failed; ${count("interrupted").length} interrupted.\n`,
      );
      if (failed.length > 0) setExit(EXIT.failed);
    });

  program
    .command("simulate")
    .description("start the built-in DCS simulator (both API generations) until Ctrl-C")
    .allowUnknownOption(true)
    .helpOption(false)
    .argument(
      "[options...]",
      "--port N --host H --meters N --seed N --rate-limit N --range-limit-days N --token-lifetime-seconds N --max-sessions N",
    )
    .action(async (args: string[]) => {
      const { runSimulatorCli } = await import("../simulator/cli.js");
      await runSimulatorCli(args);
    });

  program
    .command("demo")
    .description(
      "start the simulator, export a year of readings to ./demo-output and summarise them",
    )
    .option("--dir <dir>", "output folder", "demo-output")
    .action((options) =>
      runDemo({ dir: options.dir, stdout: io.stdout, stderr: io.stderr, signal }),
    );

  return program;
}

interface Tagged {
  wire: string;
  row: Row;
  shape: RowShape;
}

/** The rows of several sources, one after the other, each tagged with its source. */
async function* taggedRows(
  connection: Connection,
  sources: CliSource[],
  query: CliReadingsQuery,
  signal: AbortSignal,
  progress: Progress | undefined,
): AsyncGenerator<Tagged> {
  for (const source of sources) {
    const { shape, readings } = await connection.readings(source, query, signal);
    progress?.begin(source.wire);
    let rows = 0;
    for await (const row of readings) {
      rows++;
      progress?.advance(source.wire);
      yield { wire: source.wire, row, shape };
    }
    progress?.end(source.wire, rows); // a failure is reported once, as the command's error
  }
}
