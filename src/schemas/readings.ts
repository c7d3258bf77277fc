/**
 * Wire shapes of readings, exactly as servers send them. Decoding (strings to `Date`s and
 * numbers) happens in `src/readings/`, whose fast predicates must accept and reject exactly
 * what these schemas do (a property test holds them together).
 */
import * as z from "zod/mini";
import { isoInstant, periodType, readingStatus, readingValue } from "./primitives.js";

/** `format=standard`: one value per period. */
export const standardReadingWire = z.looseObject({
  timestamp: isoInstant,
  value: readingValue,
  status: readingStatus,
});

/** `format=complete`: the register total at the period start and the consumption in it. */
export const completeReadingWire = z.looseObject({
  timestamp: isoInstant,
  totalValue: readingValue,
  periodValue: readingValue,
  status: readingStatus,
});

/** A reading of the legacy v3 API (`registerReadings/list`, `virtualMeterReadings/list`). */
export const legacyReadingWire = z.looseObject({
  id: z.int(),
  startTime: isoInstant,
  duration: z.int(),
  totalValue: readingValue,
  periodValue: readingValue,
  isGenerated: z.boolean(),
  isInterpolated: z.boolean(),
});

const headerShape = {
  startTime: isoInstant,
  endTime: isoInstant,
  name: z.string(),
  periodType,
  unit: z.string(),
  readingDuration: z.optional(z.int()),
  duration: z.optional(z.int()),
};

/** Every member of a readings result but the array. */
export const readingsHeaderWire = z.looseObject(headerShape).check(
  z.refine((header) => header.readingDuration !== undefined || header.duration !== undefined, {
    message: "expected readingDuration (or duration)",
    path: ["readingDuration"],
  }),
);

/** Whole `format=standard` results (used for checks and tests; the SDK streams instead). */
export const standardReadingsResultWire = z.looseObject({
  ...headerShape,
  readings: z.array(standardReadingWire),
});

/** Whole `format=complete` results. */
export const completeReadingsResultWire = z.looseObject({
  ...headerShape,
  readings: z.array(completeReadingWire),
});
