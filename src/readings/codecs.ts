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
import type { CompleteReading, LegacyReading, StandardReading } from "../schemas/types.js";

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
