/**
 * coherent-dcs/sync (Node only): keeps readings of a DCS estate in a database, incrementally
 * and exactly. {@link syncReadings} is the engine; {@link openSqliteStore} and
 * {@link openPostgresStore} are the two stores behind {@link SyncStore}, which another
 * database can implement.
 *
 * ```ts
 * import { DcsWebApi } from "coherent-dcs";
 * import { openStore, syncReadings } from "coherent-dcs/sync";
 * const client = new DcsWebApi(url, { reauthenticate: true });
 * await client.signIn(user, password);
 * const store = await openStore("readings.db"); // or "postgres://…"
 * const summary = await syncReadings({ client, store, sources: ["R733", "VM9"], start: "2015-01-01" });
 * await store.close();
 * ```
 *
 * @packageDocumentation
 */
import { openPostgresStore } from "./postgres.js";
import { openSqliteStore } from "./sqlite.js";
import type { SyncStore } from "./store.js";

export {
  type SyncClient,
  type SyncEvent,
  type SyncFailure,
  type SyncOptions,
  type SyncSummary,
  syncReadings,
} from "./engine.js";
export { type PlannedSpan, type PlanOptions, planSpans, windowsOf } from "./plan.js";
export { openPostgresStore, type PostgresStoreOptions } from "./postgres.js";
export { shardOf, syncSourcesOf } from "./sources.js";
export { openSqliteStore, type SqliteStoreOptions } from "./sqlite.js";
export {
  compareWindow,
  type Span,
  type StoredReading,
  type SyncSource,
  type SyncStore,
  SyncStoreError,
  type WindowChanges,
  type WindowWrite,
  type WriteCounts,
  widenCoverage,
} from "./store.js";

/** A `postgres://` or `postgresql://` URL opens PostgreSQL; anything else is a SQLite file. */
export function openStore(target: string): Promise<SyncStore> {
  return /^postgres(ql)?:\/\//i.test(target) ? openPostgresStore(target) : openSqliteStore(target);
}
