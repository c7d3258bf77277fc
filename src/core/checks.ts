/**
 * Argument checks both clients share, so that a mistake is reported the same way whichever
 * API generation is used, before any request is sent.
 */
import { DcsArgumentError } from "./errors.js";
import { isDcsId, MAX_ID } from "./ids.js";
import { describeGrid, isAligned, type PeriodType, parsePeriodType } from "./periods.js";
import { formatUtcSeconds } from "./time.js";

/** The canonical name of a period given in any case; `name` is the option, for the error. */
export function checkPeriodType(value: unknown, name: string): PeriodType {
  if (value === undefined) return "halfHour";
  const period = typeof value === "string" ? parsePeriodType(value) : undefined;
  if (period === undefined) {
    throw new DcsArgumentError(
      `${name} must be "halfHour", "hour", "day", "week" or "month" (in any case), got ${JSON.stringify(value)}`,
    );
  }
  return period;
}

export function checkBoolean(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean")
    throw new DcsArgumentError(`${name} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function checkAligned(t: number, period: PeriodType, name: string): void {
  if (!isAligned(t, period)) {
    throw new DcsArgumentError(
      `${name} ${formatUtcSeconds(t)} is not on the ${period} grid: it must fall on ${describeGrid(period)}`,
    );
  }
}

/** DCS ids (meters, registers, virtual meters, devices) are unsigned 32-bit integers. */
export function checkId(id: unknown, what: string): number {
  if (!isDcsId(id)) {
    throw new DcsArgumentError(
      `${what} must be a whole number from 0 to ${MAX_ID}, got ${String(id)}`,
    );
  }
  return id;
}
