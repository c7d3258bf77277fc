/**
 * Checking and translating `readings()` arguments into the query the current API wants.
 * Everything here runs before any request, so a mistake costs the server nothing.
 */

import { checkAligned, checkBoolean, checkId, checkPeriodType } from "../core/checks.js";
import { DcsArgumentError } from "../core/errors.js";
import { parseReadingsId, type SourceRef, sourceRef } from "../core/ids.js";
import { addPeriods, type PeriodType, type PeriodTypeInput } from "../core/periods.js";
import { type DateInput, formatUtcSeconds, toInstant } from "../core/time.js";

/** A register (`"R733"`, `{ register: 733 }`) or a virtual meter (`"VM9"`, `{ virtualMeter: 9 }`). */
export type SourceId = string | { register: number } | { virtualMeter: number };

/** A parsed source id. */
export type Source = SourceRef;

/**
 * `"standard"`: `{ timestamp, value, status }`. `"complete"` (registers only): `{ timestamp,
 * totalValue, periodValue, status }`.
 */
export type ReadingsFormat = "standard" | "complete";

/** Options of `readings()`; give exactly two of `startTime`, `endTime`, `periodCount`. */
export interface ReadingsOptions {
  /** Start of the range (inclusive). `"2024-01-01"` means midnight UTC. */
  startTime?: DateInput;
  /** End of the range (exclusive). */
  endTime?: DateInput;
  /** Number of periods, with one of `startTime` / `endTime`. */
  periodCount?: number;
  /**
   * Integration period (default `"halfHour"`; instantaneous sources allow only that), in any
   * case: `"halfhour"` as pythondcs writes it is sent as `"halfHour"`.
   */
  periodType?: PeriodTypeInput;
  /** Apply calibration readings to totals (default true, as pythondcs). */
  calibrated?: boolean;
  /** Fill gaps by linear interpolation, flagged in `status` (default true, as pythondcs). */
  interpolated?: boolean;
  /** `"standard"` (default) or `"complete"` (registers only). */
  format?: ReadingsFormat;
  /** Aborts the request, or the stream of readings while it is read. */
  signal?: AbortSignal;
}

/** Parses `"R733"`, `"vm9"`, `{ register: 733 }` or `{ virtualMeter: 9 }`. */
export function parseSourceId(id: SourceId): Source {
  if (typeof id === "string") {
    const source = parseReadingsId(id);
    if (source) return source;
  } else if (id !== null && typeof id === "object") {
    const keys = Object.keys(id);
    if (keys.length === 1 && "register" in id) {
      return sourceRef("register", checkId(id.register, "register"));
    }
    if (keys.length === 1 && "virtualMeter" in id) {
      return sourceRef("virtualMeter", checkId(id.virtualMeter, "virtualMeter"));
    }
  }
  throw new DcsArgumentError(
    `Readings need a register or virtual meter id such as "R733", "VM9", { register: 733 } or { virtualMeter: 9 }; got ${JSON.stringify(id)}. (A meter's own id is not a readings id: use one of its registers' ids.)`,
  );
}

/** The checked range: exactly two of start, end and count. */
export interface Range {
  start: number | undefined;
  end: number | undefined;
  count: number | undefined;
}

export function checkRange(options: ReadingsOptions, period: PeriodType): Range {
  const start =
    options.startTime === undefined ? undefined : toInstant(options.startTime, "startTime");
  const end = options.endTime === undefined ? undefined : toInstant(options.endTime, "endTime");
  const count = options.periodCount;
  const given = [start, end, count].filter((v) => v !== undefined).length;
  if (given !== 2) {
    throw new DcsArgumentError(
      `Give exactly two of startTime, endTime and periodCount (got ${given === 3 ? "all three" : given === 1 ? "one" : "none"})`,
    );
  }
  if (count !== undefined && !(Number.isInteger(count) && count >= 1)) {
    throw new DcsArgumentError(`periodCount must be a whole number >= 1, got ${count}`);
  }
  if (start !== undefined) checkAligned(start, period, "startTime");
  if (end !== undefined) checkAligned(end, period, "endTime");
  if (start !== undefined && end !== undefined && end <= start) {
    throw new DcsArgumentError(
      `endTime ${formatUtcSeconds(end)} must be after startTime ${formatUtcSeconds(start)} (the end is exclusive)`,
    );
  }
  return { start, end, count };
}

/** Everything `readings()` sends, checked. */
export interface ReadingsRequest {
  source: Source;
  format: ReadingsFormat;
  period: PeriodType;
  calibrated: boolean;
  interpolated: boolean;
  range: Range;
}

export function checkReadingsRequest(id: SourceId, options: ReadingsOptions): ReadingsRequest {
  const source = parseSourceId(id);
  const format = options.format ?? "standard";
  if (format !== "standard" && format !== "complete") {
    throw new DcsArgumentError(
      `format must be "standard" or "complete", got ${JSON.stringify(format)}`,
    );
  }
  if (format === "complete" && source.kind === "virtualMeter") {
    throw new DcsArgumentError(
      `format "complete" is not available for virtual meters (${source.wire})`,
    );
  }
  const period = checkPeriodType(options.periodType, "periodType");
  return {
    source,
    format,
    period,
    calibrated: checkBoolean(options.calibrated, "calibrated", true),
    interpolated: checkBoolean(options.interpolated, "interpolated", true),
    range: checkRange(options, period),
  };
}

/** The instants a request covers, `[start, end)`, whichever two of start, end and count it gives. */
export function requestedWindow(request: ReadingsRequest): { start: number; end: number } {
  const { start, end, count } = request.range;
  return {
    start: start ?? addPeriods(end as number, request.period, -(count as number)),
    end: end ?? addPeriods(start as number, request.period, count as number),
  };
}

/** The query string parameters, in the wire's names and forms. */
export function readingsQuery(request: ReadingsRequest) {
  const { range } = request;
  return {
    id: request.source.wire,
    format: request.format,
    periodType: request.period,
    calibrated: request.calibrated,
    interpolated: request.interpolated,
    ...(range.start === undefined ? {} : { startTime: formatUtcSeconds(range.start) }),
    ...(range.end === undefined ? {} : { endTime: formatUtcSeconds(range.end) }),
    ...(range.count === undefined ? {} : { periodCount: range.count }),
  };
}
