/**
 * `dcs export`: one file per register and virtual meter into a folder, each whole or not at
 * all; a re-run resumes exactly (exporter.ts, export-folder.ts).
 */
import { type Command, Option } from "commander";
import type { PeriodType } from "../../core/periods.js";
import { allSources, type CliSource } from "../connect.js";
import type { CliContext } from "../context.js";
import { DCS_LAYOUTS } from "../dcs-layouts.js";
import { EXIT, UsageError } from "../errors.js";
import { type ExportOutcome, runExport } from "../exporter.js";
import { addReadingsOptions, addSelectionOptions, readingsQuery, wholeNumber } from "../options.js";
import { resolveSources, skippedInstantaneousLine } from "../sources.js";

const FOLDER_HELP = `
The folder records what each file holds (.dcs-export.jsonl): a re-run skips a file only if it
holds exactly this export's readings, exports again what is missing or changed, and refuses to
start (exit 2) if files of another export are in the way, unless --force. One export at a time
may use a folder (.dcs-export.lock). Instantaneous sources have half-hours only: with another
--period they are skipped, with a note.

File formats (--as):
  csv           timestamp,value,consumption,status (see dcs readings --help)
  ndjson        the same, one JSON object per line
  dcs-csv       DCS's own CSV layout: Meter,Name,SerialNumber,Register,Date (dd/MM/yyyy),
                StartTime (UTC),Duration (minutes),PeriodValue,TotalValue,Unit. It is also
                DCS's import Format 1: dcs import sends such a file (registers only) to a DCS.
  dcs-halfhour  one row per day, one column per half hour (00:00 to 23:30, UTC) holding its
                consumption (an instantaneous register's value); empty where there is no
                reading. With --local-time, UK local days with 50 columns: after 01:30 come
                "01:00 (2nd)" and "01:30 (2nd)", the hour the October clock change repeats,
                so the March day fills 46 cells and the October day 50.`;

export function addExportCommand(program: Command, context: CliContext): void {
  addSelectionOptions(
    addReadingsOptions(
      program
        .command("export")
        .description(
          "one file per register and virtual meter, each written whole; re-running resumes exactly",
        ),
    ),
  )
    .option("--all", "every register and virtual meter the account can see")
    .option("--ids <id...>", "readings ids, e.g. R768 VM11, or M426 for a meter's registers")
    .requiredOption("--dir <dir>", "output folder")
    .option(
      "--jobs <n>",
      "clients working in parallel, one request in flight each",
      wholeNumber("--jobs", 1),
      2,
    )
    .addOption(
      new Option("--as <format>", "file format (see below)")
        .choices(["csv", "ndjson", ...DCS_LAYOUTS])
        .default("csv"),
    )
    .option("--local-time", "with --as dcs-halfhour: UK local days (GMT/BST) instead of UTC days")
    .option("--force", "replace files of another export (other range, period, format or options)")
    .addHelpText("after", FOLDER_HELP)
    .action(async (options) => {
      if (Boolean(options.all) === Boolean(options.ids || options.group))
        throw new UsageError("Give either --all, or --ids or --group (or both)");
      const query = readingsQuery(options);
      checkLayout(options.as, query.period, options.localTime ?? false);
      const listed = await context.withConnection((c) =>
        options.all
          ? allSources(c)
          : resolveSources(c, { ids: options.ids, groups: options.group }),
      );
      const sources = query.period === "halfHour" ? listed : skipInstantaneous(listed, context);
      const progress = context.progress(query);
      const outcomes = await runExport(sources, {
        dir: options.dir,
        jobs: options.jobs,
        as: options.as,
        localTime: options.localTime ?? false,
        query,
        force: options.force ?? false,
        connect: context.connect,
        progress,
        signal: context.signal,
      }).finally(() => progress.stop());
      context.io.stderr.write(summary(outcomes, options.dir));
      if (outcomes.some((o) => o.status === "failed")) context.setExit(EXIT.failed);
    });
}

/** What DCS's layouts can hold: half hours by the day, and UK local days only there. */
function checkLayout(as: string, period: PeriodType, localTime: boolean): void {
  if (as === "dcs-halfhour" && period !== "halfHour") {
    throw new UsageError("--as dcs-halfhour lays out half hours: use --period halfHour");
  }
  if (localTime && as !== "dcs-halfhour") {
    throw new UsageError(
      "--local-time is for --as dcs-halfhour (dcs-csv times are UTC, as DCS imports them)",
    );
  }
}

/** The sources that are not instantaneous (which have half-hours only), with a note on the rest. */
function skipInstantaneous(sources: CliSource[], context: CliContext): CliSource[] {
  const skipped = sources.filter((s) => s.isInstantaneous);
  if (skipped.length > 0) {
    context.io.stderr.write(
      skippedInstantaneousLine(
        skipped.map((s) => s.wire),
        ": export them with --period halfHour",
      ),
    );
  }
  return sources.filter((s) => !s.isInstantaneous);
}

function summary(outcomes: ExportOutcome[], dir: string): string {
  const count = (status: ExportOutcome["status"]) =>
    outcomes.filter((o) => o.status === status).length;
  const rows = outcomes.filter((o) => o.status === "written").reduce((sum, o) => sum + o.rows, 0);
  return (
    `Exported ${count("written")} file(s) (${rows.toLocaleString("en-GB")} readings) to ${dir}; ` +
    `skipped ${count("skipped")} already complete; ${count("failed")} failed; ${count("interrupted")} interrupted.\n`
  );
}
