/**
 * `dcs export`: one file per register and virtual meter into a folder, each whole or not at
 * all; a re-run resumes exactly (exporter.ts, export-folder.ts).
 */
import { type Command, Option } from "commander";
import { allSources, type CliSource } from "../connect.js";
import type { CliContext } from "../context.js";
import { EXIT, UsageError } from "../errors.js";
import { type ExportOutcome, runExport } from "../exporter.js";
import { addReadingsOptions, addSelectionOptions, readingsQuery, wholeNumber } from "../options.js";
import { resolveSources } from "../sources.js";

const FOLDER_HELP = `
The folder records what each file holds (.dcs-export.jsonl): a re-run skips a file only if it
holds exactly this export's readings, exports again what is missing or changed, and refuses to
start (exit 2) if files of another export are in the way, unless --force. One export at a time
may use a folder (.dcs-export.lock). Instantaneous sources have half-hours only: with another
--period they are skipped, with a note.`;

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
    .addOption(new Option("--as <format>", "file format").choices(["csv", "ndjson"]).default("csv"))
    .option("--force", "replace files of another export (other range, period, format or options)")
    .addHelpText("after", FOLDER_HELP)
    .action(async (options) => {
      if (Boolean(options.all) === Boolean(options.ids || options.group))
        throw new UsageError("Give either --all, or --ids or --group (or both)");
      const query = readingsQuery(options);
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

/** The sources that are not instantaneous (which have half-hours only), with a note on the rest. */
function skipInstantaneous(sources: CliSource[], context: CliContext): CliSource[] {
  const skipped = sources.filter((s) => s.isInstantaneous);
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).map((s) => s.wire);
    const more = skipped.length - shown.length;
    context.io.stderr.write(
      `Skipped ${skipped.length} instantaneous source(s), which have half-hours only ` +
        `(${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}): export them with --period halfHour.\n`,
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
