/**
 * The arguments of `DcsSession`'s calls: the readings options, checked and translated into the
 * legacy API's query, and the shapes its other calls take.
 */

import { checkAligned, checkBoolean, checkPeriodType } from "../core/checks.js";
import { DcsArgumentError } from "../core/errors.js";
import {
  addPeriods,
  DAY_MS,
  floorToPeriod,
  HOUR_MS,
  type PeriodType,
  type PeriodTypeInput,
} from "../core/periods.js";
import { type DateInput, formatUtcDate, formatUtcSeconds, toInstant } from "../core/time.js";

/**
 * Which readings the legacy API returns: collected automatically (the default), entered
 * manually, or both merged.
 */
export type ReadingsDataSource = "automatic" | "manual" | "merged";

/** Options of `getReadings()`, with pythondcs's defaults. */
export interface LegacyReadingsOptions {
  /** Start (inclusive): a `Date` or `"yyyy-mm-dd"`. Omitted: the server's today. */
  start?: DateInput;
  /** End (exclusive). Omitted: one day after start (a week or month for those periods). */
  end?: DateInput;
  /** Decimal places of the values, 0-15 (default 15, as pythondcs). */
  decimalPlaces?: number;
  /** Apply calibration readings to totals (default true). */
  calibrated?: boolean;
  /** Fill gaps by interpolation (default true). */
  interpolated?: boolean;
  /**
   * Days in UK local time (GMT/BST) instead of UTC (default false). Timestamps are still
   * `Date` instants; a clock-change day has 46 or 50 half hours.
   */
  useLocalTime?: boolean;
  /**
   * Default `"halfHour"`, in any case (pythondcs writes `"halfhour"`); week and month need a
   * start on a calendar week or month start.
   */
  integrationPeriod?: PeriodTypeInput;
  /** Default `"automatic"`; `"manual"` or `"merged"` include manually entered readings. */
  source?: ReadingsDataSource;
  /** Aborts the request, or the stream while it is read. */
  signal?: AbortSignal;
}

/** Options of `getMegaReadings()`. */
export interface MegaReadingsOptions extends LegacyReadingsOptions {
  /**
   * Longest span of one request, in days (default 549, about 18 months, as pythondcs). Halved
   * automatically if the server refuses it as too long; the session remembers what it learned.
   */
  maxWindowDays?: number;
}

/** A new Modbus device: the fields the server requires. */
export interface NewModbusDevice {
  address: number;
  description: string;
  serialNumber: string;
  deviceType: "pulseCounter" | "radioReceiver";
  /** The IDC's MAC, as an integer or `"00:1A:2B:3C:4D:5E"`. */
  macAddress: number | string;
  [key: string]: unknown;
}

/** A command for `commandModbusDevice`: test communication, push the setup, or clear its buffer. */
export type ModbusAction = "testComms" | "setup" | "resetBuffer";

export interface LegacyReadingsRequest {
  id: number;
  isVirtual: boolean;
  start: number | undefined;
  end: number | undefined;
  decimalPlaces: number;
  calibrated: boolean;
  interpolated: boolean;
  useLocalTime: boolean;
  period: PeriodType;
  source: ReadingsDataSource;
}

export function checkLegacyReadingsRequest(
  id: number,
  isVirtual: boolean,
  options: LegacyReadingsOptions,
): LegacyReadingsRequest {
  if (!Number.isInteger(id) || id < 0 || id > 4294967295) {
    throw new DcsArgumentError(
      `The ${isVirtual ? "virtual meter" : "register"} id must be a whole number >= 0, got ${id}`,
    );
  }
  if (typeof isVirtual !== "boolean") {
    throw new DcsArgumentError(
      `isVirtual must be true (virtual meter) or false (register), got ${String(isVirtual)}`,
    );
  }
  const decimalPlaces = options.decimalPlaces ?? 15;
  if (!Number.isInteger(decimalPlaces) || decimalPlaces < 0 || decimalPlaces > 15) {
    throw new DcsArgumentError(
      `decimalPlaces must be a whole number from 0 to 15, got ${decimalPlaces}`,
    );
  }
  const source = options.source ?? "automatic";
  if (source !== "automatic" && source !== "manual" && source !== "merged") {
    throw new DcsArgumentError(
      `source must be "automatic", "manual" or "merged", got ${JSON.stringify(source)}`,
    );
  }
  const period = checkPeriodType(options.integrationPeriod, "integrationPeriod");
  const start = options.start === undefined ? undefined : toInstant(options.start, "start");
  const end = options.end === undefined ? undefined : toInstant(options.end, "end");
  if (start !== undefined && (period === "week" || period === "month"))
    checkAligned(start, period, "start");
  if (start !== undefined && end !== undefined && end <= start) {
    throw new DcsArgumentError(
      `end ${formatUtcSeconds(end)} must be after start ${formatUtcSeconds(start)} (the end is exclusive)`,
    );
  }
  return {
    id,
    isVirtual,
    start,
    end,
    decimalPlaces,
    calibrated: checkBoolean(options.calibrated, "calibrated", true),
    interpolated: checkBoolean(options.interpolated, "interpolated", true),
    useLocalTime: checkBoolean(options.useLocalTime, "useLocalTime", false),
    period,
    source,
  };
}

/**
 * Bounds the readings of a request must lie in, `[start, end)` in epoch ms: the server snaps a
 * start down to the period grid, and without an end gives one day (a week or month for those
 * periods); without a start it begins the server's today, a time we do not know. With
 * `useLocalTime` the server reads dates as UK local midnights, up to an hour before UTC's, so
 * the bounds allow that hour; readings must still go strictly forward, so windows cannot
 * overlap.
 */
export function legacyReadingsWindow(request: LegacyReadingsRequest): {
  start: number;
  end: number;
} {
  const { start, end, period } = request;
  const slack = request.useLocalTime ? HOUR_MS : 0;
  if (start === undefined)
    return { start: Number.NEGATIVE_INFINITY, end: end ?? Number.POSITIVE_INFINITY };
  const length = period === "week" || period === "month" ? period : "day";
  return {
    start: floorToPeriod(start, period) - slack,
    end: end ?? addPeriods(start, length, 1) + slack,
  };
}

/** Dates go as `yyyy-MM-dd` when they are whole days, as the API documents; else full ISO. */
function legacyDate(t: number): string {
  return t % DAY_MS === 0 ? formatUtcDate(t) : formatUtcSeconds(t);
}

/** The query parameters shared by register and virtual meter readings. */
export function legacyReadingsQuery(request: LegacyReadingsRequest) {
  return {
    ...(request.start === undefined ? {} : { start: legacyDate(request.start) }),
    ...(request.end === undefined ? {} : { end: legacyDate(request.end) }),
    decimalPlaces: request.decimalPlaces,
    calibrated: request.calibrated,
    interpolated: request.interpolated,
    useLocalTime: request.useLocalTime,
    integrationPeriod: request.period,
    source: request.source,
  };
}
