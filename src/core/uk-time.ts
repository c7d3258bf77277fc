/**
 * UK civil time (GMT in winter, BST = UTC+1 from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October), computed by hand: no Intl, no machine time zone.
 * One clock for all: the simulator lays the legacy API's `useLocalTime=true` days, weeks and
 * months on it, and DCS's by-half-hour file layout its UK local days.
 */
import { DAY_MS, HOUR_MS, type PeriodType } from "./periods.js";

const bounds = new Map<number, readonly [number, number]>();

/** Midnight UTC of the last Sunday of a month (0-based month). */
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);
  const weekday = new Date(last).getUTCDay(); // 0 = Sunday
  return last - weekday * DAY_MS;
}

/** The BST span of a year as UTC instants [start, end). */
function bstBounds(year: number): readonly [number, number] {
  let b = bounds.get(year);
  if (b === undefined) {
    b = [lastSunday(year, 2) + HOUR_MS, lastSunday(year, 9) + HOUR_MS];
    bounds.set(year, b);
  }
  return b;
}

/** UK offset from UTC at instant `t`, in ms (0 or one hour). */
export function ukOffsetMs(t: number): number {
  const [start, end] = bstBounds(new Date(t).getUTCFullYear());
  return t >= start && t < end ? HOUR_MS : 0;
}

/**
 * The instant of a UK wall-clock time given as if it were UTC ms. Wall times skipped in
 * spring read as GMT; the repeated hour in autumn reads as its first (BST) occurrence.
 */
export function ukWallToUtc(wall: number): number {
  const asBst = wall - HOUR_MS;
  return ukOffsetMs(asBst) === HOUR_MS ? asBst : wall;
}

/** The UK wall-clock time of instant `t`, as if it were UTC ms (for calendar arithmetic). */
export function utcToUkWall(t: number): number {
  return t + ukOffsetMs(t);
}

/** The instant of UK local midnight starting the local day that contains `t`. */
function ukDayStart(t: number): number {
  const wall = utcToUkWall(t);
  return ukWallToUtc(wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS));
}

/**
 * The start of the UK-local period containing `t`. Half hours and hours coincide with UTC
 * because UK offsets are whole hours.
 */
export function ukFloorToPeriod(t: number, period: PeriodType): number {
  if (period === "halfHour" || period === "hour") {
    const size = period === "hour" ? HOUR_MS : HOUR_MS / 2;
    return Math.floor(t / size) * size;
  }
  const day = utcToUkWall(ukDayStart(t)); // wall midnight
  const d = new Date(day);
  if (period === "day") return ukWallToUtc(day);
  if (period === "week") return ukWallToUtc(day - ((d.getUTCDay() + 6) % 7) * DAY_MS);
  return ukWallToUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

/** The start of the UK-local period after the one starting at `t` (`n` may be negative). */
export function ukAddPeriods(t: number, period: PeriodType, n: number): number {
  if (period === "halfHour") return t + (n * HOUR_MS) / 2;
  if (period === "hour") return t + n * HOUR_MS;
  const d = new Date(utcToUkWall(t));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  if (period === "month") return ukWallToUtc(Date.UTC(y, m + n, day));
  return ukWallToUtc(Date.UTC(y, m, day + n * (period === "week" ? 7 : 1)));
}
