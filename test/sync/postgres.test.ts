/**
 * The sync engine into a real PostgreSQL server (a throwaway cluster, test/helpers/postgres.ts),
 * against the simulator over loopback; each result is held to the server's readings and to
 * what the SQLite store holds after the same sync.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsWebApi } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import {
  openPostgresStore,
  openSqliteStore,
  type SyncOptions,
  type SyncStore,
  SyncStoreError,
  type SyncSummary,
  syncReadings,
} from "../../src/sync/index.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { serverRows } from "./server-rows.js";

let server: RunningDcsSimulator;
let postgres: TestPostgres;
let dir: string;
let requests: string[] = [];
let client: DcsWebApi;
let register: string;
let instantaneous: string;
let virtualMeter: string;

const START = "2024-01-01T00:00:00Z";
const END = "2024-03-01T00:00:00Z";

beforeAll(async () => {
  [server, postgres] = await Promise.all([
    startDcsSimulator({ port: 0, rangeLimitDays: 31 }),
    startPostgres(),
  ]);
  dir = mkdtempSync(join(tmpdir(), "dcs-sync-pg-"));
  client = new DcsWebApi(server.webApiUrl, {
    hooks: {
      beforeRequest: [
        ({ request }) => {
          requests.push(new URL(request.url).search);
        },
      ],
    },
  });
  await client.signIn("user", "password");
  const registers = (await client.meters()).flatMap((m) => m.registers);
  register = `R${registers.find((r) => !r.isInstantaneous && r.unit === "kWh")!.id}`;
  instantaneous = `R${registers.find((r) => r.isInstantaneous)!.id}`;
  const vms = await client.virtualMeters();
  virtualMeter = `VM${vms.find((v) => !v.isInstantaneous && v.decimalPlaces !== undefined)!.id}`;
}, 60_000);

afterAll(async () => {
  await client?.signOut();
  await server?.close();
  await postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Rows as the SQLite test reads them: timestamps in Unix seconds. */
interface Row {
  source: string;
  period: string;
  timestamp: number;
  value: number | null;
  status: number;
  consumption: number | null;
}

async function query(url: string, sql: string, params: unknown[] = []) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows;
  } finally {
    await db.end();
  }
}

const pgRows = (source: string, url = postgres.url, schema = "public") =>
  query(
    url,
    `SELECT source, period, extract(epoch FROM "timestamp")::float8 AS "timestamp", value, status,
       consumption FROM ${schema}.readings WHERE source = $1 ORDER BY "timestamp"`,
    [source],
  ) as Promise<Row[]>;

function sqlite<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const sqliteRows = (file: string, source: string) =>
  sqlite<Row>(file, "SELECT * FROM readings WHERE source = ? ORDER BY timestamp", source);

/** What the server says, fetched apart from the engine, as the tables should hold it. */
const serverRowsOf = (source: string, start = START, end = END) =>
  serverRows(
    client,
    source,
    source === register ? "register" : source === instantaneous ? "instantaneous" : "virtualMeter",
    { startTime: start, endTime: end },
  );

const withoutKey = (rows: Row[]) => rows.map(({ source: _, period: __, ...rest }) => rest);

async function sync(store: SyncStore | Promise<SyncStore>, options: Partial<SyncOptions> = {}) {
  const opened = await store;
  try {
    return await syncReadings({
      client,
      store: opened,
      sources: [register, instantaneous, virtualMeter],
      start: START,
      end: END,
      ...options,
    });
  } finally {
    await opened.close();
  }
}

describe("sync into PostgreSQL", () => {
  let first: SyncSummary;
  let file: string;

  beforeAll(async () => {
    file = join(dir, "first.db");
    first = await sync(openPostgresStore(postgres.url));
    await sync(openSqliteStore(file));
  });

  it("stores exactly the server's readings, and what the SQLite store holds", async () => {
    expect(first.failed).toEqual([]);
    expect(first.sources).toBe(3);
    let total = 0;
    for (const source of [register, instantaneous, virtualMeter]) {
      const stored = await pgRows(source);
      expect(stored.every((r) => r.period === "halfHour")).toBe(true);
      const expected = await serverRowsOf(source);
      expect(withoutKey(stored)).toEqual(expected);
      expect(stored).toEqual(sqliteRows(file, source));
      total += expected.length;
    }
    expect(first.inserted).toBe(total);
    expect(total).toBeGreaterThan(3 * 2800);
    const coverage = await query(
      postgres.url,
      "SELECT source, synced_from, synced_until FROM sync_coverage ORDER BY source",
    );
    expect(coverage).toHaveLength(3);
    for (const row of coverage) {
      expect([row.synced_from.toISOString(), row.synced_until.toISOString()]).toEqual([
        "2024-01-01T00:00:00.000Z",
        "2024-03-01T00:00:00.000Z",
      ]);
    }
    const sources = await query(postgres.url, "SELECT * FROM sources WHERE source = $1", [
      instantaneous,
    ]);
    expect(sources[0]).toMatchObject({ kind: "register", is_instantaneous: true });
  });

  it("a second run fetches only the look-back and changes nothing", async () => {
    requests = [];
    const again = await sync(openPostgresStore(postgres.url));
    expect(again.inserted + again.updated + again.deleted).toBe(0);
    expect(again.unchanged).toBe(3 * 7 * 48);
    const readingsRequests = requests.filter((q) => q.includes("startTime"));
    expect(readingsRequests).toHaveLength(3);
    for (const q of readingsRequests) expect(q).toContain("2024-02-23");
  });

  it("an extension fetches only the new range, at both ends", async () => {
    const range = { start: "2023-12-01T00:00:00Z", end: "2024-03-02T00:00:00Z" };
    const wider = await sync(openPostgresStore(postgres.url), range);
    expect(wider.failed).toEqual([]);
    expect(wider.inserted).toBe(3 * (31 + 1) * 48);
    expect(wider.unchanged).toBe(3 * 7 * 48);
    expect(withoutKey(await pgRows(register))).toEqual(
      await serverRowsOf(register, range.start, range.end),
    );
  });
});

