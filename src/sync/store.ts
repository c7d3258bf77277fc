/**
 * What the sync engine needs of a database: the interface a SQLite, PostgreSQL or any other
 * store implements. The engine does the thinking (which ranges to fetch, what each reading
 * means); a store only reads and writes, each window in one transaction.
 */
import type { PeriodType } from "../core/periods.js";

/** A register or virtual meter as the `sources` table holds it. */
export interface SyncSource {
  /** The readings id: `R733` or `VM9`. */
  source: string;
  kind: "register" | "virtualMeter";
  name: string;
  unit: string;
  /** The register's meter (null for a virtual meter). */
  meterId: number | null;
  meterName: string | null;
  serialNumber: string | null;
  isInstantaneous: boolean;
  /** A virtual meter's decimal places, which its values are rounded to (null if none). */
  decimalPlaces: number | null;
  /** A virtual meter's expression (null for a register). */
  expression: string | null;
}

/** One reading as the `readings` table holds it. */
export interface StoredReading {
  /** UTC start of the period, epoch ms. */
  timestamp: number;
  /**
   * The standard format's value: a register's running total, a virtual meter's value; null
   * where the server sent NaN (SQL has no NaN). Infinities are kept.
   */
  value: number | null;
  /** The API's status bits (1 interpolated, 2 reset). */
  status: number;
  /** Comparable across registers and virtual meters; null for instantaneous quantities. */
  consumption: number | null;
}

/** A span of time `[from, until)` in epoch ms. */
export interface Span {
  from: number;
  until: number;
}

/** One fetched window to write: the server's readings of `[from, until)`, all of them. */
export interface WindowWrite {
  source: string;
  period: PeriodType;
  window: Span;
  readings: readonly StoredReading[];
}

/** What writing a window changed. */
export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Stored readings of the window the server no longer has. */
  deleted: number;
}

/**
 * A database the engine keeps in step with DCS. Every method may be called by several jobs at
 * once; `writeWindow` must be one transaction.
 */
export interface SyncStore {
  /** Inserts or refreshes the sources' rows. */
  saveSources(sources: readonly SyncSource[]): Promise<void>;
  /** The span of a source's readings known to be complete, if any. */
  coverage(source: string, period: PeriodType): Promise<Span | undefined>;
  /**
   * In one transaction: makes the stored readings of `window` exactly `readings` (see
   * {@link compareWindow}) and widens the source's coverage by the window (see
   * {@link widenCoverage}), so a crash leaves either both or neither.
   */
  writeWindow(write: WindowWrite): Promise<WriteCounts>;
  /** Closes the database connection (pending writes first). */
  close(): Promise<void>;
}

/** How the stored readings of a window differ from the server's. */
export interface WindowChanges {
  /** Readings to insert or overwrite. */
  upserts: StoredReading[];
  /** Timestamps to delete. */
  deletes: number[];
  counts: WriteCounts;
}

const same = (a: StoredReading, b: StoredReading): boolean =>
  a.value === b.value && a.status === b.status && a.consumption === b.consumption;

/** What to write so that a window's stored readings become the server's (for stores). */
export function compareWindow(
  stored: readonly StoredReading[],
  fetched: readonly StoredReading[],
): WindowChanges {
  const before = new Map(stored.map((r) => [r.timestamp, r]));
  const upserts: StoredReading[] = [];
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
  for (const reading of fetched) {
    const old = before.get(reading.timestamp);
    if (old === undefined) counts.inserted++;
    else if (same(old, reading)) counts.unchanged++;
    else counts.updated++;
    if (old === undefined || !same(old, reading)) upserts.push(reading);
    before.delete(reading.timestamp);
  }
  const deletes = [...before.keys()];
  counts.deleted = deletes.length;
  return { upserts, deletes, counts };
}

/**
 * The coverage after a window is written: the union when the two meet or overlap; otherwise
 * the window alone, since a coverage must never claim time that was not fetched.
 */
export function widenCoverage(coverage: Span | undefined, window: Span): Span {
  if (!coverage || window.from > coverage.until || window.until < coverage.from) return window;
  return {
    from: Math.min(coverage.from, window.from),
    until: Math.max(coverage.until, window.until),
  };
}

/** A database the sync cannot use: a missing driver, a file that is no database, a refusal. */
export class SyncStoreError extends Error {
  override name = "SyncStoreError";
}
