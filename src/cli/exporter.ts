/**
 * Bulk export: one file per register or virtual meter, each written whole or not at all
 * (see files.ts), into a folder that one run holds at a time and that records what each file
 * holds (see export-folder.ts). A re-run skips exactly the files that already hold what it
 * would write. `jobs` clients work through the list together, each keeping its own single
 * request in flight.
 */
import { join } from "node:path";
import {
  type CliReadingsQuery,
  type CliSource,
  type Connection,
  isVirtualMeter,
} from "./connect.js";
import { type DcsLayout, writeDcsLayout } from "./dcs-layouts.js";
import { UsageError } from "./errors.js";
import { ExportFolder, FILE_LAYOUT, type FileContent } from "./export-folder.js";
import { writeWhole } from "./files.js";
import { isoUtc, type Row, type RowShape, writeReadings } from "./output.js";
import type { Progress } from "./progress.js";

export interface ExportOptions {
  dir: string;
  jobs: number;
  /** The command's own columns (csv, ndjson), or one of DCS's layouts. */
  as: "csv" | "ndjson" | DcsLayout;
  /** UK local days, for the by-half-hour layout. */
  localTime?: boolean;
  query: CliReadingsQuery;
  /** Replace files that hold something else, instead of refusing to start. */
  force?: boolean;
  /** Opens one more client (one per job). */
  connect: () => Promise<Connection>;
  progress: Progress;
  signal: AbortSignal;
}

export interface ExportOutcome {
  source: CliSource;
  file: string;
  status: "written" | "skipped" | "failed" | "interrupted";
  rows: number;
}

/** What the caller may learn from each written row (e.g. for a summary). */
export type RowObserver = (source: CliSource, shape: RowShape, row: Row) => void;

export function exportFileName(source: CliSource, as: ExportOptions["as"]): string {
  return `${source.wire}.${as === "ndjson" ? "ndjson" : "csv"}`;
}

/** The query for one source: the complete format exists for registers only. */
function queryFor(source: CliSource, query: CliReadingsQuery): CliReadingsQuery {
  return isVirtualMeter(source) && query.format === "complete"
    ? { ...query, format: "standard" }
    : query;
}

function contentOf(source: CliSource, options: ExportOptions): FileContent {
  const query = queryFor(source, options.query);
  return {
    id: source.wire,
    start: isoUtc(query.start),
    end: isoUtc(query.end),
    period: query.period,
    format: query.format,
    calibrated: query.calibrated,
    interpolated: query.interpolated,
    as: options.as,
    ...(options.localTime ? { localTime: true } : {}),
    decimalPlaces: source.decimalPlaces ?? null,
    layout: FILE_LAYOUT,
  };
}

async function exportOne(
  connection: Connection,
  folder: ExportFolder,
  source: CliSource,
  options: ExportOptions,
  observe: RowObserver | undefined,
): Promise<ExportOutcome> {
  const file = exportFileName(source, options.as);
  const { progress } = options;
  let rows = 0;
  try {
    await writeWhole(
      join(options.dir, file),
      async (out) => {
        const query = queryFor(source, options.query);
        const opened = await connection.readings(source, query, options.signal);
        progress.begin(source.wire);
        const onRow = (row: Row) => {
          rows++;
          progress.advance(source.wire);
          observe?.(source, opened.shape, row);
        };
        const { as } = options;
        if (as === "csv" || as === "ndjson") {
          await writeReadings(opened.readings, opened.shape, as, out, onRow);
        } else {
          const target = { source, period: query.period, ukLocal: options.localTime ?? false };
          await writeDcsLayout(opened.readings, opened.shape, as, target, out, onRow);
        }
      },
      (stats) => folder.record(file, contentOf(source, options), rows, stats.size, stats.mtimeMs),
    );
    progress.end(source.wire, rows);
    return { source, file, status: "written", rows };
  } catch (error) {
    const status = options.signal.aborted ? "interrupted" : "failed";
    progress.end(source.wire, rows, status === "failed" ? { error } : { interrupted: true });
    return { source, file, status, rows };
  }
}

/**
 * Exports every source; failures are reported in the outcomes, never thrown. Throws before
 * any download if the folder is in use, or (without `force`) holds files of another export.
 */
export async function runExport(
  sources: CliSource[],
  options: ExportOptions,
  observe?: RowObserver,
): Promise<ExportOutcome[]> {
  const folder = await ExportFolder.open(options.dir);
  try {
    const outcomes: ExportOutcome[] = [];
    const queue: CliSource[] = [];
    const foreign: string[] = [];
    for (const source of sources) {
      const file = exportFileName(source, options.as);
      const found = await folder.check(file, contentOf(source, options));
      if (found.state === "complete") outcomes.push({ source, file, status: "skipped", rows: 0 });
      else queue.push(source);
      if (found.state === "other") foreign.push(`${file}: ${found.why}`);
    }
    if (foreign.length > 0 && !options.force) {
      throw new UsageError(
        `${options.dir} holds ${foreign.length} file(s) that are not this export's (${foreign[0]}): use another --dir, or --force to replace them`,
      );
    }
    const worker = async () => {
      if (queue.length === 0 || options.signal.aborted) return;
      const connection = await options.connect();
      try {
        for (let source = queue.shift(); source; source = queue.shift()) {
          outcomes.push(await exportOne(connection, folder, source, options, observe));
          if (options.signal.aborted) break;
        }
      } finally {
        await connection.close();
      }
    };
    const workers = Math.max(1, Math.min(options.jobs, queue.length));
    await Promise.all(Array.from({ length: workers }, worker));
    for (const source of queue) {
      const file = exportFileName(source, options.as);
      outcomes.push({ source, file, status: "interrupted", rows: 0 });
    }
    const order = new Map(sources.map((s, i) => [s.wire, i]));
    return outcomes.sort(
      (a, b) => (order.get(a.source.wire) ?? 0) - (order.get(b.source.wire) ?? 0),
    );
  } finally {
    await folder.close();
  }
}
