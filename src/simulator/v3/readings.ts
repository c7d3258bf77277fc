/**
 * `GET /api/registerReadings/list` and `GET /api/virtualMeterReadings/list` of the legacy v3
 * API: an array of LegacyReading, in UTC or (useLocalTime) on UK local days with offsets.
 */
import { DAY_MS, MINUTE_MS, PERIOD_TYPES, type PeriodType } from "../../core/periods.js";
import { ukWallToUtc, utcToUkWall } from "../../core/uk-time.js";
import type { Principal } from "../auth.js";
import type { EstateStore } from "../estate/store.js";
import { HttpError, type Query } from "../http.js";
import { streamedJsonResponse } from "../readings/body.js";
import { jsonNumber, roundTo, StampWriter } from "../readings/format.js";
import { provisionalAt } from "../readings/provisional.js";
import { gridOf, type RowSource, type Rows } from "../readings/rows.js";
import { findSource, isInstantaneous, parseInstantParam, rowsOf } from "../readings/sources.js";
import { checkDataAccess } from "../sign-in.js";

/** Readings ids: unique per source and period start. */
const SLOT_SPACE = 2 ** 18;
const VIRTUAL_BASE = 2 ** 46;

/**
 * The readings `who` asked for; `now` decides "today" when no start is given, and which half
 * hours are still provisional (the last `provisionalHours`).
 */
export function v3Readings(
  store: EstateStore,
  who: Principal,
  query: Query,
  isVirtual: boolean,
  now: number,
  provisionalHours = 0,
): Response {
  const idName = isVirtual ? "virtualMeterId" : "registerId";
  const id = query.integer(idName, 0, 4294967295);
  if (id === undefined) throw new HttpError(400, `The ${idName} parameter is required.`);
  const period = query.choice("integrationPeriod", PERIOD_TYPES, "halfHour");
  const local = query.boolean("useLocalTime", false);
  const places = query.integer("decimalPlaces", 0, 15) ?? 1;
  const calibrated = query.boolean("calibrated", false);
  const interpolated = query.boolean("interpolated", false);
  const dataSource = query.choice(
    "source",
    ["automatic", "manual", "merged"] as const,
    "automatic",
  );
  const grid = gridOf(period, local);
  const { start, end } = requestedRange(query, period, local, grid, now);

  const source = isVirtual
    ? findSource(store, who, "virtualMeter", id, `VM${id}`)
    : findSource(store, who, "register", id, `R${id}`);
  checkDataAccess(who, start, end);
  if (isInstantaneous(source) && period !== "halfHour") {
    throw new HttpError(
      400,
      `${isVirtual ? "Virtual meter" : "Register"} ${id} is instantaneous: use integrationPeriod halfHour.`,
    );
  }

  // The simulator has no manually entered readings: "manual" finds none, "merged" equals "automatic".
  const rows =
    dataSource === "manual"
      ? noReadings
      : rowsOf(
          source,
          store,
          grid,
          start,
          end,
          { calibrated, interpolated },
          provisionalAt(store, provisionalHours, now),
        );
  const stamps = new StampWriter(local);
  const idBase = (isVirtual ? VIRTUAL_BASE : 0) + id * SLOT_SPACE + 1;
  const instantaneous = isInstantaneous(source);
  const row = (r: Rows, i: number): string => {
    const t = r.time[i] as number;
    const duration = ((r.end[i] as number) - t) / MINUTE_MS;
    // As the legacy documentation says: virtual meters carry no totals, instantaneous sources no consumption.
    const total = source.kind === "virtualMeter" ? 0 : (r.total[i] as number);
    const periodValue = instantaneous ? 0 : (r.period[i] as number);
    return `{"id":${idBase + (r.slot[i] as number)},"startTime":"${stamps.format(t)}","duration":${duration},"totalValue":${jsonNumber(roundTo(total, places))},"periodValue":${jsonNumber(roundTo(periodValue, places))},"isGenerated":false,"isInterpolated":${((r.status[i] as number) & 1) === 1}}`;
  };
  return streamedJsonResponse({ head: "[", tail: "]", source: rows, row });
}

const noReadings: RowSource = {
  fill(rows: Rows): boolean {
    rows.n = 0;
    return false;
  },
};

/**
 * The span asked for. `start`: a date (midnight, UTC or UK local) or a date-time; omitted, the
 * server's today. Week and month starts must be on the calendar grid; other periods snap down
 * to it. `end` (exclusive) omitted: one day, or one week or month for those periods.
 */
function requestedRange(
  query: Query,
  period: PeriodType,
  local: boolean,
  grid: ReturnType<typeof gridOf>,
  now: number,
): { start: number; end: number } {
  const zone = local ? "uk" : "utc";
  const startText = query.get("start");
  let start: number;
  if (startText === undefined) {
    start = gridOf("day", local).floor(now);
  } else {
    start = parseInstantParam(startText, "start", zone);
  }
  if (period === "week" || period === "month") {
    if (grid.floor(start) !== start) {
      throw new HttpError(
        400,
        `The start must be the start of a calendar ${period} (${period === "week" ? "a Monday" : "the 1st of a month"}) when integrationPeriod is ${period}.`,
      );
    }
  } else {
    start = grid.floor(start);
  }
  const endText = query.get("end");
  const end =
    endText === undefined
      ? period === "week" || period === "month"
        ? grid.add(start, 1)
        : local
          ? ukWallToUtc(utcToUkWall(start) + DAY_MS)
          : start + DAY_MS
      : parseInstantParam(endText, "end", zone);
  if (end <= start) throw new HttpError(400, "The end must be after the start.");
  if (end - start > 100 * 366 * DAY_MS)
    throw new HttpError(400, "The requested range is too long.");
  return { start, end };
}
