/**
 * The PostgreSQL store (pg, an optional peer dependency): the SQLite store's tables and views
 * (postgres-schema.ts) with timestamps as timestamptz, for many syncs into one database.
 *
 * Jobs share a pool, each transaction on a client of its own. A window's transaction first
 * takes an advisory lock on its source and period, so two syncs of one source (two processes,
 * two shards that overlap) take turns: each reads what the other committed, and coverage read
 * `FOR UPDATE` only widens, even where no coverage row exists yet to lock.
 */
import type { PeriodType } from "../core/periods.js";
import {
  quoteIdent,
  reasonOf,
  safeCause,
  schemaObjects,
  type Target,
  targetOf,
} from "./postgres-schema.js";
import {
  compareWindow,
  type Span,
  type StoredReading,
  type SyncSource,
  type SyncStore,
  SyncStoreError,
  type WindowWrite,
  type WriteCounts,
  widenCoverage,
} from "./store.js";

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** The schema of the tables and views, created if missing. Default `public`. */
  schema?: string;
  /** Connections at most, one per transaction in progress. Default 10. */
  maxConnections?: number;
  /** How long to wait for a connection before failing. Default 30 s. */
  connectTimeoutMs?: number;
}

// The driver's own types stay out of the public declarations: it is an optional peer.
interface QueryResult {
  rows: Record<string, unknown>[];
}
interface Client {
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  release(destroy?: unknown): void;
}
interface Pool {
  connect(): Promise<Client>;
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  on(event: "error", listener: () => void): unknown;
  end(): Promise<void>;
}
type PoolClass = new (config: object) => Pool;

async function loadDriver(): Promise<PoolClass> {
  try {
    const module = (await import("pg")) as unknown as { default?: { Pool: PoolClass } };
    return (module.default ?? (module as unknown as { Pool: PoolClass })).Pool;
  } catch (error) {
    throw new SyncStoreError("PostgreSQL databases need the pg package: npm install pg@8", {
      cause: error,
    });
  }
}

/** Rows per INSERT: the arrays of one statement stay a few hundred kB. */
const BATCH = 5000;
/** The first key of this package's advisory locks (the second is per schema or source). */
const LOCK_SPACE = 0x0dc5;

