/**
 * The `dcs` command: a thin layer over the public clients. Each command connects, does one
 * thing, and reports failures in one line with the server's own words and a hint.
 *
 * Exit codes: 0 success; 1 a request or an export failed; 2 wrong usage; 3 authentication
 * refused; 130 interrupted (Ctrl-C).
 */
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { Command, InvalidArgumentError, Option } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import {
  DcsArgumentError,
  DcsAuthError,
  DcsForbiddenError,
  DcsNetworkError,
  DcsRateLimitError,
  DcsTimeoutError,
  PERIOD_TYPES,
  type PeriodType,
} from "../index.js";
import { addPeriods, periodsBetween } from "../readings/periods.js";
import { toInstant } from "../readings/time.js";
import {
  type CliReadingsQuery,
  type CliSource,
  type Connection,
  type ConnectOptions,
  connect,
  parseCliSource,
  UsageError,
} from "./connect.js";
import { runDemo } from "./demo.js";
import { runExport } from "./export.js";
import { type Row, type RowShape, table, writeReadings } from "./output.js";
import { createProgress, progressMode } from "./progress.js";

export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, interrupted: 130 } as const;

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
  new Option("--period <type>", "integration period")
    .choices([...PERIOD_TYPES])
    .default("halfHour");

/** The hint that follows an error's one line. */
function hintFor(error: unknown): string {
  if (error instanceof DcsAuthError)
    return "check DCS_USERNAME and the password; a session may also have expired";
  if (error instanceof DcsForbiddenError)
    return "this account may not read that meter (restriction profile or expiry)";
  if (error instanceof DcsRateLimitError)
    return "the server is rate limiting: wait a little, or use fewer --jobs";
  if (error instanceof DcsTimeoutError) return "try a shorter range or a smaller --max-window-days";
  if (error instanceof DcsNetworkError)
    return "check DCS_URL / DCS_V3_URL and that the server is reachable";
  if (error instanceof DcsArgumentError || error instanceof UsageError) return 'see "dcs --help"';
  return "";
}

function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof DcsArgumentError) return EXIT.usage;
  if (error instanceof DcsAuthError) return EXIT.auth;
  return EXIT.failed;
}

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = hintFor(error);
  return hint ? `${message} (${hint})` : message;
}

