/**
 * The legacy API's readings: one request per window, its body streamed from the top-level
 * array, and long ranges in windows chained into one sequence (`getMegaReadings`); and the
 * calibration readings of a register.
 */
import type * as z from "zod/mini";
import type { Endpoints } from "../client/endpoints.js";
import { DcsArgumentError } from "../core/errors.js";
import { DAY_MS } from "../core/periods.js";
import { parseIsoDateTime } from "../core/time.js";
import type { paths } from "../generated/dcs-v3.js";
import { legacyReadingCodec } from "../readings/codecs.js";
import { openReadingsArray } from "../readings/open.js";
import { type RangeLimit, WindowChain } from "../readings/planner.js";
import { Readings } from "../readings/readings.js";
import { newSequence, type ReadingsSpan } from "../readings/span.js";
import type { CalibrationReading, LegacyReading } from "../schemas/types.js";
import type { calibrationReadingWire } from "../schemas/unofficial.js";
import {
  type LegacyReadingsRequest,
  legacyReadingsQuery,
  legacyReadingsWindow,
} from "./arguments.js";

/** The readings of one request. */
export async function legacyReadings(
  api: Endpoints<paths>,
  request: LegacyReadingsRequest,
  signal: AbortSignal | undefined,
): Promise<Readings<LegacyReading>> {
  return new Readings(await openLegacyReadings(api, request, signal, newSequence()));
}

/**
 * The readings of a range in windows of at most `maxSpanMs` (or what `rangeLimit` learned),
 * aligned to the integration period. Start defaults to today (UTC), end to one day later.
 */
export async function legacyReadingsInWindows(
  api: Endpoints<paths>,
  request: LegacyReadingsRequest,
  window: { maxSpanMs: number; rangeLimit: RangeLimit },
  signal: AbortSignal | undefined,
): Promise<Readings<LegacyReading>> {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const start = request.start ?? today;
  const end = request.end ?? start + DAY_MS;
  if (end <= start) throw new DcsArgumentError("end must be after start (the end is exclusive)");
  const sequence = newSequence();
  const chain = await WindowChain.open<LegacyReading>({
    start,
    end,
    period: request.period,
    ...window,
    signal,
    open: async (windowStart, windowEnd, windowSignal) => {
      const windowed = { ...request, start: windowStart, end: windowEnd };
      return { source: await openLegacyReadings(api, windowed, windowSignal, sequence) };
    },
  });
  return new Readings(chain);
}

/** Sends a readings request; its readings must go forward from `sequence` within its window. */
async function openLegacyReadings(
  api: Endpoints<paths>,
  request: LegacyReadingsRequest,
  signal: AbortSignal | undefined,
  sequence: ReadingsSpan["sequence"],
) {
  const query = legacyReadingsQuery(request);
  const response = request.isVirtual
    ? await api.stream(
        "/api/virtualMeterReadings/list",
        { ...query, virtualMeterId: request.id },
        signal,
      )
    : await api.stream("/api/registerReadings/list", { ...query, registerId: request.id }, signal);
  const span = { ...legacyReadingsWindow(request), sequence };
  return openReadingsArray(response, { codec: legacyReadingCodec, span, signal });
}

/** A calibration reading as the SDK gives it: its zone-less times read as UTC. */
export function calibrationReadingOf(
  reading: z.output<typeof calibrationReadingWire>,
): CalibrationReading {
  return {
    ...reading,
    timestamp: new Date(parseIsoDateTime(reading.timestamp, "utc")),
    startTime: new Date(parseIsoDateTime(reading.startTime, "utc")),
  };
}
