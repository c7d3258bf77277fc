/**
 * How the `dcs` command writes things: readings as CSV, NDJSON or JSON (streamed, with
 * backpressure), lists as tables on a terminal, and a small sparkline for summaries.
 */
import type { Writable } from "node:stream";
import { roundTo } from "../core/decimals.js";
import { type CsvCell, csvLine } from "../formats/csv.js";
import type { CompleteReading, LegacyReading, StandardReading } from "../node.js";

export type Row = StandardReading | CompleteReading | LegacyReading;
export type OutputFormat = "csv" | "ndjson" | "json";

/** `2024-01-01T00:00:00Z`: ISO 8601 in UTC, to the second. */
export function isoUtc(date: Date): string {
  const text = date.toISOString();
  return text.endsWith(".000Z") ? `${text.slice(0, 19)}Z` : text;
}

/** A cell of output; `null` is a cell that does not apply (empty in CSV, `null` in JSON). */
export type Cell = CsvCell;

/** The columns of one kind of reading, and how to read them off a row. */
export interface RowShape<R = Row> {
  columns: readonly string[];
  cells(row: R): Cell[];
  /** The instant of the row, and the value a summary should measure (consumption if known). */
  time(row: R): Date;
  measure(row: R): number;
  /** The row's values as DCS's own files hold them (cli/dcs-layouts.ts). */
  metered(row: R): MeteredValues;
}

/**
 * A reading's values as DCS's files write them: the total (an instantaneous reading's value;
 * 0 for a virtual meter) and the period's value (its consumption; 0 if instantaneous), and
 * the period's minutes when the reading says.
 */
export interface MeteredValues {
  totalValue: number;
  periodValue: number;
  durationMinutes?: number;
}

/**
 * The columns of the current API's readings as the command writes them, for every kind of
 * source alike: `value` is what the server calls the value (a register's running total, an
 * instantaneous reading, a virtual meter's value) and `consumption` the use in the period,
 * comparable between registers and virtual meters (empty for instantaneous sources).
 */
const READINGS_COLUMNS = ["timestamp", "value", "consumption", "status"] as const;

/** A cumulative register, read in the complete format: running total and consumption. */
export const registerShape: RowShape<CompleteReading> = {
  columns: READINGS_COLUMNS,
  cells: (r) => [isoUtc(r.timestamp), r.totalValue, r.periodValue, r.status],
  time: (r) => r.timestamp,
  measure: (r) => r.periodValue,
  metered: (r) => r,
};

/** An instantaneous register: a reading at each time, and no consumption. */
export const instantaneousShape: RowShape<StandardReading> = {
  columns: READINGS_COLUMNS,
  cells: (r) => [isoUtc(r.timestamp), r.value, null, r.status],
  time: (r) => r.timestamp,
  measure: (r) => r.value,
  metered: (r) => ({ totalValue: r.value, periodValue: 0 }),
};

/** What the command knows of a virtual meter from its definition. */
export interface VirtualMeterTraits {
  isInstantaneous?: boolean;
  decimalPlaces?: number;
}

/**
 * A virtual meter: its value to its decimal places (the server computes it in floating point:
 * `150.29999999999998`); unless instantaneous, that value is its consumption.
 */
export function virtualMeterShape(vm: VirtualMeterTraits): RowShape<StandardReading> {
  return {
    columns: READINGS_COLUMNS,
    cells: (r) => {
      const value = roundTo(r.value, vm.decimalPlaces);
      return [isoUtc(r.timestamp), value, vm.isInstantaneous ? null : value, r.status];
    },
    time: (r) => r.timestamp,
    measure: (r) => roundTo(r.value, vm.decimalPlaces),
    metered: (r) => ({ totalValue: 0, periodValue: roundTo(r.value, vm.decimalPlaces) }),
  };
}

/** `--format complete`: the server's complete readings as they are (registers only). */
export const completeShape: RowShape<CompleteReading> = {
  columns: ["timestamp", "totalValue", "periodValue", "status"],
  cells: (r) => [isoUtc(r.timestamp), r.totalValue, r.periodValue, r.status],
  time: (r) => r.timestamp,
  measure: (r) => r.periodValue,
  metered: (r) => r,
};

/**
 * Legacy readings, every field; the reading's own id is `readingId`, so that it never clashes
 * with the `id` column of the source when several are written together.
 */
export function legacyShape(vm: VirtualMeterTraits = {}): RowShape<LegacyReading> {
  const places = vm.decimalPlaces;
  return {
    columns: [
      "startTime",
      "duration",
      "totalValue",
      "periodValue",
      "isGenerated",
      "isInterpolated",
      "readingId",
    ],
    cells: (r) => [
      isoUtc(r.startTime),
      r.duration,
      roundTo(r.totalValue, places),
      roundTo(r.periodValue, places),
      r.isGenerated,
      r.isInterpolated,
      r.id,
    ],
    time: (r) => r.startTime,
    measure: (r) => roundTo(r.periodValue, places),
    metered: (r) => ({
      totalValue: roundTo(r.totalValue, places),
      periodValue: roundTo(r.periodValue, places),
      durationMinutes: r.duration,
    }),
  };
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

/**
 * Writes text, waiting when the destination asks us to (memory stays flat). Rejects with the
 * destination's error (a full disk, a closed pipe) as soon as it has one, never waits forever.
 */
export async function write(out: Writable, text: string): Promise<void> {
  const closed = () => out.errored ?? new Error("the output was closed");
  if (out.destroyed || out.writableEnded) throw closed();
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("error", onError);
      out.off("close", onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(closed());
    out.on("drain", onDrain);
    out.on("error", onError);
    out.on("close", onClose);
  });
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
    if (format === "csv") buffer += csvLine(shape.cells(row));
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

/** How a list is printed: a table on a terminal, JSON elsewhere, unless the options say. */
export type ListFormat = "table" | "json" | "ndjson";

export function listFormat(
  options: { json?: boolean; ndjson?: boolean },
  out: { isTTY?: boolean },
): ListFormat {
  return options.ndjson ? "ndjson" : options.json || !out.isTTY ? "json" : "table";
}

/** Prints `items` as JSON, one JSON object per line, or the table `asTable` makes. */
export function printList(
  out: Writable,
  format: ListFormat,
  items: unknown[],
  asTable: () => string,
): void {
  if (format === "table") out.write(`${asTable()}\n`);
  else if (format === "ndjson") out.write(items.map((i) => `${JSON.stringify(i)}\n`).join(""));
  else out.write(`${JSON.stringify(items, null, 2)}\n`);
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
