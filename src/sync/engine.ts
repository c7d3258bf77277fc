/**
 * The sync engine: keeps a store's readings of many sources equal to the server's, one window
 * at a time. Each job has one request in flight and fetches its next window while the last one
 * is written; each window is written together with the coverage it adds (store.ts), so a run
 * that is killed at any moment leaves a database the next run completes.
 */
import { roundTo } from "../core/decimals.js";
import { DcsArgumentError } from "../core/errors.js";
import {
  addPeriods,
  floorToPeriod,
  type PeriodType,
  parsePeriodType,
  periodsBetween,
} from "../core/periods.js";
import { type DateInput, toInstant } from "../core/time.js";
import type {
  CompleteReading,
  LargeReadingsOptions,
  Meter,
  StandardReading,
  VirtualMeter,
} from "../index.js";
import { planSpans, windowsOf } from "./plan.js";
import { shardOf, syncSourcesOf } from "./sources.js";
import type { Span, StoredReading, SyncSource, SyncStore, WriteCounts } from "./store.js";

/**
 * What the engine asks of a client: a signed-in `DcsWebApi` (with `reauthenticate: true` for
 * runs longer than a session) is one.
 */
export interface SyncClient {
  /** The meters and their registers (the `sources` table). */
  meters(options?: { signal?: AbortSignal }): Promise<readonly Meter[]>;
  /** The virtual meters (the `sources` table). */
  virtualMeters(options?: { signal?: AbortSignal }): Promise<readonly VirtualMeter[]>;
  /** One window's readings: `complete` for cumulative registers, `standard` for the rest. */
  largeReadings(
    id: string,
    options: LargeReadingsOptions,
  ): Promise<{
    readings: {
      /**
       * The window's readings in the arrays they arrive in, as `Readings.batches()`: one
       * `await` per batch rather than per reading was 10% less CPU for a 350k-reading sync.
       */
      batches(): AsyncIterable<readonly (StandardReading | CompleteReading)[]>;
    };
  }>;
}

/** What {@link syncReadings} syncs, where to, and how. */
export interface SyncOptions {
  client: SyncClient;
  store: SyncStore;
  /**
   * Readings ids (`R733`, `VM9`) and meters (`M426`: all its registers); every register and
   * virtual meter the account sees if omitted.
   */
  sources?: readonly string[];
  /** Only the `shard.index`-th (1-based) of `shard.count` stable shares of the sources. */
  shard?: { index: number; count: number };
  start: DateInput;
  /** Exclusive; default now. Floored to the period: only whole periods are stored. */
  end?: DateInput;
  /** Default "halfHour". */
  period?: PeriodType;
  /** Days before the last run's end fetched again for late and revised readings. Default 7. */
  lookbackDays?: number;
  /** Sources synced at once, each with one request in flight. Default 1. */
  jobs?: number;
  /** Longest span of one window (one transaction), in days. Default 365. */
  windowDays?: number;
  /** Stops the run: what is committed stays, and the call rejects. */
  signal?: AbortSignal;
  /** Told as each source starts and ends and as each window is written. */
  onProgress?: (event: SyncEvent) => void;
  /** The clock the default end is read from. Default `Date.now`. */
  now?: () => number;
}

/** What a running sync reports. */
export type SyncEvent =
  | { type: "sourceStart"; source: string; periods: number }
  | { type: "window"; source: string; readings: number; counts: WriteCounts }
  | { type: "sourceEnd"; source: string; readings: number; error?: unknown };

/** A source that could not be synced, and why. */
export interface SyncFailure {
  source: string;
  error: unknown;
}

export interface SyncSummary extends WriteCounts {
  /** Sources synced completely. */
  sources: number;
  /** Readings fetched. */
  readings: number;
  /** Writes, each one transaction with the coverage it adds (a window, or part of one). */
  windows: number;
  /** Sources that could not be synced, with why; the others are complete. */
  failed: SyncFailure[];
  /** Sources left out on purpose, with why (e.g. instantaneous ones for periods over half-hours). */
  skipped: { source: string; why: string }[];
  /** The span synced, epoch ms. */
  span: Span;
  seconds: number;
}

