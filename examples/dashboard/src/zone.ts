/**
 * Time as an energy manager reads it: UK civil time (GMT in winter, BST in summer) by default,
 * or UTC. DCS timestamps are instants; this module turns them into local days, half hours and
 * calendar periods, and formats them in the UK way (31/03/2024 01:30 GMT) whatever the
 * browser's locale. Offsets come from `Intl` (`Europe/London`), never from the machine's zone.
 */

export type Zone = "uk" | "utc";

export const HALF_HOUR_MS = 1_800_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A calendar date as a day number: days since 1970-01-01. The same in every zone. */
export type Day = number;

/** A range of instants, `end` exclusive, in epoch ms. */
export interface Range {
  start: number;
  end: number;
}

/** The dates a user picked, both inclusive. */
export interface DateSpan {
  from: Day;
  to: Day;
}

export type Period = "halfHour" | "hour" | "day" | "week" | "month";

const TIME_ZONES: Record<Zone, string> = { uk: "Europe/London", utc: "UTC" };

const wallFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONES.uk,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
});

/** The UK offset at `t` in ms, read from Intl. */
function ukOffsetAt(t: number): number {
  const parts: Record<string, number> = {};
  for (const part of wallFormat.formatToParts(t)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return wall - Math.floor(t / MINUTE_MS) * MINUTE_MS;
}

/** Per UTC day: the offset before and after the day's clock change (if any) and its instant. */
interface DayOffsets {
  before: number;
  after: number;
  changeAt: number;
}

// One Intl lookup per end of a UTC day (and a short search on the two change days a year),
// instead of one per reading: ten years of half hours cost about 7,000 lookups.
const ukDays = new Map<number, DayOffsets>();

function ukDayOffsets(utcDay: number): DayOffsets {
  let entry = ukDays.get(utcDay);
  if (entry) return entry;
  let lo = utcDay * DAY_MS;
  let hi = lo + DAY_MS - MINUTE_MS;
  const before = ukOffsetAt(lo);
  const after = ukOffsetAt(hi);
  if (before !== after) {
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (ukOffsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
  }
  entry = { before, after, changeAt: before === after ? Number.POSITIVE_INFINITY : hi };
  ukDays.set(utcDay, entry);
  return entry;
}

/** How far the zone's wall clock is ahead of UTC at `t`, in ms. */
export function offsetMs(t: number, zone: Zone): number {
  if (zone === "utc") return 0;
  const day = ukDayOffsets(Math.floor(t / DAY_MS));
  return t < day.changeAt ? day.before : day.after;
}

/** The wall-clock time of `t` in the zone, written as if it were UTC ms. */
function wall(t: number, zone: Zone): number {
  return t + offsetMs(t, zone);
}

/** The instant at which the zone's wall clock shows `wallMs` (first occurrence). */
function fromWall(wallMs: number, zone: Zone): number {
  let t = wallMs - offsetMs(wallMs, zone);
  if (wall(t, zone) !== wallMs) t = wallMs - offsetMs(t, zone);
  return t;
}

/** The local date of instant `t`. */
export function localDay(t: number, zone: Zone): Day {
  return Math.floor(wall(t, zone) / DAY_MS);
}

/** The instant of local midnight starting `day`. */
export function dayStart(day: Day, zone: Zone): number {
  return fromWall(day * DAY_MS, zone);
}

/** The half hour of the local wall clock that `t` falls in: 0 (00:00) to 47 (23:30). */
export function wallSlot(t: number, zone: Zone): number {
  const w = wall(t, zone);
  return Math.floor((w - Math.floor(w / DAY_MS) * DAY_MS) / HALF_HOUR_MS);
}

/** Half hours in a local day: 48, or 46 and 50 on the days UK clocks go forward and back. */
export function halfHoursInDay(day: Day, zone: Zone): number {
  return (dayStart(day + 1, zone) - dayStart(day, zone)) / HALF_HOUR_MS;
}

/** The instants of `span`'s dates in the zone: from the first date's midnight to after the last. */
export function rangeOf(span: DateSpan, zone: Zone): Range {
  return { start: dayStart(span.from, zone), end: dayStart(span.to + 1, zone) };
}

export function dayOf(year: number, month: number, day: number): Day {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function dateOfDay(day: Day): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The same date `years` later (earlier if negative); 29 February becomes the 28th. */
export function addYears(day: Day, years: number): Day {
  const date = dateOfDay(day);
  const lastOfMonth = new Date(Date.UTC(date.year + years, date.month, 0)).getUTCDate();
  return dayOf(date.year + years, date.month, Math.min(date.day, lastOfMonth));
}

/** The same dates a year earlier. */
export function yearEarlier(span: DateSpan): DateSpan {
  return { from: addYears(span.from, -1), to: addYears(span.to, -1) };
}

/** The same local wall-clock time a year later, as an instant (for year-on-year overlays). */
export function aYearLater(t: number, zone: Zone): number {
  const w = wall(t, zone);
  const day = Math.floor(w / DAY_MS);
  return fromWall(addYears(day, 1) * DAY_MS + (w - day * DAY_MS), zone);
}

/** Reads `31/12/2024` (UK order, as people type it) or `2024-12-31`; undefined if not a date. */
export function parseDate(text: string): Day | undefined {
  const trimmed = text.trim();
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const [year, month, day] = uk
    ? [Number(uk[3]), Number(uk[2]), Number(uk[1])]
    : iso
      ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
      : [Number.NaN, Number.NaN, Number.NaN];
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 1900)) return undefined;
  const parsed = dayOf(year, month, day);
  return dateOfDay(parsed).day === day ? parsed : undefined; // 31/02 is not a date
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** `31/12/2024`. */
export function formatDay(day: Day): string {
  const d = dateOfDay(day);
  return `${pad(d.day)}/${pad(d.month)}/${d.year}`;
}

/** `2024-12-31`, for file names. */
export function isoDay(day: Day): string {
  const d = dateOfDay(day);
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

const weekdayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short" });
const monthFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  month: "long",
  year: "numeric",
});

/** `Sun`. */
export function weekdayName(day: Day): string {
  return weekdayFormat.format(day * DAY_MS);
}

const zoneNameFormats: Record<Zone, Intl.DateTimeFormat> = {
  uk: new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONES.uk, timeZoneName: "short" }),
  utc: new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONES.utc, timeZoneName: "short" }),
};

