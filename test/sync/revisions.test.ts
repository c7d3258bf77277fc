/**
 * Revised readings: the simulator serves the last day as interpolated estimates
 * (`provisionalHours`) and the real readings once its clock has moved on; a later sync's
 * look-back replaces the stored estimates, and a sync without look-back keeps them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsWebApi } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { openSqliteStore, type SyncSummary, syncReadings } from "../../src/sync/index.js";

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 10, 12, 0);
const START = NOW - 10 * DAY;
let now = NOW;

let server: RunningDcsSimulator;
let client: DcsWebApi;
let dir: string;
let sources: string[];

beforeAll(async () => {
  server = await startDcsSimulator({
    port: 0,
    provisionalHours: 24,
    clock: { now: () => now },
    tokenLifetimeMs: 30 * DAY, // the clock jumps days ahead
  });
  dir = mkdtempSync(join(tmpdir(), "dcs-revisions-"));
  client = new DcsWebApi(server.webApiUrl);
  await client.signIn("user", "password");
  const { estate } = server.simulator;
  const quiet = (meterId: number) =>
    estate.gaps.every((g) => g.meterId !== meterId || g.end < START || g.start > NOW + 3 * DAY);
  const meter = estate.meters.find(
    (m) => quiet(m.id) && m.registers.some((r) => !r.isInstantaneous),
  )!;
  const register = meter.registers.find((r) => !r.isInstantaneous)!;
  const vm = estate.virtualMeters.find(
    (v) =>
      !v.isInstantaneous &&
      v.registerAliases.every((a) =>
        quiet(estate.meters.find((m) => m.registers.some((r) => r.id === a.registerId))!.id),
      ),
  )!;
  sources = [`R${register.id}`, `VM${vm.id}`];
});

afterAll(async () => {
  await client?.signOut();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Row {
  timestamp: number;
  value: number | null;
  status: number;
  consumption: number | null;
}

function rowsOf(file: string, source: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        "SELECT timestamp, value, status, consumption FROM readings WHERE source = ? ORDER BY timestamp",
      )
      .all(source) as Row[];
  } finally {
    db.close();
  }
}

/** What the server says now, fetched apart from the engine, as the table holds it. */
async function serverRows(source: string, until: number): Promise<Row[]> {
  const range = { startTime: new Date(START), endTime: new Date(until) };
  if (source.startsWith("R")) {
    const res = await client.largeReadings(source, { ...range, format: "complete" });
    return (await res.readings.toArray()).map((r) => ({
      timestamp: r.timestamp.getTime() / 1000,
      value: r.totalValue,
      status: r.status,
      consumption: r.periodValue,
    }));
  }
  const places = (await client.virtualMeters()).find((v) => `VM${v.id}` === source)?.decimalPlaces;
  const res = await client.largeReadings(source, range);
  return (await res.readings.toArray()).map((r) => {
    const value = places === undefined ? r.value : Number(r.value.toFixed(places));
    return { timestamp: r.timestamp.getTime() / 1000, value, status: r.status, consumption: value };
  });
}

async function sync(file: string, lookbackDays?: number): Promise<SyncSummary> {
  const store = await openSqliteStore(file);
  try {
    return await syncReadings({
      client,
      store,
      sources,
      start: new Date(START),
      now: () => now,
      ...(lookbackDays === undefined ? {} : { lookbackDays }),
    });
  } finally {
    await store.close();
  }
}

/** The stored readings of the day before NOW: the ones first served as estimates. */
const lastDay = (rows: Row[]) =>
  rows.filter((r) => r.timestamp * 1000 >= NOW - DAY && r.timestamp * 1000 < NOW);

describe("revised readings", () => {
  const withLookback = () => join(dir, "lookback.db");
  const withoutLookback = () => join(dir, "no-lookback.db");
  let estimated: Record<string, Row[]>;
  let second: SyncSummary;

  beforeAll(async () => {
    now = NOW;
    for (const file of [withLookback(), withoutLookback()]) {
      const first = await sync(file);
      expect(first.failed).toEqual([]);
      expect(first.span.until).toBe(NOW);
    }
    estimated = Object.fromEntries(sources.map((s) => [s, lastDay(rowsOf(withLookback(), s))]));
    now = NOW + 2 * DAY;
    second = await sync(withLookback());
  });

  it("stores the last 48 half hours first as the server's estimates, status 1", async () => {
    for (const source of sources) {
      const rows = estimated[source]!;
      expect(rows).toHaveLength(48);
      expect(rows.every((r) => r.status === 1)).toBe(true);
      const stored = rowsOf(withLookback(), source);
      const before = stored.filter((r) => r.timestamp * 1000 < NOW - DAY);
      expect(before.length).toBe(9 * 48);
      expect(before.every((r) => r.status === 0)).toBe(true);
    }
  });

  it("replaces them with the real readings in the next run's look-back", async () => {
    expect(second.failed).toEqual([]);
    expect(second.updated).toBeGreaterThanOrEqual(2 * 48);
    expect(second.deleted).toBe(0);
    for (const source of sources) {
      const stored = rowsOf(withLookback(), source);
      const revised = lastDay(stored);
      expect(revised).toHaveLength(48);
      expect(revised.every((r) => r.status === 0)).toBe(true);
      expect(revised).not.toEqual(estimated[source]);
      // Everything stored is what a fresh fetch from the server says now.
      expect(stored).toEqual(await serverRows(source, NOW + 2 * DAY));
    }
  });

  it("keeps the estimates when the run fetches no look-back", async () => {
    const summary = await sync(withoutLookback(), 0);
    expect(summary.failed).toEqual([]);
    expect(summary.updated).toBe(0);
    expect(summary.inserted).toBe(2 * 2 * 48);
    for (const source of sources) {
      const stored = lastDay(rowsOf(withoutLookback(), source));
      expect(stored).toEqual(estimated[source]);
      const fresh = lastDay(await serverRows(source, NOW + 2 * DAY));
      expect(stored).not.toEqual(fresh);
      expect(fresh.every((r) => r.status === 0)).toBe(true);
    }
  });
});
