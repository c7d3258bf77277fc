/**
 * `dcs readings <id...>`: streams the readings of one or more sources to stdout, or with
 * `--output` to a file that is whole or absent (files.ts).
 */
import type { Writable } from "node:stream";
import { type Command, Option } from "commander";
import type { CliReadingsQuery, CliSource, Connection } from "../connect.js";
import type { CliContext } from "../context.js";
import { writeWhole } from "../files.js";
import { addReadingsOptions, addSelectionOptions, readingsQuery } from "../options.js";
import { type Row, type RowShape, writeReadings } from "../output.js";
import type { Progress } from "../progress.js";
import { resolveSources } from "../sources.js";

export function addReadingsCommand(program: Command, context: CliContext): void {
  addSelectionOptions(
    addReadingsOptions(
      program
        .command("readings")
        .description(
          "stream readings of registers (R<id>), virtual meters (VM<id>), meters (M<id>) or groups",
        )
        .argument("[id...]", "readings ids, e.g. R768 VM11, or M426 for a meter's registers"),
    ),
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
      const query = readingsQuery(options);
      const progress = options.output ? context.progress(query) : undefined;
      const writeAll = (out: Writable) =>
        context.withConnection(async (c) => {
          const sources = await resolveSources(c, { ids, groups: options.group });
          const rows = taggedRows(c, sources, query, context.signal, progress);
          await writeReadings(
            rows,
            taggedShape(c.columns(query), sources.length > 1),
            options.as,
            out,
          );
        });
      if (!options.output) return writeAll(context.io.stdout);
      await writeWhole(options.output, writeAll).finally(() => progress?.stop());
    });
}

/** A row of one of several sources. */
interface Tagged {
  wire: string;
  row: Row;
  shape: RowShape;
}

/** The columns of every source, led by the source's id when there are several. */
function taggedShape(columns: readonly string[], withId: boolean): RowShape<Tagged> {
  return {
    columns: withId ? ["id", ...columns] : columns,
    cells: (t) => (withId ? [t.wire, ...t.shape.cells(t.row)] : t.shape.cells(t.row)),
    time: (t) => t.shape.time(t.row),
    measure: (t) => t.shape.measure(t.row),
    metered: (t) => t.shape.metered(t.row),
  };
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
