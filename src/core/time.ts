/**
 * Instants in and out. Users give `Date`s, `"2024-01-01"` (midnight UTC, as in pythondcs) or
 * ISO strings with a zone; servers write ISO strings with `Z` or an offset. Nothing here ever
 * reads the machine's local time zone.
 */
import { DcsArgumentError } from "./errors.js";

/** What users may pass wherever a point in time is asked for. */
export type DateInput = Date | string;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12), by arithmetic: this runs once per reading on the hot path. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/**
 * Epoch ms from the parts of a calendar time, or NaN when a part is out of range
 * (`Date.UTC` alone would silently roll 2024-02-30 over into March).
 */
function utcFromParts(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  // Date.UTC reads years 0-99 as 1900-1999; 400 years later the calendar repeats exactly.
  if (year < 100) return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - CYCLE_MS;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** 400 Gregorian years (146 097 days) in ms. */
const CYCLE_MS = 146_097 * 86_400_000;

/** Offset in minutes from `Z`, `+01:00`, `+0100` or `+01`; NaN if malformed. */
function offsetMinutes(zone: string): number {
  if (zone === "Z" || zone === "z") return 0;
  const sign = zone[0] === "-" ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return Number.NaN;
  return sign * (hours * 60 + minutes);
}

/**
 * Parses an ISO 8601 date-time. With `zoneless: "reject"` (the default) a string without
 * `Z` or an offset gives NaN; with `"utc"` it is read as UTC (for endpoints documented so).
 */
export function parseIsoDateTime(text: string, zoneless: "reject" | "utc" = "reject"): number {
  const m = DATE_TIME.exec(text);
  if (!m) return Number.NaN;
  const zone = m[8];
  if (zone === undefined && zoneless === "reject") return Number.NaN;
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const local = utcFromParts(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    m[6] === undefined ? 0 : Number(m[6]),
    fraction,
  );
  return zone === undefined ? local : local - offsetMinutes(zone) * 60_000;
}

/** Where {@link parseTimestamp} wants digits (0) and which separators. */
const TIMESTAMP_SHAPE = "0000-00-00T00:00:00";

/** The number written by `count` ASCII digits from `start` (already checked to be digits). */
function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * Readings come in runs of one day (48 half-hours): the day of the last fixed-form timestamp
 * and its epoch ms. "0000-00-00" is no date, so the first value is NaN.
 */
let lastDay = "0000-00-00";
let lastDayMs = Number.NaN;

/**
 * Fast path for the timestamps DCS writes: exactly `yyyy-MM-ddTHH:mm:ssZ`. Anything else goes
 * through {@link parseIsoDateTime}. Returns epoch ms, or NaN when the text is not a valid
 * instant with a zone.
 */
export function parseTimestamp(text: string): number {
  if (text.length !== 20 || text.charCodeAt(19) !== 90 /* Z */) return parseIsoDateTime(text);
  // Readings come a day at a time: the date of the last timestamp needs no second look.
  const sameDay = text.startsWith(lastDay);
  // One plain loop (no closures or arrays): this runs once per reading, often before the JIT
  // has optimised it.
  for (let i = sameDay ? 10 : 0; i < 19; i++) {
    const c = text.charCodeAt(i);
    const shape = TIMESTAMP_SHAPE.charCodeAt(i);
    if (shape === 48 /* a digit */ ? c < 48 || c > 57 : c !== shape) return parseIsoDateTime(text);
  }
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  if (!sameDay) {
    lastDayMs = utcFromParts(
      digits(text, 0, 4),
      digits(text, 5, 2),
      digits(text, 8, 2),
      0,
      0,
      0,
      0,
    );
    lastDay = text.slice(0, 10);
  }
  return lastDayMs + ((hour * 60 + minute) * 60 + second) * 1000;
}

/**
 * Turns a user's date input into epoch ms. `"yyyy-mm-dd"` means midnight UTC; date-times
 * need `Z` or an offset so that nothing is read in the machine's local zone by accident.
 */
export function toInstant(input: DateInput, name: string): number {
  if (input instanceof Date) {
    const t = input.getTime();
    if (Number.isNaN(t)) throw new DcsArgumentError(`${name} is an invalid Date`);
    return t;
  }
  if (typeof input !== "string") {
    throw new DcsArgumentError(`${name} must be a Date or an ISO 8601 string, got ${typeof input}`);
  }
  const dateOnly = DATE_ONLY.exec(input);
  if (dateOnly) {
    const t = utcFromParts(
      Number(dateOnly[1]),
      Number(dateOnly[2]),
      Number(dateOnly[3]),
      0,
      0,
      0,
      0,
    );
    if (Number.isNaN(t)) throw new DcsArgumentError(`${name} "${input}" is not a calendar date`);
    return t;
  }
  const t = parseIsoDateTime(input);
  if (Number.isNaN(t)) {
    const hint = DATE_TIME.test(input) ? " (add Z or an offset such as +01:00)" : "";
    throw new DcsArgumentError(
      `${name} "${input}" is not "yyyy-mm-dd" or an ISO 8601 date-time with a zone${hint}`,
    );
  }
  return t;
}

/**
 * `yyyy-MM-ddTHH:mm:ssZ`, the form the current API asks for. Built from the engine's own
 * `toISOString` (native, cheap even before the JIT warms up), without the milliseconds.
 */
export function formatUtcSeconds(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}

/** `yyyy-MM-dd` of the UTC calendar day containing `t`. */
export function formatUtcDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