/** `GMT` or `BST` (UK), `UTC`. */
export function zoneName(t: number, zone: Zone): string {
  const parts = zoneNameFormats[zone].formatToParts(t);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? TIME_ZONES[zone];
}

/** `01:30` on the zone's wall clock. */
export function formatClock(t: number, zone: Zone): string {
  const w = wall(t, zone);
  const minutes = Math.floor((w - Math.floor(w / DAY_MS) * DAY_MS) / MINUTE_MS);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** `31/03/2024 01:30 GMT`. */
export function formatDateTime(t: number, zone: Zone): string {
  return `${formatDay(localDay(t, zone))} ${formatClock(t, zone)} ${zoneName(t, zone)}`;
}

/** The start of the period containing `t`: weeks start on Monday, months on the 1st. */
export function periodStart(t: number, period: Period, zone: Zone): number {
  // UK offsets are whole hours, so half hours and hours start on the UTC grid.
  if (period === "halfHour") return Math.floor(t / HALF_HOUR_MS) * HALF_HOUR_MS;
  if (period === "hour") return Math.floor(t / HOUR_MS) * HOUR_MS;
  const day = localDay(t, zone);
  if (period === "day") return dayStart(day, zone);
  if (period === "week") return dayStart(day - ((day + 3) % 7), zone); // day 0 was a Thursday
  const { year, month } = dateOfDay(day);
  return dayStart(dayOf(year, month, 1), zone);
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(start: number, period: Period, zone: Zone): number {
  if (period === "halfHour") return start + HALF_HOUR_MS;
  if (period === "hour") return start + HOUR_MS;
  const day = localDay(start, zone);
  if (period === "day") return dayStart(day + 1, zone);
  if (period === "week") return dayStart(day + 7, zone);
  const { year, month } = dateOfDay(day);
  return dayStart(dayOf(year, month + 1, 1), zone);
}

/** How a period starting at `t` is named: `31/03/2024 01:30 GMT`, `Sun 31/03/2024`, `March 2024`. */
export function formatPeriod(t: number, period: Period, zone: Zone): string {
  if (period === "halfHour" || period === "hour") return formatDateTime(t, zone);
  const day = localDay(t, zone);
  if (period === "day") return `${weekdayName(day)} ${formatDay(day)}`;
  if (period === "week") return `Week from ${weekdayName(day)} ${formatDay(day)}`;
  return monthFormat.format(day * DAY_MS);
}