function checkOptions(options: SyncOptions) {
  const period = parsePeriodType(options.period ?? "halfHour");
  if (!period) throw new DcsArgumentError(`Unknown period ${String(options.period)}`);
  const whole = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min) {
      throw new DcsArgumentError(`${name} must be a whole number >= ${min}, got ${value}`);
    }
    return value;
  };
  const lookbackDays = whole("lookbackDays", options.lookbackDays ?? 7, 0);
  const jobs = whole("jobs", options.jobs ?? 1, 1);
  const windowDays = whole("windowDays", options.windowDays ?? 365, 1);
  const from = floorToPeriod(toInstant(options.start, "start"), period);
  const end =
    options.end === undefined ? (options.now ?? Date.now)() : toInstant(options.end, "end");
  const until = floorToPeriod(end, period);
  if (from >= until) {
    throw new DcsArgumentError(
      `Nothing to sync: the start must be before the end (${new Date(from).toISOString()} is not before ${new Date(until).toISOString()}, whole ${period} periods)`,
    );
  }
  if (options.shard) {
    const { index, count } = options.shard;
    whole("shard.count", count, 1);
    if (whole("shard.index", index, 1) > count) {
      throw new DcsArgumentError(`shard.index must be from 1 to ${count}, got ${index}`);
    }
  }
  return { period, lookbackDays, jobs, windowDays, span: { from, until } };
}

/** NaN (a value the server could not compute) as SQL's NULL. */
const sqlNumber = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** A reading of the API as the store holds it (see {@link StoredReading}). */
function storedReading(source: SyncSource, totals: boolean) {
  if (totals) {
    return (r: CompleteReading): StoredReading => ({
      timestamp: r.timestamp.getTime(),
      value: sqlNumber(r.totalValue),
      status: r.status,
      consumption: sqlNumber(r.periodValue),
    });
  }
  const places = source.decimalPlaces;
  return (r: StandardReading): StoredReading => {
    const value = sqlNumber(roundTo(r.value, places));
    return {
      timestamp: r.timestamp.getTime(),
      value,
      status: r.status,
      consumption: source.isInstantaneous ? null : value,
    };
  };
}

/** The sources the options name, as the meter lists describe them; unknown ids fail loudly. */
async function listSources(options: SyncOptions, summary: SyncSummary): Promise<SyncSource[]> {
  const call = options.signal ? { signal: options.signal } : {};
  const [meters, vms] = await Promise.all([
    options.client.meters(call),
    options.client.virtualMeters(call),
  ]);
  const all = syncSourcesOf(meters, vms);
  let chosen = all;
  if (options.sources) {
    const known = new Map(all.map((s) => [s.source.toUpperCase(), [s]]));
    // M<id>: all of a meter's registers, as DCS's own export definitions read a meter.
    for (const m of meters)
      known.set(
        `M${m.id}`,
        all.filter((s) => s.meterId === m.id),
      );
    const named = new Map<string, SyncSource>();
    for (const id of options.sources) {
      const found = known.get(id.trim().toUpperCase());
      if (!found) {
        summary.failed.push({
          source: id,
          error: new DcsArgumentError(
            `${id} is not a register, virtual meter or meter (M<id>) this account sees`,
          ),
        });
      }
      for (const s of found ?? []) named.set(s.source, s); // each source once
    }
    chosen = [...named.values()];
  }
  const { shard } = options;
  return shard ? chosen.filter((s) => shardOf(s.source, shard.count) === shard.index) : chosen;
}

/** What one run's jobs share. */
interface Run {
  client: SyncClient;
  store: SyncStore;
  signal: AbortSignal | undefined;
  period: PeriodType;
  lookbackDays: number;
  windowDays: number;
  span: Span;
  summary: SyncSummary;
  emit: (event: SyncEvent) => void;
}

/**
 * Readings per transaction at most: a job then holds this many readings in memory however
 * long its windows are, and a killed run loses at most this many.
 */
const BATCH = 8_192;

/** A window to fetch; a backward one is written whole (see {@link fetchWindow}). */
interface Window extends Span {
  backward: boolean;
}

/** Writes the readings of `span` (all the server has there) and counts what changed. */
async function write(run: Run, source: SyncSource, span: Span, readings: StoredReading[]) {
  const counts = await run.store.writeWindow({
    source: source.source,
    period: run.period,
    window: span,
    readings,
  });
  const { summary } = run;
  summary.windows++;
  summary.inserted += counts.inserted;
  summary.updated += counts.updated;
  summary.unchanged += counts.unchanged;
  summary.deleted += counts.deleted;
  run.emit({ type: "window", source: source.source, readings: readings.length, counts });
}

/** The readings of a window not written yet (those from `from` to its end), and all it got. */
interface WindowRest {
  from: number;
  rows: StoredReading[];
  fetched: number;
}

/**
 * Fetches a window, writing it every {@link BATCH} readings once `previous` (the write of the
 * window before) is done, and resolves with the rest. The readings go strictly forward (the
 * client checks), so once one has arrived every one before it has: a batch covers up to the
 * period after its last reading. If the download fails, what arrived is written before the
 * error goes on, so a run that meets a broken server keeps all it got. A backward window is
 * written whole, so that every write meets the coverage.
 */