/** Runs the command line and resolves with the exit code. */
export async function runCli(io: CliIo): Promise<number> {
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted); // a second Ctrl-C: leave now
    io.stderr.write("\ndcs: interrupted, cleaning up (Ctrl-C again to force)\n");
    interrupt.abort(new Error("interrupted"));
  };
  process.on("SIGINT", onSigint);
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, interrupt.signal, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  try {
    await program.parseAsync(io.argv, { from: "user" });
  } catch (error) {
    const verbose = program.opts<GlobalOptions>().verbose;
    if (interrupt.signal.aborted) return EXIT.interrupted;
    if (error instanceof Error && "exitCode" in error && typeof error.exitCode === "number") {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage; // commander already printed it
    }
    io.stderr.write(`dcs: ${describeError(error)}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return exitCodeFor(error);
  } finally {
    process.off("SIGINT", onSigint);
  }
  return interrupt.signal.aborted ? EXIT.interrupted : exitCode;
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
  DCS_USERNAME    sign in as this user (omit for the public endpoints of DCS_URL)
  DCS_PASSWORD    the password (or pipe it with --password-stdin; never as an argument)

Exit codes: 0 ok, 1 a request or export failed, 2 wrong usage, 3 authentication refused, 130 interrupted.`,
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
        new Option("--format <format>", "complete adds totals and period values (registers only)")
          .choices(["standard", "complete"])
          .default("standard"),
      )
      .option("--no-calibrated", "do not apply calibration readings")
      .option("--no-interpolated", "do not fill gaps")
      .option(
        "--max-window-days <days>",
        "longest span of one request",
        positiveInt("--max-window-days"),
      );

  const readingsQuery = (options: Record<string, unknown>): CliReadingsQuery => {
    const period = options.period as PeriodType;
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

  addReadingsOptions(
    program
      .command("readings")
      .description("stream readings of one or more registers (R<id>) or virtual meters (VM<id>)")
      .argument("<id...>", "readings ids, e.g. R733 VM9"),
  )
    .option("-o, --output <file>", "write to a file instead of stdout")
    .addOption(
      new Option("--as <format>", "output format")
        .choices(["csv", "ndjson", "json"])
        .default("csv"),
    )
    .action(async (ids: string[], options) => {
      const sources = ids.map(parseCliSource);
      const query = readingsQuery(options);
      const out: Writable = options.output ? createWriteStream(options.output) : io.stdout;
      await withConnection(async (c) => {
        const rows = taggedRows(c, sources, query, signal);
        const first = await rows.next();
        if (first.done) return;
        const { shape } = first.value;
        const multi = sources.length > 1;
        const outShape: RowShape<Tagged> = {
          columns: multi ? ["id", ...shape.columns] : shape.columns,
          cells: (t) => (multi ? [t.wire, ...shape.cells(t.row)] : shape.cells(t.row)),
          time: (t) => shape.time(t.row),
          measure: (t) => shape.measure(t.row),
        };
        await writeReadings(prepend(first.value, rows), outShape, options.as, out);
      });
      if (options.output) {
        out.end();
        await finished(out);
      }
    });

  addReadingsOptions(
    program
      .command("export")
      .description(
        "one file per register and virtual meter, atomically written; re-running resumes",
      ),
  )
    .option("--all", "every register and virtual meter the account can see")
    .option("--ids <id...>", "readings ids, e.g. R733 VM9")
    .requiredOption("--dir <dir>", "output folder")
    .option(
      "--jobs <n>",
      "clients working in parallel, one request in flight each",
      positiveInt("--jobs"),
      2,
    )
    .addOption(new Option("--as <format>", "file format").choices(["csv", "ndjson"]).default("csv"))
    .action(async (options) => {
      if (Boolean(options.all) === Boolean(options.ids))
        throw new UsageError("Give either --all or --ids");
      const query = readingsQuery(options);
      const sources: CliSource[] = options.ids
        ? (options.ids as string[])
            .flatMap((s) => s.split(","))
            .filter(Boolean)
            .map(parseCliSource)
        : await withConnection(async (c) => {
            const [meters, vms] = await Promise.all([c.meters(), c.virtualMeters()]);
            return [
              ...meters.flatMap((m) => m.registers.map((r) => parseCliSource(`R${r.id}`))),
              ...vms.map((v) => parseCliSource(`VM${v.id}`)),
            ];
          });
      const expected = periodsBetween(query.start.getTime(), query.end.getTime(), query.period);
      const progress = createProgress(
        progressMode(io.stderr, globals().quiet ?? false),
        io.stderr,
        expected,
      );
      const outcomes = await runExport(sources, {
        dir: options.dir,
        jobs: options.jobs,
        as: options.as,
        query,
        connect: () => connect(connectOptions()),
        progress,
        signal,
      }).finally(() => progress.stop());
      const count = (status: string) => outcomes.filter((o) => o.status === status);
      const written = count("written");
      const failed = count("failed");
      const rows = written.reduce((sum, o) => sum + o.rows, 0);
      for (const f of failed)
        io.stderr.write(`dcs: ${f.source.wire} failed: ${describeError(f.error)}\n`);
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
): AsyncGenerator<Tagged> {
  let columns: string | undefined;
  for (const source of sources) {
    const opened = await connection.readings(source, query, signal);
    const these = opened.shape.columns.join(",");
    if (columns !== undefined && columns !== these) {
      await opened.readings.cancel();
      throw new UsageError(
        `${source.wire} has other columns (${these}) than the sources before it; export them separately`,
      );
    }
    columns = these;
    for await (const row of opened.readings) yield { wire: source.wire, row, shape: opened.shape };
  }
}

async function* prepend<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}
