/**
 * The result of the current API's `readings()` / `largeReadings()`: the header members,
 * decoded into an explicit object, and the streaming `readings`. JSON key order is not
 * promised, so members that come after the array are added to the same object when the body
 * ends.
 */
import type * as z from "zod/mini";
import type { DcsErrorInit } from "../core/errors.js";
import { isPeriodType, type PeriodType } from "../core/periods.js";
import { parseTimestamp } from "../core/time.js";
import { readingsHeaderWire } from "../schemas/readings.js";
import { validate } from "../schemas/validate.js";
import type { BatchSource } from "./readings.js";
import { Readings } from "./readings.js";

/** The fields of a {@link ReadingsResult} other than its readings. */
export interface ReadingsHeader {
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
}

/**
 * What `readings()` resolves to. Unknown header fields a newer server adds are kept on the
 * object as they came. A field the server writes after the readings array is `undefined` until
 * the readings have been read to the end.
 */
export interface ReadingsResult<R> extends ReadingsHeader {
  /** The readings, streamed as they arrive: iterate once, or call `toArray()`. */
  readings: Readings<R>;
}

/** The range a `largeReadings()` result reports instead of its windows' own. */
export type HeaderRange = Pick<ReadingsHeader, "startTime" | "endTime">;

type WireHeader = z.infer<typeof readingsHeaderWire>;

const REQUIRED = ["startTime", "endTime", "name", "periodType", "unit"];

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
 * `undefined` while a required member is still to come; at the end it validates everything.
 * Members the SDK does not know are kept as sent, as own data properties (a `"__proto__"`
 * member too: spreading defines properties, it never calls the prototype setter).
 */
export function decodeHeader(
  members: ReadonlyMap<string, unknown>,
  context: DcsErrorInit,
  atEnd: boolean,
  range?: HeaderRange,
): ReadingsHeader | undefined {
  const raw = Object.fromEntries(members);
  const complete =
    REQUIRED.every((key) => key in raw) && ("readingDuration" in raw || "duration" in raw);
  if (!atEnd && !complete) return undefined;
  const wire = fitsReadingsHeader(raw)
    ? raw
    : validate(readingsHeaderWire, raw, "readings header", context);
  const { startTime, endTime, name, periodType, unit, readingDuration, ...more } = wire;
  return {
    startTime: range?.startTime ?? new Date(parseTimestamp(startTime)),
    endTime: range?.endTime ?? new Date(parseTimestamp(endTime)),
    name,
    periodType,
    unit,
    readingDuration: (readingDuration ?? more.duration) as number,
    ...more,
  };
}

/**
 * The header of a body whose required members all come after the array: only the range of a
 * `largeReadings()` is known until the body ends, the rest reads as `undefined` till then.
 */
export function pendingHeader(range?: HeaderRange): ReadingsHeader {
  const unknown = undefined as never;
  return {
    startTime: range?.startTime ?? unknown,
    endTime: range?.endTime ?? unknown,
    name: unknown,
    periodType: unknown,
    unit: unknown,
    readingDuration: unknown,
  };
}

/** Puts the header decoded at the end of the body onto the header handed out at its start. */
export function completeHeader(header: ReadingsHeader, complete: ReadingsHeader): void {
  // Defined, not assigned: assigning a "__proto__" member would replace the prototype.
  Object.defineProperties(header, Object.getOwnPropertyDescriptors(complete));
}

/** The result: the header object itself, with the readings added. */
export function readingsResult<R>(
  header: ReadingsHeader,
  source: BatchSource<R>,
): ReadingsResult<R> {
  return Object.assign(header, { readings: new Readings(source) });
}