async function fetchWindow(
  run: Run,
  source: SyncSource,
  window: Window,
  previous: Promise<unknown>,
  signal: AbortSignal,
): Promise<WindowRest> {
  const totals = source.kind === "register" && !source.isInstantaneous;
  const toStored = storedReading(source, totals) as (r: unknown) => StoredReading;
  const rest: WindowRest = { from: window.from, rows: [], fetched: 0 };
  const flush = async () => {
    await previous; // after a failed write nothing later is written: the coverage stays whole
    const until = addPeriods((rest.rows.at(-1) as StoredReading).timestamp, run.period, 1);
    await write(run, source, { from: rest.from, until }, rest.rows);
    rest.from = until;
    rest.rows = [];
  };
  try {
    const result = await run.client.largeReadings(source.source, {
      startTime: new Date(window.from),
      endTime: new Date(window.until),
      periodType: run.period,
      format: totals ? "complete" : "standard",
      signal,
    });
    for await (const batch of result.readings.batches()) {
      for (const reading of batch) {
        rest.rows.push(toStored(reading));
        if (!window.backward && rest.rows.length >= BATCH) await flush();
      }
      rest.fetched += batch.length;
    }
  } catch (error) {
    if (!window.backward && rest.rows.length > 0) await flush().catch(() => {});
    throw error; // the download's error is the one to tell
  }
  return rest;
}

/**
 * Syncs one source, window by window; resolves with the readings fetched. One request is in
 * flight at a time: the next window's goes out as the current one's ends, before the rest of
 * the current window is written.
 */
async function syncSource(run: Run, source: SyncSource): Promise<number> {
  const { period } = run;
  const coverage = await run.store.coverage(source.source, period);
  const planned = planSpans({
    requested: run.span,
    coverage,
    period,
    lookbackDays: run.lookbackDays,
  });
  const windows = planned.flatMap((p) =>
    windowsOf(p, period, run.windowDays).map((w) => ({
      ...w,
      backward: p.direction === "backward",
    })),
  );
  const periods = windows.reduce((n, w) => n + periodsBetween(w.from, w.until, period), 0);
  run.emit({ type: "sourceStart", source: source.source, periods });
  let readings = 0;
  // Stops this source's download when one of its writes fails, so nothing goes on behind;
  // the run's own signal stops it too (the listener goes when the source ends).
  const stop = new AbortController();
  const { signal } = stop;
  const onRunAbort = () => stop.abort(run.signal?.reason);
  if (run.signal?.aborted) onRunAbort();
  run.signal?.addEventListener("abort", onRunAbort, { once: true });
  let written: Promise<unknown> = Promise.resolve();
  let next = windows[0] ? fetchWindow(run, source, windows[0], written, signal) : undefined;
  try {
    for (let i = 0; next; i++) {
      const rest = await next;
      readings += rest.fetched;
      const window = windows[i] as Window;
      written = write(run, source, { from: rest.from, until: window.until }, rest.rows);
      const following = windows[i + 1];
      next = following ? fetchWindow(run, source, following, written, signal) : undefined;
      next?.catch(() => {}); // awaited in the next turn; a failed write is told first
      await written;
    }
  } catch (error) {
    stop.abort(error);
    await next?.catch(() => {}); // settled before the source is reported
    throw error;
  } finally {
    run.signal?.removeEventListener("abort", onRunAbort);
  }
  return readings;
}

/**
 * Syncs the sources' readings of `[start, end)` into the store: what the store lacks is
 * fetched, and the last `lookbackDays` before what it has are fetched again, so late and
 * revised readings replace the stored ones. Failures of single sources are in the summary
 * (`failed`), never thrown; an abort stops the run with what is written kept.
 */
export async function syncReadings(options: SyncOptions): Promise<SyncSummary> {
  const started = performance.now();
  const { period, lookbackDays, jobs, windowDays, span } = checkOptions(options);
  const summary: SyncSummary = {
    sources: 0,
    readings: 0,
    windows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    failed: [],
    skipped: [],
    span,
    seconds: 0,
  };
  const { client, store, signal } = options;
  const emit = options.onProgress ?? (() => {});
  const run: Run = { client, store, signal, period, lookbackDays, windowDays, span, summary, emit };
  const listed = await listSources(options, summary);
  await store.saveSources(listed);
  const queue = listed.filter((s) => {
    const skip = s.isInstantaneous && period !== "halfHour";
    if (skip) summary.skipped.push({ source: s.source, why: "instantaneous: half-hours only" });
    return !skip;
  });
  const worker = async () => {
    for (let source = queue.shift(); source; source = queue.shift()) {
      if (signal?.aborted) break;
      try {
        const readings = await syncSource(run, source);
        summary.readings += readings;
        summary.sources++;
        emit({ type: "sourceEnd", source: source.source, readings });
      } catch (error) {
        if (signal?.aborted) throw error;
        summary.failed.push({ source: source.source, error });
        emit({ type: "sourceEnd", source: source.source, readings: 0, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, Math.max(queue.length, 1)) }, worker));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
