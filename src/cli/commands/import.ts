/**
 * `dcs import <file>`: sends a metered data file (DCS's Format 1, as `dcs export --as dcs-csv`
 * writes it, or Format 2, as `toMeteredDataCsv` does) through `importMeteredData`, after
 * checking it whole: a file DCS could not import is one line naming its row, and nothing is
 * sent. A large file goes in parts of whole rows, each part a file of its own with the header,
 * so that no request is larger than a server takes; if a part fails, the line says which rows
 * went in and which did not.
 */
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { FileFormatError } from "../../formats/csv.js";
import { formatDayMonthYear, formatTimeOfDay } from "../../formats/dates.js";
import { type MeteredDataFile, readMeteredDataCsv } from "../../formats/metered-data.js";
import { DcsError, DcsForbiddenError } from "../../node.js";
import type { CliContext } from "../context.js";
import { describeError, exitCodeFor, UsageError } from "../errors.js";
import { wholeNumber } from "../options.js";

/** The most text one request carries: well under the request limits of IIS and the simulator. */
const PART_CHARS = 256 * 1024;

/** A request's share of the file: the header and whole rows. */
interface Part {
  text: string;
  readings: number;
  firstRow: number;
  lastRow: number;
}

export function addImportCommand(program: Command, context: CliContext): void {
  program
    .command("import")
    .description(
      "import metered data into DCS (legacy API, Administrators): a Format 1 file (dcs export --as dcs-csv) or Format 2, checked first",
    )
    .argument("<file>", "a CSV file in DCS's import Format 1 or Format 2")
    .option(
      "--plugin <id>",
      "the DCS data import plugin to send it to (1: metered data CSV, on a standard install)",
      wholeNumber("--plugin", 0),
      1,
    )
    .option("--check", "only check the file, and say what it holds; send nothing")
    .action(async (path: string, options) => {
      const text = await readFile(path, "utf8").catch((error: Error) => {
        throw new UsageError(`cannot read ${path}: ${error.message}`);
      });
      const file = checked(path, text);
      if (options.check) {
        context.io.stderr.write(`${path}: ${describeFile(file)}, ready to import.\n`);
        return;
      }
      await context.withConnection(async (c) => {
        const parts = partsOf(text, file);
        let imported = 0;
        for (const [i, part] of parts.entries()) {
          try {
            await c.importMeteredData(part.text, options.plugin, context.signal);
          } catch (error) {
            if (error instanceof UsageError) throw error;
            const went = whatWentIn(path, parts, i, error);
            if (context.signal.aborted) {
              context.io.stderr.write(`dcs: ${went}\n`);
              throw error;
            }
            context.io.stderr.write(`dcs: ${reason(error)}; ${went}\n`);
            context.setExit(exitCodeFor(error));
            return;
          }
          imported += part.readings;
        }
        const requests = parts.length === 1 ? "1 request" : `${parts.length} requests`;
        context.io.stderr.write(
          `Imported ${count(imported)} readings from ${path} (Format ${file.format}) in ${requests}.\n`,
        );
      });
    });
}

const count = (n: number) => n.toLocaleString("en-GB");

/** The file, checked whole; a UsageError naming the file and row if DCS could not import it. */
function checked(path: string, text: string): MeteredDataFile {
  let file: MeteredDataFile;
  try {
    file = readMeteredDataCsv(text);
  } catch (error) {
    if (!(error instanceof FileFormatError)) throw error;
    throw new UsageError(`${path} ${error.message}; nothing was sent`);
  }
  if (file.rows.length === 0) {
    throw new UsageError(`${path} holds no readings, only a header; nothing was sent`);
  }
  return file;
}

/** "Format 2, 3 readings of 1 register from … to … (UTC)". */
function describeFile(file: MeteredDataFile): string {
  const registers = new Set(
    file.rows.map((r) => ("registerId" in r ? r.registerId : `${r.meterId}:${r.registerName}`)),
  );
  const when = (t: number) => `${formatDayMonthYear(t)} ${formatTimeOfDay(t)}`;
  // A loop, not Math.min(...): a file may hold more rows than a call takes arguments.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const { start } of file.rows) {
    first = Math.min(first, start);
    last = Math.max(last, start);
  }
  const of = registers.size === 1 ? "1 register" : `${count(registers.size)} registers`;
  return `Format ${file.format}, ${count(file.rows.length)} readings of ${of} from ${when(first)} to ${when(last)} (UTC)`;
}

/** The file in parts of at most PART_CHARS (a row longer than that goes alone). */
function partsOf(text: string, file: MeteredDataFile): Part[] {
  const { header, rows } = file;
  const parts: Part[] = [];
  let first = 0;
  const cut = (end: number) => {
    const a = rows[first];
    const b = rows[end - 1];
    if (!a || !b) return;
    const body = text.slice(a.from, b.to);
    const partText = header + body + (body.endsWith("\n") ? "" : "\n");
    parts.push({ text: partText, readings: end - first, firstRow: a.row, lastRow: b.row });
    first = end;
  };
  rows.forEach((row, i) => {
    const start = rows[first];
    if (start && i > first && header.length + row.to - start.from > PART_CHARS) cut(i);
  });
  cut(rows.length);
  return parts;
}

/** The error's one line, with a hint that fits an import. */
function reason(error: unknown): string {
  if (error instanceof DcsForbiddenError) {
    return `${error.message} (importing needs an Administrator who may see the file's meters)`;
  }
  return describeError(error);
}

/**
 * Which rows of the file went in before part `failed` and which did not. Only a refusal (4xx)
 * says for certain that the failed part was not taken; after a fault or without an answer,
 * the server may have taken some of it.
 */
function whatWentIn(path: string, parts: Part[], failed: number, error: unknown): string {
  const status = error instanceof DcsError ? (error.status ?? 0) : 0;
  const refused = status >= 400 && status < 500;
  if (failed === 0 && refused) return `nothing was imported from ${path}`;
  const again = "running it again is safe (imported readings replace stored ones)";
  if (failed === 0) return `${path} may not have been imported; ${again}`;
  const done = `rows ${count(parts[0]?.firstRow ?? 0)} to ${count(parts[failed - 1]?.lastRow ?? 0)}`;
  const rest = `rows ${count(parts[failed]?.firstRow ?? 0)} to ${count(parts.at(-1)?.lastRow ?? 0)}`;
  return `${done} of ${path} were imported, ${rest} ${refused ? "were not" : "may not have been"}; ${again}`;
}
