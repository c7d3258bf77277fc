/**
 * The small pieces every DCS shape is built from.
 */
import * as z from "zod/mini";
import { PERIOD_TYPES } from "../core/periods.js";
import { parseIsoDateTime, parseTimestamp } from "../core/time.js";

/** Ids are unsigned 32-bit integers. */
export const dcsId = z.int().check(z.minimum(0), z.maximum(4294967295));

/** MAC addresses travel as unsigned 48-bit integers. */
export const macAddressInt = z.int().check(z.minimum(0), z.maximum(0xffffffffffff));

/** A reading value: a JSON number, or one of the strings DCS writes for non-finite values. */
export const readingValue = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]);

/** Status bit set: 1 = interpolated, 2 = reset. */
export const readingStatus = z.int().check(z.minimum(0));

/** An ISO 8601 instant with `Z` or an offset, as DCS writes timestamps. */
export const isoInstant = z
  .string()
  .check(
    z.refine(
      (text) => !Number.isNaN(parseTimestamp(text)),
      "expected an ISO 8601 date-time with Z or an offset",
    ),
  );

/** A date-time without a zone, which the unofficial endpoints use to mean UTC. */
export const zonelessUtc = z
  .string()
  .check(
    z.refine(
      (text) => !Number.isNaN(parseIsoDateTime(text, "utc")),
      "expected an ISO 8601 date-time",
    ),
  );

export const periodType = z.enum(PERIOD_TYPES);

/**
 * A string of which the vendor documents some values and may add more (an open enum of the
 * spec, `Known | (string & {})`): any string is kept as it came, typed so that editors still
 * offer the documented values.
 */
export const openEnum = <Open extends string>() =>
  z.string() as unknown as z.ZodMiniType<Open, Open>;
