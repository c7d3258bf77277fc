/**
 * DCS's metered data files (DCS User Guide, "Data Import Plugins", Metered Data Import, CSV
 * format): Format 1 is the default Coherent CSV layout, which DCS both exports and imports (a
 * register named by its meter's id and its own name); Format 2 is the simpler one for data
 * made from scratch (a register named by its id). Dates are `dd/MM/yyyy`, times the UTC start
 * of each reading's period, durations minutes.
 */
import { checkId } from "../core/checks.js";
import { DcsArgumentError } from "../core/errors.js";
import { isDcsId } from "../core/ids.js";
import { type CsvCell, type CsvRecord, csvLine, FileFormatError, parseCsv } from "./csv.js";
import { formatDayMonthYear, formatTimeOfDay, parseDayMonthYear, parseTimeOfDay } from "./dates.js";

/** The columns of Format 1, the Coherent CSV layout, in DCS's order. */
export const FORMAT_1_COLUMNS = [
  "Meter",
  "Name",
  "SerialNumber",
  "Register",
  "Date",
  "StartTime",
  "Duration",
  "PeriodValue",
  "TotalValue",
  "Unit",
] as const;

/** The columns of Format 2. */
export const FORMAT_2_COLUMNS = [
  "RegisterId",
  "Date",
  "Time",
  "Duration",
  "PeriodValue",
  "TotalValue",
] as const;

/** Format 1's columns that DCS ignores on import, which may therefore be left out. */
const IGNORED = new Set<string>(["Name", "SerialNumber", "Unit"]);

/** One reading as DCS's files hold it. */
export interface MeteredReading {
  /** The UTC start of its period, epoch ms. */
  start: number;
  durationMinutes: number;
  /** The consumption in the period (0 for instantaneous registers). */
  periodValue: number;
  /** The register's total at the period's start (the value, for instantaneous registers; 0 for virtual meters). */
  totalValue: number;
}

/**
 * What Format 1 names a source by. A virtual meter is named by its own id and name, with no
 * serial number or register.
 */
export interface SourceLabel {
  meter: number;
  name: string;
  serialNumber: string;
  register: string;
  unit: string;
}

/** The cells of a Format 1 row. */
export function format1Cells(label: SourceLabel, reading: MeteredReading): CsvCell[] {
  const { meter, name, serialNumber, register, unit } = label;
  return [meter, name, serialNumber, register, ...whenAndValues(reading), unit];
}

function whenAndValues(reading: MeteredReading): CsvCell[] {
  return [
    formatDayMonthYear(reading.start),
    formatTimeOfDay(reading.start),
    reading.durationMinutes,
    reading.periodValue,
    reading.totalValue,
  ];
}

/**
 * A reading {@link toMeteredDataCsv} takes: a complete reading of the current API
 * (`format: "complete"`), or a legacy API reading, which carries its own duration.
 */
export type MeteredDataReading =
  | { timestamp: Date; totalValue: number; periodValue: number }
  | { startTime: Date; duration: number; totalValue: number; periodValue: number };

/** Options of {@link toMeteredDataCsv}. */
export interface MeteredDataCsvOptions {
  /** The register DCS is to store the readings as. */
  registerId: number;
  /** Minutes of each reading's period, for readings that do not carry it. Default 30 (half hours). */
  durationMinutes?: number;
}

/**
 * Writes readings as DCS's metered data import Format 2 (`RegisterId,Date,Time,Duration,
 * PeriodValue,TotalValue`, dates `dd/MM/yyyy`, times UTC), ready for
 * `DcsSession.importMeteredData`. Values keep every digit; `NaN` and `Infinity` are written
 * as DCS spells them.
 *
 * ```ts
 * const res = await dcs.readings("R733", { startTime, endTime, format: "complete" });
 * const csv = toMeteredDataCsv(await res.readings.toArray(), { registerId: 1042 });
 * await session.importMeteredData(csv);
 * ```
 * @throws {@link DcsArgumentError} for a register id or duration DCS could not take, or a
 * reading without a valid time.
 */
export function toMeteredDataCsv(
  readings: Iterable<MeteredDataReading>,
  options: MeteredDataCsvOptions,
): string {
  const registerId = checkId(options.registerId, "registerId");
  const fallback = options.durationMinutes ?? 30;
  checkMinutes(fallback, "durationMinutes");
  let csv = csvLine(FORMAT_2_COLUMNS);
  let n = 0;
  for (const reading of readings) {
    n++;
    const time = "timestamp" in reading ? reading.timestamp : reading.startTime;
    const start = time instanceof Date ? time.getTime() : Number.NaN;
    if (Number.isNaN(start)) throw new DcsArgumentError(`reading ${n}: no valid timestamp`);
    const durationMinutes = "duration" in reading ? reading.duration : fallback;
    checkMinutes(durationMinutes, `reading ${n}: duration`);
    const { totalValue, periodValue } = reading;
    csv += csvLine([
      registerId,
      ...whenAndValues({ start, durationMinutes, periodValue, totalValue }),
    ]);
  }
  return csv;
}

