/**
 * Dates and times as DCS's files write them: `dd/MM/yyyy` and `HH:mm:ss`, in UTC unless a
 * layout says otherwise. Nothing here reads the machine's time zone.
 */
import { HOUR_MS, MINUTE_MS } from "../core/periods.js";

/** `dd/MM/yyyy` of the UTC calendar day containing `t`. */
export function formatDayMonthYear(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** `HH:mm:ss` of `t`, in UTC. */
export function formatTimeOfDay(t: number): string {
  return new Date(t).toISOString().slice(11, 19);
}

const DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Midnight UTC of a `dd/MM/yyyy` date, or NaN when it is not a calendar date. A day or month
 * of one digit (`1/2/2024`, as spreadsheets may save it) is accepted.
 */
export function parseDayMonthYear(text: string): number {
  const m = DAY_MONTH_YEAR.exec(text.trim());
  if (!m) return Number.NaN;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(year, month - 1, day);
  const back = new Date(t);
  return back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? t : Number.NaN;
}

/** Milliseconds after midnight of `HH:mm:ss` (or `HH:mm`), or NaN when it is not a time of day. */
export function parseTimeOfDay(text: string): number {
  const m = TIME_OF_DAY.exec(text.trim());
  if (!m) return Number.NaN;
  const [hours, minutes, seconds] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN;
  return hours * HOUR_MS + minutes * MINUTE_MS + seconds * 1000;
}
