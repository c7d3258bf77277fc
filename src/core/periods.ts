/**
 * Period arithmetic on the UTC grid DCS uses: half hours, hours, days, weeks starting on
 * Monday and calendar months. Instants are epoch milliseconds so hot loops avoid `Date`.
 */

/** The integration periods both API generations accept. */
export const PERIOD_TYPES = ["halfHour", "hour", "day", "week", "month"] as const;
/**
 * A readings period: `"halfHour"` (the metering interval), `"hour"`, `"day"` (UTC days, or UK
 * local days with `useLocalTime`), `"week"` (starting Mondays) or `"month"` (starting the 1st).
 */
export type PeriodType = (typeof PERIOD_TYPES)[number];

export const MINUTE_MS = 60_000;
export const HALF_HOUR_MS = 30 * MINUTE_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

const FIXED_MS: Record<Exclude<PeriodType, "month">, number> = {
  halfHour: HALF_HOUR_MS,
  hour: HOUR_MS,
  day: DAY_MS,
  week: WEEK_MS,
};

/** 1970-01-01 was a Thursday; Monday 1970-01-05 anchors the week grid. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/**
 * How callers may write a period in TypeScript: the canonical name, or all in lower case as
 * pythondcs does (`"halfhour"`). At run time any case is accepted.
 */
export type PeriodTypeInput = PeriodType | Lowercase<PeriodType>;

export function isPeriodType(value: unknown): value is PeriodType {
  return typeof value === "string" && (PERIOD_TYPES as readonly string[]).includes(value);
}

const BY_LOWER_CASE = new Map<string, PeriodType>(PERIOD_TYPES.map((p) => [p.toLowerCase(), p]));

/**
 * The canonical name of a period written in any case (`"halfhour"`, `"HALFHOUR"` →
 * `"halfHour"`), as pythondcs and the server accept it; `undefined` for anything else.
 */
export function parsePeriodType(input: string): PeriodType | undefined {
  return BY_LOWER_CASE.get(input.toLowerCase());
}

/** The start of the period that contains `t`. */
export function floorToPeriod(t: number, period: PeriodType): number {
  if (period === "month") {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const size = FIXED_MS[period];
  const anchor = period === "week" ? FIRST_MONDAY_MS : 0;
  return Math.floor((t - anchor) / size) * size + anchor;
}

/** True when `t` starts a period (week: Monday 00:00 UTC; month: the 1st, 00:00 UTC). */
export function isAligned(t: number, period: PeriodType): boolean {
  return floorToPeriod(t, period) === t;
}

/** `t` moved by `n` whole periods (months follow the calendar). */
export function addPeriods(t: number, period: PeriodType, n: number): number {
  if (period !== "month") return t + n * FIXED_MS[period];
  const d = new Date(t);
  return Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() + n,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/** Whole periods from `start` to `end` (both aligned, `start <= end`). */
export function periodsBetween(start: number, end: number, period: PeriodType): number {
  if (period !== "month") return Math.floor((end - start) / FIXED_MS[period]);
  const a = new Date(start);
  const b = new Date(end);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

/** Human words for error messages: "a Monday 00:00 UTC" etc. */
export function describeGrid(period: PeriodType): string {
  switch (period) {
    case "halfHour":
      return "a whole half hour (minutes 00 or 30, seconds 0)";
    case "hour":
      return "a whole hour (UTC)";
    case "day":
      return "midnight UTC";
    case "week":
      return "a Monday at midnight UTC";
    case "month":
      return "the 1st of a month at midnight UTC";
  }
}
