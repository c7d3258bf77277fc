/**
 * Bulk export: one file per register or virtual meter, written to a temporary name and
 * renamed when complete, so an interrupted run never leaves a half file that looks whole.
 * Re-running skips the files that exist (resume). `jobs` clients work through the list
 * together, each keeping its own single request in flight.
 */
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import type { CliReadingsQuery, CliSource, Connection } from "./connect.js";
import { type OutputFormat, type Row, type RowShape, writeReadings } from "./output.js";
import type { Progress } from "./progress.js";

export interface ExportOptions {
  dir: string;
  jobs: number;
  as: Exclude<OutputFormat, "json">;
  query: CliReadingsQuery;
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
  error?: unknown;
}

/** What the caller may learn from each written row (e.g. for a summary). */
export type RowObserver = (source: CliSource, shape: RowShape, row: Row) => void;

export function exportFileName(source: CliSource, as: ExportOptions["as"]): string {
  return `${source.wire}.${as}`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Removes temporary files an earlier, interrupted run left for this file. */
async function removeStalePartials(dir: string, file: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.startsWith(`${file}.`) && name.endsWith(".partial"))
      await rm(join(dir, name), { force: true });
  }
}

async function exportOne(
  connection: Connection,
  source: CliSource,
  options: ExportOptions,
  observe: RowObserver | undefined,
): Promise<ExportOutcome> {
  const file = exportFileName(source, options.as);
  const path = join(options.dir, file);
  if (await exists(path)) return { source, file, status: "skipped", rows: 0 };
  await removeStalePartials(options.dir, file);
  const temp = `${path}.${process.pid}.partial`;
  const out = createWriteStream(temp);
  let rows = 0;
  try {
    // Complete format exists for registers only; virtual meters fall back to standard.
    const query = source.isVirtual
      ? { ...options.query, format: "standard" as const }
      : options.query;
    const opened = await connection.readings(source, query, options.signal);
    options.progress.begin(source.wire, opened.readings);
    rows = await writeReadings(opened.readings, opened.shape, options.as, out, (row) => {
      options.progress.advance(source.wire);
      observe?.(source, opened.shape, row);
    });
    out.end();
    await finished(out);
    await rename(temp, path);
    options.progress.end(source.wire, rows);
    return { source, file, status: "written", rows };
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    options.progress.end(source.wire, rows, error);
    const status = options.signal.aborted ? "interrupted" : "failed";
    return { source, file, status, rows, error };
  }
}

/** Exports every source; failures are reported in the outcomes, never thrown. */
export async function runExport(
  sources: CliSource[],
  options: ExportOptions,
  observe?: RowObserver,
): Promise<ExportOutcome[]> {
  await mkdir(options.dir, { recursive: true });
  const queue = [...sources];
  const outcomes: ExportOutcome[] = [];
  const worker = async () => {
    if (queue.length === 0 || options.signal.aborted) return;
    const connection = await options.connect();
    try {
      for (let source = queue.shift(); source; source = queue.shift()) {
        if (options.signal.aborted) {
          outcomes.push({
            source,
            file: exportFileName(source, options.as),
            status: "interrupted",
            rows: 0,
          });
          continue;
        }
        outcomes.push(await exportOne(connection, source, options, observe));
      }
    } finally {
      await connection.close();
    }
  };
  const workers = Math.max(1, Math.min(options.jobs, sources.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const order = new Map(sources.map((s, i) => [s.wire, i]));
  return outcomes.sort((a, b) => (order.get(a.source.wire) ?? 0) - (order.get(b.source.wire) ?? 0));
}
