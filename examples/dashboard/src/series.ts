/**
 * The half-hourly readings of one source over one range, streamed from DCS with the public
 * SDK into flat typed arrays (a ten-year register is 175,000 readings: objects would cost
 * ten times the memory). The same function runs in the page and in Node, so the figures a
 * test computes in Node come from exactly the pipeline the page uses.
 */
import type { DcsWebApi } from "coherent-dcs";
import type { SourceInfo } from "./sources.js";
import { HALF_HOUR_MS, type Range } from "./zone.js";

/** Status bit of an interpolated reading (`ReadingStatus.Interpolated` of the SDK). */
export const INTERPOLATED = 1;

export interface Series {
  source: SourceInfo;
  range: Range;
  /**
   * Readings held (the length of each array): at most one per half hour of the range; gaps
   * DCS did not fill are absent.
   */
  length: number;
  /** Start of each reading's half hour, epoch ms, ascending. */
  time: Float64Array;
  /**
   * Consumption in the half hour (a register's `periodValue`, a virtual meter's `value`), or
   * the level of an instantaneous source. NaN and ±Infinity as DCS sent them.
   */
  value: Float64Array;
  /** A cumulative register's running total (`totalValue`): the meter reading. */
  total: Float64Array | undefined;
  /** DCS status bits: 1 interpolated, 2 reset. */
  status: Uint8Array;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Called every 2,048 readings with the number so far. */
  onProgress?: (readings: number) => void;
}

/** How a source is asked for: cumulative registers in the `complete` format, for `periodValue`. */
export function readingsFormat(source: SourceInfo): "complete" | "standard" {
  return source.kind === "register" && !source.instantaneous ? "complete" : "standard";
}

/**
 * Streams the half hours of `range` (split into windows the server accepts by
 * `largeReadings`). Throws the SDK's typed errors; an aborted load throws `DcsAbortError`.
 */
export async function loadSeries(
  dcs: DcsWebApi,
  source: SourceInfo,
  range: Range,
  options: LoadOptions = {},
): Promise<Series> {
  const capacity = Math.max(0, Math.ceil((range.end - range.start) / HALF_HOUR_MS));
  const cumulative = readingsFormat(source) === "complete";
  const series: Series = {
    source,
    range,
    length: 0,
    time: new Float64Array(capacity),
    value: new Float64Array(capacity),
    total: cumulative ? new Float64Array(capacity) : undefined,
    status: new Uint8Array(capacity),
  };
  const query = {
    startTime: new Date(range.start),
    endTime: new Date(range.end),
    periodType: "halfHour" as const,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const add = (time: number, value: number, total: number, status: number): void => {
    const i = series.length;
    if (i === series.time.length) throw new Error(`${source.id}: more readings than half hours`);
    series.time[i] = time;
    series.value[i] = value;
    if (series.total) series.total[i] = total;
    series.status[i] = status;
    series.length = i + 1;
    if (series.length % 2048 === 0) options.onProgress?.(series.length);
  };
  if (cumulative) {
    const res = await dcs.largeReadings(source.id, { ...query, format: "complete" });
    for await (const r of res.readings) {
      add(r.timestamp.getTime(), r.periodValue, r.totalValue, r.status);
    }
  } else {
    const res = await dcs.largeReadings(source.id, query);
    for await (const r of res.readings) add(r.timestamp.getTime(), r.value, Number.NaN, r.status);
  }
  // Views of the readings held, so each array's length is the series' length.
  const n = series.length;
  return {
    ...series,
    time: series.time.subarray(0, n),
    value: series.value.subarray(0, n),
    total: series.total?.subarray(0, n),
    status: series.status.subarray(0, n),
  };
}
