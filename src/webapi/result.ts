/**
 * The result object of `readings()` / `largeReadings()`: the header fields, decoded, and the
 * streaming `readings`. JSON key order is not promised, so header fields that the server
 * writes after the array are filled in when the stream reaches them.
 */
import type * as z from "zod/mini";
import type { DcsErrorInit } from "../core/errors.js";
import { isPeriodType, type PeriodType } from "../core/periods.js";
import { parseTimestamp } from "../core/time.js";
import type { Readings } from "../readings/readings.js";
import { readingsHeaderWire } from "../schemas/readings.js";
import { validate } from "../schemas/validate.js";

/**
 * What `readings()` resolves to. Unknown header fields a newer server adds are kept on the
 * object as they came.
 */
export interface ReadingsResult<R> {
  /** Start of the range the server answered for. */
  startTime: Date;
  /** End of the range (exclusive). */
  endTime: Date;
  /** `"METER NAME: REGISTER NAME"`, or the virtual meter's name. */
  name: string;
  periodType: PeriodType;
  unit: string;
  /**
   * Minutes each reading covers: 0 when `value` is a running total (cumulative registers) or an
   * instantaneous value, the period length when it is consumption (virtual meters). Servers
   * that send `duration` instead are read the same way.
   */
  readingDuration: number;
  /** The readings, streamed as they arrive: iterate once, or call `toArray()`. */
  readings: Readings<R>;
}

/** The fields of a {@link ReadingsResult} other than its readings. */
export type ReadingsHeader = Omit<ReadingsResult<never>, "readings">;

const REQUIRED = ["startTime", "endTime", "name", "periodType", "unit"];

type WireHeader = z.infer<typeof readingsHeaderWire>;

const isInstant = (v: unknown) => typeof v === "string" && !Number.isNaN(parseTimestamp(v));
const isOptionalInt = (v: unknown) => v === undefined || Number.isSafeInteger(v);

/**
 * The hot-path check of a header: accepts exactly what `readingsHeaderWire` does (a property
 * test holds the two together), without running zod on every request. zod only runs to
 * explain a refusal.
 */
export function fitsReadingsHeader(raw: Record<string, unknown>): raw is WireHeader {
  return (
    isInstant(raw.startTime) &&
    isInstant(raw.endTime) &&
    typeof raw.name === "string" &&
    isPeriodType(raw.periodType) &&
    typeof raw.unit === "string" &&
    isOptionalInt(raw.readingDuration) &&
    isOptionalInt(raw.duration) &&
    (raw.readingDuration !== undefined || raw.duration !== undefined)
  );
}

/**
 * Decodes the header from the members seen so far. Before the end of the body it returns
 * `undefined` while a required field is still to come; at the end it validates everything.
 */
export function decodeHeader(
  members: ReadonlyMap<string, unknown>,
  context: DcsErrorInit,
  atEnd: boolean,
): ReadingsHeader | undefined {
  const raw = Object.fromEntries(members);
  const complete =
    REQUIRED.every((key) => key in raw) && ("readingDuration" in raw || "duration" in raw);
  if (!atEnd && !complete) return undefined;
  const header = fitsReadingsHeader(raw)
    ? raw
    : validate(readingsHeaderWire, raw, "readings header", context);
  return {
    ...header,
    startTime: new Date(parseTimestamp(header.startTime)),
    endTime: new Date(parseTimestamp(header.endTime)),
    readingDuration: (header.readingDuration ?? header.duration) as number,
  };
}

/**
 * Copies header fields onto a result as its own data properties. `Object.assign` would call
 * the `__proto__` setter for a server's `"__proto__"` member and swap the result's prototype.
 */
export function setHeader(target: object, ...headers: Partial<ReadingsHeader>[]): void {
  for (const header of headers) {
    for (const [key, value] of Object.entries(header)) {
      Object.defineProperty(target, key, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
}