const iso = (ms: number) => new Date(ms).toISOString();
/** An instant as epoch ms: exact, as float8 holds whole milliseconds exactly. */
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/** Opens a PostgreSQL database as a sync store, creating its tables and views if missing. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<SyncStore> {
  const target = targetOf(url);
  if (!target) {
    throw new SyncStoreError("Not a PostgreSQL URL (not shown: it may hold a password)");
  }
  const Pool = await loadDriver();
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 30_000,
  });
  // An idle client the server drops must not end the process; the next use reconnects.
  pool.on("error", () => {});
  const store = new PostgresStore(pool, target, quoteIdent(options.schema ?? "public"));
  try {
    await store.createSchema(options.schema ?? "public");
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return store;
}

class PostgresStore implements SyncStore {
  readonly #pool: Pool;
  readonly #target: Target;
  readonly #s: string;

  constructor(pool: Pool, target: Target, schema: string) {
    this.#pool = pool;
    this.#target = target;
    this.#s = schema;
  }

  /** Creates what is missing, under a lock: two processes may open a new database at once. */
  async createSchema(schema: string): Promise<void> {
    const objects = schemaObjects(this.#s);
    const missing = async (client: Client) => {
      const { rows } = await client.query(
        "SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass($2 || '.' || name) IS NULL",
        [objects.map((o) => quoteIdent(o.name)), this.#s],
      );
      return new Set(rows.map((r) => r.name as string));
    };
    // A database set up before needs no lock, nor the right to create anything in it.
    const client = await this.#connect();
    try {
      if ((await missing(client)).size === 0) return;
    } catch (error) {
      this.#fail(error);
    } finally {
      client.release();
    }
    await this.#transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_SPACE, schema]);
      // Only if missing: even IF NOT EXISTS needs the right to create schemas.
      const { rows } = await client.query("SELECT to_regnamespace($1) AS found", [this.#s]);
      if (rows[0]?.found === null) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.#s}`);
      const todo = await missing(client);
      for (const o of objects) if (todo.has(quoteIdent(o.name))) await client.query(o.create);
    });
  }

  async saveSources(sources: readonly SyncSource[]): Promise<void> {
    if (sources.length === 0) return;
    // In one order, so two syncs saving the same sources wait for each other, never deadlock.
    const sorted = [...sources].sort((a, b) => (a.source < b.source ? -1 : 1));
    const column = <K extends keyof SyncSource>(key: K) => sorted.map((s) => s[key]);
    await this.#pool
      .query(
        `INSERT INTO ${this.#s}.sources
         SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
           $5::integer[], $6::text[], $7::text[], $8::boolean[], $9::integer[], $10::text[])
         ON CONFLICT (source) DO UPDATE SET kind = excluded.kind, name = excluded.name,
           unit = excluded.unit, meter_id = excluded.meter_id, meter_name = excluded.meter_name,
           serial_number = excluded.serial_number, is_instantaneous = excluded.is_instantaneous,
           decimal_places = excluded.decimal_places, expression = excluded.expression,
           refreshed_at = excluded.refreshed_at`,
        [
          column("source"),
          column("kind"),
          column("name"),
          column("unit"),
          column("meterId"),
          column("meterName"),
          column("serialNumber"),
          column("isInstantaneous"),
          column("decimalPlaces"),
          column("expression"),
        ],
      )
      .catch((error) => this.#fail(error));
  }

  async coverage(source: string, period: PeriodType): Promise<Span | undefined> {
    const { rows } = await this.#pool
      .query(this.#coverageSql(""), [source, period])
      .catch((error) => this.#fail(error));
    const row = rows[0] as Span | undefined;
    return row ? { from: row.from, until: row.until } : undefined;
  }

  writeWindow(write: WindowWrite): Promise<WriteCounts> {
    return this.#transaction((client) => this.#write(client, write));
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  #coverageSql(lock: string): string {
    return `SELECT ${ms("synced_from")} AS "from", ${ms("synced_until")} AS "until"
      FROM ${this.#s}.sync_coverage WHERE source = $1 AND period = $2 ${lock}`;
  }

  async #write(client: Client, { source, period, window, readings }: WindowWrite) {
    const s = this.#s;
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [
      LOCK_SPACE,
      `${s}.${source}.${period}`,
    ]);
    const { rows } = await client.query(
      `SELECT ${ms('"timestamp"')} AS "timestamp", value, status, consumption FROM ${s}.readings
       WHERE source = $1 AND period = $2 AND "timestamp" >= $3 AND "timestamp" < $4`,
      [source, period, iso(window.from), iso(window.until)],
    );
    const { upserts, deletes, counts } = compareWindow(
      rows as unknown as StoredReading[],
      readings,
    );
    for (let i = 0; i < upserts.length; i += BATCH) {
      const batch = upserts.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO ${s}.readings
         SELECT $1, $2, u.* FROM unnest($3::timestamptz[], $4::float8[], $5::integer[], $6::float8[]) AS u
         ON CONFLICT (source, period, "timestamp") DO UPDATE SET
           value = excluded.value, status = excluded.status, consumption = excluded.consumption`,
        [
          source,
          period,
          batch.map((r) => iso(r.timestamp)),
          batch.map((r) => r.value),
          batch.map((r) => r.status),
          batch.map((r) => r.consumption),
        ],
      );
    }
    if (deletes.length > 0) {
      await client.query(
        `DELETE FROM ${s}.readings
         WHERE source = $1 AND period = $2 AND "timestamp" = ANY($3::timestamptz[])`,
        [source, period, deletes.map(iso)],
      );
    }
    const stored = (await client.query(this.#coverageSql("FOR UPDATE"), [source, period]))
      .rows[0] as Span | undefined;
    const widened = widenCoverage(stored && { from: stored.from, until: stored.until }, window);
    await client.query(
      `INSERT INTO ${s}.sync_coverage VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (source, period) DO UPDATE SET synced_from = excluded.synced_from,
         synced_until = excluded.synced_until, synced_at = excluded.synced_at`,
      [source, period, iso(widened.from), iso(widened.until)],
    );
    return counts;
  }

  async #transaction<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.#connect();
    let broken: unknown;
    try {
      // Floats as exact text whatever the server's default (before 12, 15 digits), so stored
      // values compare equal to fetched ones; LOCAL, as a pooler may share the session.
      await client.query("BEGIN; SET LOCAL extra_float_digits = 3");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollback: unknown) => {
        broken = rollback; // a client that cannot roll back is closed, not reused
      });
      this.#fail(error);
    } finally {
      client.release(broken);
    }
  }

  #connect(): Promise<Client> {
    return this.#pool.connect().catch((error) => this.#fail(error));
  }

  /**
   * A failure of the database as one line that names it, never the password; anything else
   * (a bug, say) as it is.
   */
  #fail(error: unknown): never {
    const kind = failureOf(error);
    if (!kind) throw error;
    const { where, secrets } = this.#target;
    const what = kind === "connection" ? "Cannot connect to PostgreSQL" : "PostgreSQL refused";
    throw new SyncStoreError(`${what} at ${where}: ${reasonOf(error, secrets)}`, {
      ...safeCause(error, secrets),
    });
  }
}

/**
 * The server's errors (they have a severity), connection ones among them (classes 08
 * connection, 28 authorization, 3D no such database), and the driver's and the network's.
 */
function failureOf(error: unknown): "connection" | "server" | undefined {
  if (error instanceof SyncStoreError || !(error instanceof Error)) return undefined;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  if (severity !== undefined) {
    return typeof code === "string" && /^(08|28|3D)/.test(code) ? "connection" : "server";
  }
  const network = typeof code === "string" && /^E[A-Z]+$/.test(code);
  return network || /connect|terminated|timeout/i.test(error.message) ? "connection" : undefined;
}