describe("the views, in a schema of their own", () => {
  // Both changes of the clock: 2024-03-31 has 23 hours in the UK, 2024-10-27 has 25.
  const range = { start: "2024-03-30T00:00:00Z", end: "2024-10-28T00:00:00Z" };
  let file: string;

  beforeAll(async () => {
    file = join(dir, "views.db");
    const sources = [register, virtualMeter];
    const [inPg] = await Promise.all([
      sync(openPostgresStore(postgres.url, { schema: "views" }), { ...range, sources }),
      sync(openSqliteStore(file), { ...range, sources }),
    ]);
    expect(inPg.failed).toEqual([]);
  }, 60_000);

  interface Day {
    source: string;
    day: string;
    consumption: number;
    readings: number;
    interpolated: number;
  }

  it("daily_consumption counts the half-hours of UK days, as SQLite's does", async () => {
    const days = (await query(
      postgres.url,
      "SELECT source, day::text AS day, consumption, readings, interpolated FROM views.daily_consumption ORDER BY source, day",
    )) as Day[];
    const count = (day: string) => days.find((d) => d.source === register && d.day === day);
    expect(count("2024-03-30")?.readings).toBe(48);
    expect(count("2024-03-31")?.readings).toBe(46);
    expect(count("2024-10-27")?.readings).toBe(50);
    expect(days.filter((d) => d.readings !== 48).map((d) => d.day)).toEqual([
      "2024-03-31",
      "2024-10-27",
      "2024-03-31",
      "2024-10-27",
    ]);
    expect(days).toHaveLength(2 * 212);
    const inSqlite = sqlite<Day>(file, "SELECT * FROM daily_consumption ORDER BY source, day");
    expectSameTotals(days, inSqlite);
    expect(days.some((d) => d.interpolated > 0)).toBe(true);
  });

  it("monthly_consumption: YYYY-MM months, as SQLite's", async () => {
    const months = (await query(
      postgres.url,
      "SELECT source, month, consumption, readings, interpolated FROM views.monthly_consumption ORDER BY source, month",
    )) as Day[];
    const inSqlite = sqlite<Day>(file, "SELECT * FROM monthly_consumption ORDER BY source, month");
    expectSameTotals(months, inSqlite);
    expect(
      months.find((m) => m.source === register && (m as { month?: string }).month === "2024-03")
        ?.readings,
    ).toBe(94);
    const types = await query(
      postgres.url,
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'views' AND table_name LIKE '%consumption' ORDER BY table_name, ordinal_position`,
    );
    expect(types.map((t) => `${t.table_name}.${t.column_name} ${t.data_type}`)).toEqual([
      "daily_consumption.source text",
      "daily_consumption.day date",
      "daily_consumption.consumption double precision",
      "daily_consumption.readings integer",
      "daily_consumption.interpolated integer",
      "monthly_consumption.source text",
      "monthly_consumption.month text",
      "monthly_consumption.consumption double precision",
      "monthly_consumption.readings integer",
      "monthly_consumption.interpolated integer",
    ]);
  });
});

/** Counts exactly, sums of consumption to float rounding (the two add in other orders). */
function expectSameTotals<T extends { consumption: number; readings: number }>(a: T[], b: T[]) {
  const exact = (rows: T[]) => rows.map(({ consumption: _, ...rest }) => rest);
  expect(exact(a)).toEqual(exact(b));
  a.forEach((row, i) => {
    const other = (b[i] as T).consumption;
    expect(Math.abs(row.consumption - other)).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(other)),
    );
  });
}

describe("two syncs of the same sources at once", () => {
  it("end exact, with no duplicates and whole coverage", async () => {
    const url = await postgres.database("race");
    // Both open a database without tables at once: one creates them, the other waits.
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    const options = { jobs: 3, windowDays: 5 };
    const [one, two] = await Promise.all([sync(a, options), sync(b, options)]);
    expect([one.failed, two.failed]).toEqual([[], []]);
    let total = 0;
    for (const source of [register, instantaneous, virtualMeter]) {
      const expected = await serverRowsOf(source);
      expect(withoutKey(await pgRows(source, url))).toEqual(expected);
      total += expected.length;
    }
    // Windows of one source take turns, each reading what the other committed: every reading
    // is inserted once, by one of the two.
    expect(one.inserted + two.inserted).toBe(total);
    const [counts] = await query(
      url,
      `SELECT count(*)::int AS all, count(DISTINCT (source, period, "timestamp"))::int AS distinct
       FROM readings`,
    );
    expect(counts.all).toBe(counts.distinct);
    const coverage = await query(
      url,
      "SELECT synced_from = $1 AND synced_until = $2 AS whole FROM sync_coverage",
      [START, END],
    );
    expect(coverage).toEqual([{ whole: true }, { whole: true }, { whole: true }]);
  }, 60_000);
});

describe("values", () => {
  it("round-trip exactly: float8 in, numbers out, infinities kept", async () => {
    const store = await openPostgresStore(postgres.url, { schema: "floats" });
    const values = [0.1 + 0.2, 1e-300, -5e-324, 1.7976931348623157e308, Infinity, -Infinity, null];
    const readings = values.map((value, i) => ({
      timestamp: Date.UTC(2024, 0, 1) + i * 1_800_000,
      value,
      status: i % 4,
      consumption: value === null ? null : -(value as number),
    }));
    const write = {
      source: "R1",
      period: "halfHour" as const,
      window: { from: Date.UTC(2024, 0, 1), until: Date.UTC(2024, 0, 2) },
      readings,
    };
    try {
      expect(await store.writeWindow(write)).toMatchObject({ inserted: values.length });
      expect(await store.writeWindow(write)).toMatchObject({ unchanged: values.length });
      const stored = await pgRows("R1", postgres.url, "floats");
      expect(withoutKey(stored)).toEqual(
        readings.map((r) => ({ ...r, timestamp: r.timestamp / 1000 })),
      );
      const fewer = { ...write, readings: readings.slice(2) };
      expect(await store.writeWindow(fewer)).toMatchObject({
        deleted: 2,
        unchanged: values.length - 2,
      });
    } finally {
      await store.close();
    }
  });
});

describe("a connection the server ends", () => {
  it("is replaced, not fatal: the store goes on", async () => {
    const store = await openPostgresStore(`${postgres.url}?application_name=ended-by-server`);
    try {
      await store.coverage("R0", "halfHour"); // leaves an idle connection in the pool
      const [ended] = await query(
        postgres.url,
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE application_name = 'ended-by-server'`,
      );
      expect(ended.n).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expect(store.coverage("R0", "halfHour")).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe("a user who may only read and write rows", () => {
  it("opens a database set up before and syncs into it; a new schema it may not create fails", async () => {
    const password = "syncer-Pa55";
    await query(
      postgres.url,
      `CREATE ROLE syncer LOGIN PASSWORD '${password}';
       GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO syncer`,
    );
    const url = `postgres://syncer:${password}@127.0.0.1:${postgres.port}/dcs`;
    const summary = await sync(openPostgresStore(url), { sources: [register] });
    expect(summary.failed).toEqual([]);
    expect(summary.unchanged).toBeGreaterThan(0);
    const error = await openPostgresStore(url, { schema: "elsewhere" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncStoreError);
    expect((error as Error).message).toMatch(/^PostgreSQL refused at .*: permission denied/);
    expect(inspect(error)).not.toContain(password);
  });
});

describe("connection failures", () => {
  const password = "Wr0ng/pass@word";
  const encoded = encodeURIComponent(password);

  async function failure(url: string): Promise<SyncStoreError> {
    const error = await openPostgresStore(url, { connectTimeoutMs: 5000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncStoreError);
    const shown = inspect(error, { depth: 10 }) + String((error as Error).stack);
    expect(shown).not.toContain(password);
    expect(shown).not.toContain(encoded);
    expect(shown).not.toContain(postgres.password);
    expect((error as Error).message.split("\n")).toHaveLength(1);
    return error as SyncStoreError;
  }

  it("a wrong password names the server, never the password", async () => {
    const error = await failure(`postgres://postgres:${encoded}@127.0.0.1:${postgres.port}/dcs`);
    expect(error.message).toContain(`127.0.0.1:${postgres.port}, database "dcs"`);
    expect(error.message).toContain("password authentication failed");
  });

  it("a refused port and an unknown database say so", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closed = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const refused = await failure(`postgres://postgres:${encoded}@127.0.0.1:${closed}/dcs`);
    expect(refused.message).toContain(`127.0.0.1:${closed}`);
    expect(refused.message).toContain("ECONNREFUSED");
    const unknown = await failure(postgres.url.replace(/\/dcs$/, "/nowhere"));
    expect(unknown.message).toContain('database "nowhere" does not exist');
  });

  it("a URL that does not parse is not quoted", async () => {
    const error = await failure(`postgres://postgres:${encoded}@127.0.0.1:port/dcs`);
    expect(error.message).toContain("Not a PostgreSQL URL");
  });
});
