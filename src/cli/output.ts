/**
 * How the `dcs` command writes things: readings as CSV, NDJSON or JSON (streamed, with
 * backpressure), lists as tables on a terminal, and a small sparkline for summaries.
 */
import type { Writable } from "node:stream";
import type { CompleteReading, LegacyReading, StandardReading } from "../index.js";

export type Row = StandardReading | CompleteReading | LegacyReading;
export type OutputFormat = "csv" | "ndjson" | "json";

/** `2024-01-01T00:00:00Z`: ISO 8601 in UTC, to the second. */
export function isoUtc(date: Date): string {
  const text = date.toISOString();
  return text.endsWith(".000Z") ? `${text.slice(0, 19)}Z` : text;
}

/** The columns of one kind of reading, and how to read them off a row. */
export interface RowShape<R = Row> {
  columns: readonly string[];
  cells(row: R): (string | number | boolean)[];
  /** The instant of the row, and the value a summary should measure (consumption if known). */
  time(row: R): Date;
  measure(row: R): number;
}

export const standardShape: RowShape<StandardReading> = {
  columns: ["timestamp", "value", "status"],
  cells: (r) => [isoUtc(r.timestamp), r.value, r.status],
  time: (r) => r.timestamp,
  measure: (r) => r.value,
};

export const completeShape: RowShape<CompleteReading> = {
  columns: ["timestamp", "totalValue", "periodValue", "status"],
  cells: (r) => [isoUtc(r.timestamp), r.totalValue, r.periodValue, r.status],
  time: (r) => r.timestamp,
  measure: (r) => r.periodValue,
};

export const legacyShape: RowShape<LegacyReading> = {
  columns: [
    "startTime",
    "duration",
    "totalValue",
    "periodValue",
    "isGenerated",
    "isInterpolated",
    "id",
  ],
  cells: (r) => [
    isoUtc(r.startTime),
    r.duration,
    r.totalValue,
    r.periodValue,
    r.isGenerated,
    r.isInterpolated,
    r.id,
  ],
  time: (r) => r.startTime,
  measure: (r) => r.periodValue,
};

function csvCell(cell: string | number | boolean): string {
  const text = String(cell); // NaN, Infinity and -Infinity as DCS spells them
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** JSON cannot hold NaN or Infinity; write them as the strings DCS itself uses. */
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? String(value) : value;
}

function jsonRow<R>(shape: RowShape<R>, row: R): string {
  const cells = shape.cells(row);
  const object: Record<string, unknown> = {};
  shape.columns.forEach((column, i) => {
    object[column] = cells[i];
  });
  return JSON.stringify(object, jsonValue);
}

/** Writes text, waiting when the destination asks us to (memory stays flat). */
export async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        out.off("drain", onDrain);
        reject(error);
      };
      const onDrain = () => {
        out.off("error", onError);
        resolve();
      };
      out.once("drain", onDrain);
      out.once("error", onError);
    });
  }
}

/**
 * Streams readings to `out` in the chosen format and returns how many were written.
 * `onRow` sees every row (for progress and summaries).
 */
export async function writeReadings<R>(
  readings: AsyncIterable<R>,
  shape: RowShape<R>,
  format: OutputFormat,
  out: Writable,
  onRow?: (row: R) => void,
): Promise<number> {
  let count = 0;
  let buffer = format === "csv" ? `${shape.columns.join(",")}\n` : format === "json" ? "[" : "";
  for await (const row of readings) {
    if (format === "csv") buffer += `${shape.cells(row).map(csvCell).join(",")}\n`;
    else if (format === "ndjson") buffer += `${jsonRow(shape, row)}\n`;
    else buffer += `${count === 0 ? "\n" : ",\n"}${jsonRow(shape, row)}`;
    count++;
    onRow?.(row);
    if (buffer.length >= 64 * 1024) {
      await write(out, buffer);
      buffer = "";
    }
  }
  if (format === "json") buffer += count === 0 ? "]\n" : "\n]\n";
  await write(out, buffer);
  return count;
}

/** A plain text table, columns padded to their widest cell. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)].join(
    "\n",
  );
}

const SPARKS = "▁▂▃▄▅▆▇█";

/** A one-line chart of `values`, averaged into at most `width` equal buckets. */
export function sparkline(values: number[], width = 48): string {
  const count = Math.min(width, values.length);
  const buckets: number[] = [];
  for (let i = 0; i < count; i++) {
    const slice = values
      .slice(Math.floor((i * values.length) / count), Math.floor(((i + 1) * values.length) / count))
      .filter(Number.isFinite);
    if (slice.length > 0) buckets.push(slice.reduce((a, b) => a + b, 0) / slice.length);
  }
  if (buckets.length === 0) return "";
  const min = Math.min(...buckets);
  const span = Math.max(...buckets) - min || 1;
  return buckets.map((v) => SPARKS[Math.round(((v - min) / span) * (SPARKS.length - 1))]).join("");
}
