/**
 * A sync that meets a failing server: the sources that fail are named, what was committed
 * stays, and a run once the server is well again ends with exactly the server's data.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DcsProtocolError, DcsWebApi } from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { openSqliteStore, type SyncStore, syncReadings } from "../../src/sync/index.js";

let server: RunningDcsSimulator;
let client: DcsWebApi;
let dir: string;
const SOURCES = ["R701", "R702", "R713", "VM11"];
const RANGE = { start: "2024-01-01T00:00:00Z", end: "2024-07-01T00:00:00Z" };

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  client = new DcsWebApi(server.webApiUrl, { retry: { limit: 3, backoffMs: 10 } });
  await client.signIn("user", "password");
  dir = mkdtempSync(join(tmpdir(), "dcs-sync-faults-"));
});

afterAll(async () => {
  await client?.signOut();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function syncInto(file: string) {
  const store = await openSqliteStore(file);
  try {
    return await syncReadings({ client, store, sources: SOURCES, ...RANGE, windowDays: 31 });
  } finally {
    await store.close();
  }
}

const readings = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT * FROM readings ORDER BY source, timestamp").all();
  } finally {
    db.close();
  }
};

it("a body broken mid-window fails that source only, keeps what arrived, and the next run completes it exactly", async () => {
  const reference = join(dir, "reference.db");
  expect((await syncInto(reference)).failed).toEqual([]);

  const file = join(dir, "broken.db");
  // The third readings request (R701's third window) breaks after 3,000 bytes, every retry too.
  const remove = server.simulator.addFault({
    path: "/readings",
    after: 2,
    times: 1,
    fault: { kind: "drop", afterBytes: 3_000 },
  });
  const broken = await syncInto(file);
  remove();
  expect(broken.failed.map((f) => f.source)).toEqual(["R701"]);
  expect(broken.failed[0]?.error).toBeInstanceOf(DcsProtocolError);
  expect(broken.sources).toBe(3);
  const partial = readings(file);
  expect(partial.length).toBeLessThan(readings(reference).length);
  // What arrived before the break was kept, exactly as the server has it: R701's first two
  // windows (and whatever of the third arrived), a prefix of the clean run's readings.
  const r701 = partial.filter((r) => (r as { source: string }).source === "R701");
  const clean = readings(reference).filter((r) => (r as { source: string }).source === "R701");
  expect(r701.length).toBeGreaterThanOrEqual((31 + 31) * 48);
  expect(r701.length).toBeLessThan(clean.length);
  expect(r701).toEqual(clean.slice(0, r701.length));

  const healed = await syncInto(file);
  expect(healed.failed).toEqual([]);
  expect(readings(file)).toEqual(readings(reference));
});

it("a 503 storm that passes is retried, and the data is exact", async () => {
  const file = join(dir, "storm.db");
  const remove = server.simulator.addFault({
    path: "/readings",
    times: 2,
    fault: { kind: "status", status: 503 },
  });
  const summary = await syncInto(file);
  remove();
  expect(summary.failed).toEqual([]);
  expect(readings(file)).toEqual(readings(join(dir, "reference.db")));
});

it("a store that fails a write stops that source at once: nothing is written after it, nothing left running", async () => {
  const file = join(dir, "failing-store.db");
  const real = await openSqliteStore(file);
  const writes: string[] = [];
  // A store of the user's own over the SQLite one, whose second write of R701 fails. Windows of
  // 180 days hold more than a batch (8,192 readings), so R701's next window is downloading, with
  // a batch of its own to write, when the write fails.
  const failing: SyncStore = {
    saveSources: (s) => real.saveSources(s),
    coverage: (s, p) => real.coverage(s, p),
    async writeWindow(write) {
      const n = writes.filter((w) => w.startsWith("R701")).length;
      writes.push(`${write.source} ${new Date(write.window.from).toISOString()}`);
      if (write.source === "R701" && n === 1) throw new Error("disk full");
      return real.writeWindow(write);
    },
    close: () => real.close(),
  };
  const start = "2023-01-01T00:00:00Z";
  try {
    const summary = await syncReadings({
      client,
      store: failing,
      sources: ["R701"],
      start,
      end: "2024-07-01T00:00:00Z",
      windowDays: 180,
    });
    expect(summary.failed.map((f) => [f.source, (f.error as Error).message])).toEqual([
      ["R701", "disk full"],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing goes on behind
    expect(writes).toHaveLength(2);
    // What was written is covered, from the start, with no hole.
    const coverage = await real.coverage("R701", "halfHour");
    expect(coverage).toEqual({
      from: Date.parse(start),
      until: Date.parse(start) + 8_192 * 1_800_000,
    });
  } finally {
    await failing.close();
  }
});
