/**
 * Decoding one reading element, on the hot path: a hand-written check of the wire shape,
 * then an in-place conversion (timestamp string → `Date`, "NaN"/"Infinity" → numbers) of the
 * object `JSON.parse` made, so unknown extra fields stay on it at no cost.
 *
 * Each codec's `decode` accepts exactly the elements its zod `schema` accepts; a property test
 * holds the two together. When `decode` refuses an element, the schema explains why.
 */
import type * as z from "zod/mini";
import { parseTimestamp } from "../core/time.js";
import {
  completeReadingWire,
  legacyReadingWire,
  standardReadingWire,
} from "../schemas/readings.js";

/** A reading in `format: "standard"`. */
export interface StandardReading {
  /** The start of the period the reading is for. */
  timestamp: Date;
  /**
   * What this is depends on the source (the result's `readingDuration` tells: 0 for totals and
   * instantaneous values, the period length for consumption):
   * - a cumulative register (kWh, m³): the meter's running total at `timestamp`, like the
   *   number on its dial. The consumption in a period is the next reading's total minus this
   *   one (not across a {@link ReadingStatus.Reset}), or `periodValue` with
   *   `format: "complete"`. So `max(value)` is the latest total, not the peak demand.
   * - an instantaneous register (kW, V): the value at `timestamp`.
   * - a virtual meter: the consumption in the period starting at `timestamp` (its expression
   *   over its registers' consumption), so `max(value)` is the peak period; an instantaneous
   *   virtual meter gives its instantaneous value.
   */
  value: number;
  /** Bit set of {@link ReadingStatus} flags; 0 for a plain reading. */
  status: number;
}

/** A reading in `format: "complete"` (registers only). */
export interface CompleteReading {
  /** The start of the period the reading is for. */
  timestamp: Date;
  /** The register's running total at the start of the period (`value` in the standard format). */
  totalValue: number;
  /** The consumption in the period, comparable with a virtual meter's `value` (0 for instantaneous registers). */
  periodValue: number;
  status: number;
}

/** A reading of the legacy v3 API. */
export interface LegacyReading {
  id: number;
  startTime: Date;
  /** Period length in minutes. */
  duration: number;
  /** The register's running total at `startTime` (always 0 for virtual meters). */
  totalValue: number;
  /**
   * Consumption in the period, for registers and virtual meters alike (0 for instantaneous
   * sources). With `DcsWebApi` this is `periodValue` of `format: "complete"` for a register,
   * and `value` for a virtual meter.
   */
  periodValue: number;
  isGenerated: boolean;
  isInterpolated: boolean;
}

/** Flags of a reading's `status`. */
export const ReadingStatus = {
  /** No reading exists in DCS for this period; the value was interpolated. */
  Interpolated: 1,
  /** A register reset: a discontinuity in the metered data. */
  Reset: 2,
} as const;

export interface ReadingCodec<R> {
  /** Checks and converts one element in place; `undefined` if it does not fit the schema. */
  decode(element: unknown): R | undefined;
  /** The instant a decoded reading is for, in epoch ms. */
  timeOf(reading: R): number;
  /** The wire schema, to explain a refusal. */
  schema: z.ZodMiniType;
}

/** Marks a value that does not fit the schema (NaN itself is a valid reading value). */
const INVALID = Symbol("invalid");

function value(v: unknown): number | typeof INVALID {
  if (typeof v === "number") return v - v === 0 ? v : INVALID; // finite numbers only, as zod
  if (v === "NaN") return Number.NaN;
  if (v === "Infinity") return Number.POSITIVE_INFINITY;
  if (v === "-Infinity") return Number.NEGATIVE_INFINITY;
  return INVALID;
}

const isObject = (o: unknown): o is Record<string, unknown> =>
  typeof o === "object" && o !== null && !Array.isArray(o);

const isStatus = (s: unknown): s is number => Number.isSafeInteger(s) && (s as number) >= 0;

function instant(text: unknown): number {
  return typeof text === "string" ? parseTimestamp(text) : Number.NaN;
}

export const standardReadingCodec: ReadingCodec<StandardReading> = {
  schema: standardReadingWire,
  timeOf: (reading) => reading.timestamp.getTime(),
  decode(o) {
    if (!isObject(o)) return undefined;
    const t = instant(o.timestamp);
    const v = value(o.value);
    if (Number.isNaN(t) || v === INVALID || !isStatus(o.status)) return undefined;
    o.timestamp = new Date(t);
    o.value = v;
    return o as unknown as StandardReading;
  },
};

export const completeReadingCodec: ReadingCodec<CompleteReading> = {
  schema: completeReadingWire,
  timeOf: (reading) => reading.timestamp.getTime(),
  decode(o) {
    if (!isObject(o)) return undefined;
    const t = instant(o.timestamp);
    const total = value(o.totalValue);
    const period = value(o.periodValue);
    if (Number.isNaN(t) || total === INVALID || period === INVALID || !isStatus(o.status))
      return undefined;
    o.timestamp = new Date(t);
    o.totalValue = total;
    o.periodValue = period;
    return o as unknown as CompleteReading;
  },
};

export const legacyReadingCodec: ReadingCodec<LegacyReading> = {
  schema: legacyReadingWire,
  timeOf: (reading) => reading.startTime.getTime(),
  decode(o) {
    if (!isObject(o)) return undefined;
    const t = instant(o.startTime);
    const total = value(o.totalValue);
    const period = value(o.periodValue);
    if (
      Number.isNaN(t) ||
      total === INVALID ||
      period === INVALID ||
      !Number.isSafeInteger(o.id) ||
      !Number.isSafeInteger(o.duration) ||
      typeof o.isGenerated !== "boolean" ||
      typeof o.isInterpolated !== "boolean"
    ) {
      return undefined;
    }
    o.startTime = new Date(t);
    o.totalValue = total;
    o.periodValue = period;
    return o as unknown as LegacyReading;
  },
};