function checkMinutes(minutes: unknown, name: string): void {
  if (!Number.isInteger(minutes) || (minutes as number) < 1) {
    throw new DcsArgumentError(`${name} must be a whole number of minutes, got ${String(minutes)}`);
  }
}

/** A reading of an import file, with where it stands in the file. */
export type ImportRow = MeteredReading & {
  /** The row it starts on (the header is row 1). */
  row: number;
  /** Offsets of the row in the text: from its first character to after its line break. */
  from: number;
  to: number;
} & ({ registerId: number } | { meterId: number; registerName: string });

/** A checked import file. */
export interface MeteredDataFile {
  format: 1 | 2;
  /** The header line, as written, with its line break. */
  header: string;
  rows: ImportRow[];
}

/**
 * Reads and checks a metered data import file, Format 1 or 2 (told apart by the header;
 * columns in any order and case). Throws {@link FileFormatError} naming the first row that
 * DCS could not import: an unknown, repeated or missing column, a value that is not a date
 * (`dd/MM/yyyy`), a time (`HH:mm:ss`), a whole number of minutes, a number or an id.
 */
export function readMeteredDataCsv(text: string): MeteredDataFile {
  const [header, ...records] = parseCsv(text);
  if (!header) {
    throw new FileFormatError(
      1,
      `the file is empty: a metered data file starts with a header, such as ${FORMAT_2_COLUMNS.join(",")}`,
    );
  }
  const columns = columnsOf(header);
  const format = "RegisterId" in columns ? 2 : 1;
  const rows = records.map((record) => readRow(record, columns, header.cells.length));
  return { format, header: text.slice(header.from, header.to), rows };
}

/** Where each column is, by its canonical name. */
type Columns = Partial<Record<string, number>>;

function columnsOf(header: CsvRecord): Columns {
  const names = header.cells.map((cell) => cell.trim());
  const has = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  const known: readonly string[] = has("RegisterId")
    ? FORMAT_2_COLUMNS
    : has("Meter") && has("Register")
      ? FORMAT_1_COLUMNS
      : [];
  if (known.length === 0) {
    throw new FileFormatError(
      1,
      "not a metered data file: the header names neither RegisterId (Format 2) nor Meter and Register (Format 1)",
    );
  }
  const format = known === FORMAT_2_COLUMNS ? "Format 2" : "Format 1";
  const columns: Columns = {};
  names.forEach((name, i) => {
    const canonical = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (canonical === undefined) {
      throw new FileFormatError(1, `unknown column "${name}": ${format} has ${known.join(", ")}`);
    }
    if (columns[canonical] !== undefined) {
      throw new FileFormatError(1, `the column "${canonical}" is there twice`);
    }
    columns[canonical] = i;
  });
  const missing = known.find((k) => columns[k] === undefined && !IGNORED.has(k));
  if (missing) throw new FileFormatError(1, `the column "${missing}" is missing (${format})`);
  return columns;
}

function readRow(record: CsvRecord, columns: Columns, width: number): ImportRow {
  const { row, from, to, cells } = record;
  if (cells.length !== width) {
    throw new FileFormatError(row, `${cells.length} values, but the header has ${width} columns`);
  }
  const cell = (name: string) => (cells[columns[name] as number] as string).trim();
  const fail = (name: string, what: string): never => {
    throw new FileFormatError(row, `${name} "${cell(name)}" is not ${what}`);
  };
  const id = (name: string) => {
    const text = cell(name);
    const n = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
    return isDcsId(n) ? n : fail(name, "a DCS id (a whole number such as 733)");
  };
  const number = (name: string) => parseNumber(cell(name)) ?? fail(name, "a number");
  const day = parseDayMonthYear(cell("Date"));
  if (Number.isNaN(day)) fail("Date", "a date (dd/MM/yyyy)");
  const timeColumn = columns.Time === undefined ? "StartTime" : "Time";
  const time = parseTimeOfDay(cell(timeColumn));
  if (Number.isNaN(time)) fail(timeColumn, "a time of day (HH:mm:ss, UTC)");
  const minutes = /^\d{1,6}$/.test(cell("Duration")) ? Number(cell("Duration")) : 0;
  if (minutes < 1) fail("Duration", "a whole number of minutes");
  const reading = {
    row,
    from,
    to,
    start: day + time,
    durationMinutes: minutes,
    periodValue: number("PeriodValue"),
    totalValue: number("TotalValue"),
  };
  if (columns.RegisterId !== undefined) return { ...reading, registerId: id("RegisterId") };
  const meterId = id("Meter");
  const registerName = cell("Register");
  if (registerName === "") {
    throw new FileFormatError(
      row,
      "Register is empty: Format 1 names a register by its meter's id and its own name (a virtual meter's readings cannot be imported: DCS computes them)",
    );
  }
  return { ...reading, meterId, registerName };
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  "+Infinity": Number.POSITIVE_INFINITY,
  "-Infinity": Number.NEGATIVE_INFINITY,
};

/** A decimal number, or `NaN` / `Infinity` / `-Infinity` as DCS writes them; undefined otherwise. */
function parseNumber(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text) + 0; // + 0: no -0
  return Object.hasOwn(SPECIAL, text) ? SPECIAL[text] : undefined;
}
