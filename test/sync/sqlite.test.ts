/**
 * The sync engine into a real SQLite file, against the simulator over loopback.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsWebApi } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { openSqliteStore, type SyncSummary, syncReadings } from "../../src/sync/index.js";
import { serverRows } from "./server-rows.js";

let server: RunningDcsSimulator;
let dir: string;
let requests: string[] = [];
let client: DcsWebApi;
let register: string;
let instantaneous: string;
let virtualMeter: string;

const START = "2024-01-01T00:00:00Z";
const END = "2024-03-01T00:00:00Z";
const RANGE = { startTime: START, endTime: END };

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0, rangeLimitDays: 31 });
  dir = mkdtempSync(join(tmpdir(), "dcs-sync-"));
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
  const meters = await client.meters();
  const registers = meters.flatMap((m) => m.registers);
  register = `R${registers.find((r) => !r.isInstantaneous && r.unit === "kWh")!.id}`;
  instantaneous = `R${registers.find((r) => r.isInstantaneous)!.id}`;
  const vms = await client.virtualMeters();
  virtualMeter = `VM${vms.find((v) => !v.isInstantaneous && v.decimalPlaces !== undefined)!.id}`;
});

afterAll(async () => {
  await client?.signOut();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Row {
  source: string;
  period: string;
  timestamp: number;
  value: number;
  status: number;
  consumption: number | null;
}

function rowsOf(file: string, source: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT * FROM readings WHERE source = ? ORDER BY timestamp")
      .all(source) as Row[];
  } finally {
    db.close();
  }
}

async function sync(file: string, options: Partial<Parameters<typeof syncReadings>[0]> = {}) {
  const store = await openSqliteStore(file);
  try {
    return await syncReadings({
      client,
      store,
      sources: [register, instantaneous, virtualMeter],
      start: START,
      end: END,
      ...options,
    });
  } finally {
    await store.close();
  }
}

describe("sync into SQLite", () => {
  let file: string;
  let first: SyncSummary;

  beforeAll(async () => {
    file = join(dir, "first.db");
    requests = [];
    first = await sync(file);
  });

  it("stores exactly the server's readings, with consumption beside value", async () => {
    expect(first.failed).toEqual([]);
    expect(first.sources).toBe(3);
    const expected = {
      register: await serverRows(client, register, "register", RANGE),
      instantaneous: await serverRows(client, instantaneous, "instantaneous", RANGE),
      virtualMeter: await serverRows(client, virtualMeter, "virtualMeter", RANGE),
    };
    const stored = (source: string) =>
      rowsOf(file, source).map(({ source: _, period, ...rest }) => {
        expect(period).toBe("halfHour");
        return rest;
      });
    expect(stored(register)).toEqual(expected.register);
    expect(stored(instantaneous)).toEqual(expected.instantaneous);
    expect(stored(virtualMeter)).toEqual(expected.virtualMeter);
    const total = Object.values(expected).reduce((n, rows) => n + rows.length, 0);
    expect(first.inserted).toBe(total);
    expect(first.readings).toBe(total);
    expect(expected.register.length).toBeGreaterThan(2800);
    expect(expected.instantaneous.every((r) => r.consumption === null)).toBe(true);
  });

  it("a second run fetches only the look-back and changes nothing", async () => {
    requests = [];
    const again = await sync(file);
    expect(again.inserted + again.updated + again.deleted).toBe(0);
    expect(again.unchanged).toBe(3 * 7 * 48);
    const readingsRequests = requests.filter((q) => q.includes("startTime"));
    expect(readingsRequests).toHaveLength(3);
    for (const q of readingsRequests) expect(q).toContain("2024-02-23");
  });

  it("an extension fetches only the new range, at both ends", async () => {
    requests = [];
    const wider = await sync(file, { start: "2023-12-01T00:00:00Z", end: "2024-03-02T00:00:00Z" });
    expect(wider.failed).toEqual([]);
    expect(wider.inserted).toBe(3 * (31 + 1) * 48);
    expect(wider.unchanged).toBe(3 * 7 * 48);
  });
});

describe("sources by name", () => {
  it("M<id> syncs all of a meter's registers, each source once; an unknown id fails by name", async () => {
    const meter = (await client.meters()).find((m) => m.registers.length > 1)!;
    const file = join(dir, "meter.db");
    const summary = await sync(file, {
      sources: [`M${meter.id}`, `R${meter.registers[0]!.id}`, "R999999"],
      start: "2024-02-01T00:00:00Z",
      end: "2024-02-02T00:00:00Z",
    });
    expect(summary.sources).toBe(meter.registers.length);
    expect(summary.failed.map((f) => f.source)).toEqual(["R999999"]);
    const db = new Database(file, { readonly: true });
    try {
      const stored = db
        .prepare("SELECT DISTINCT source FROM readings ORDER BY source")
        .pluck()
        .all();
      expect(stored).toEqual(meter.registers.map((r) => `R${r.id}`).sort());
    } finally {
      db.close();
    }
  });
});
