/**
 * The PostgreSQL store (pg, an optional peer dependency). Not written yet.
 */
import type { SyncStore } from "./store.js";
import { SyncStoreError } from "./store.js";

export type PostgresStoreOptions = {};

export async function openPostgresStore(
  _url: string,
  _options: PostgresStoreOptions = {},
): Promise<SyncStore> {
  throw new SyncStoreError("PostgreSQL: not yet");
}
