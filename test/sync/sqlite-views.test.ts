/**
 * The SQLite store's views group half-hours by UK local day: 46 on the day the clocks go
 * forward, 50 on the day they go back, 48 on any other; months are their days'.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore, type StoredReading } from "../../src/sync/index.js";

const HALF_HOUR = 1_800_000;
let dir: string;
let file: string;

/** Every half-hour of `[from, until)`, each consuming 1 and every tenth interpolated. */
function halfHours(from: string, until: string): StoredReading[] {
  const rows: StoredReading[] = [];
  for (let t = Date.parse(from), i = 0; t < Date.parse(until); t += HALF_HOUR, i++) {
    rows.push({ timestamp: t, value: i, status: i % 10 === 0 ? 1 : 0, consumption: 1 });
  }
  return rows;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dcs-sqlite-views-"));
  file = join(dir, "views.db");
  const store = await openSqliteStore(file);
  // From UK midnight to UK midnight: 2024-03-30 to 2024-04-02 and 2024-10-26 to 2024-10-29.
  for (const [from, until] of [
    ["2024-03-30T00:00:00Z", "2024-04-01T23:00:00Z"],
    ["2024-10-25T23:00:00Z", "2024-10-29T00:00:00Z"],
  ] as const) {
    const readings = halfHours(from, until);
    const window = { from: Date.parse(from), until: Date.parse(until) };
    await store.writeWindow({ source: "R1", period: "halfHour", window, readings });
  }
  await store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function all(sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe("SQLite views", () => {
  it("daily_consumption: 48 half-hours a UK day, 46 and 50 when the clocks change", () => {
    const days = all("SELECT day, readings, consumption FROM daily_consumption ORDER BY day");
    expect(days.map((d) => [d.day, d.readings, d.consumption])).toEqual([
      ["2024-03-30", 48, 48],
      ["2024-03-31", 46, 46],
      ["2024-04-01", 48, 48],
      ["2024-10-26", 48, 48],
      ["2024-10-27", 50, 50],
      ["2024-10-28", 48, 48],
    ]);
  });

  it("monthly_consumption sums its days, interpolated ones counted", () => {
    const months = all("SELECT * FROM monthly_consumption ORDER BY month");
    const interpolated = (from: string, until: string) =>
      halfHours(from, until).filter((r) => r.status & 1).length;
    expect(months).toEqual([
      {
        source: "R1",
        month: "2024-03",
        consumption: 94,
        readings: 94,
        interpolated: interpolated("2024-03-30T00:00:00Z", "2024-03-31T23:00:00Z"),
      },
      {
        source: "R1",
        month: "2024-04",
        consumption: 48,
        readings: 48,
        interpolated: halfHours("2024-03-30T00:00:00Z", "2024-04-01T23:00:00Z")
          .slice(94)
          .filter((r) => r.status & 1).length,
      },
      {
        source: "R1",
        month: "2024-10",
        consumption: 146,
        readings: 146,
        interpolated: interpolated("2024-10-25T23:00:00Z", "2024-10-29T00:00:00Z"),
      },
    ]);
  });
});
