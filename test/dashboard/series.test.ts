/** Loading a source into the dashboard's typed arrays (examples/dashboard/src/series.ts). */
import { beforeAll, describe, expect, it } from "vitest";
import { loadSeries } from "../../examples/dashboard/src/series.js";
import { listSources, type SourceInfo } from "../../examples/dashboard/src/sources.js";
import { dayOf, rangeOf } from "../../examples/dashboard/src/zone.js";
import { DcsAbortError, DcsWebApi } from "../../src/index.js";
import { createDcsSimulator } from "../../src/simulator/index.js";

let dcs: DcsWebApi;
let sources: SourceInfo[];
const source = (id: string) => sources.find((s) => s.id === id)!;
const range = rangeOf({ from: dayOf(2024, 3, 1), to: dayOf(2024, 4, 30) }, "uk");

beforeAll(async () => {
  const simulator = createDcsSimulator(); // in process: no sockets
  dcs = new DcsWebApi("http://dcs.test/DCSWebApi", { fetch: simulator.fetch, maxConcurrent: 2 });
  sources = listSources(await dcs.meters(), await dcs.virtualMeters());
});

describe("dashboard series", () => {
  it("holds a cumulative register's periodValue, totalValue and status, reading for reading", async () => {
    const series = await loadSeries(dcs, source("R701"), range);
    const res = await dcs.readings("R701", {
      startTime: new Date(range.start),
      endTime: new Date(range.end),
      format: "complete",
    });
    const readings = await res.readings.toArray();
    expect(series.length).toBe(readings.length);
    expect([...series.time]).toEqual(readings.map((r) => r.timestamp.getTime()));
    expect([...series.value]).toEqual(readings.map((r) => r.periodValue));
    expect([...series.total!]).toEqual(readings.map((r) => r.totalValue));
    expect([...series.status]).toEqual(readings.map((r) => r.status));
  });

  it("holds a level's and a virtual meter's value, with no running total", async () => {
    for (const id of ["R703", "VM11"]) {
      const series = await loadSeries(dcs, source(id), range);
      const res = await dcs.readings(id, {
        startTime: new Date(range.start),
        endTime: new Date(range.end),
      });
      const readings = await res.readings.toArray();
      expect(series.total).toBeUndefined();
      expect([...series.value]).toEqual(readings.map((r) => r.value));
    }
  });

  it("reports progress as it streams, and stops with DcsAbortError when aborted", async () => {
    const seen: number[] = [];
    await loadSeries(dcs, source("R701"), range, { onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([2048]);
    const controller = new AbortController();
    const long = rangeOf({ from: dayOf(2016, 1, 1), to: dayOf(2025, 12, 31) }, "uk");
    const loading = loadSeries(dcs, source("R701"), long, {
      signal: controller.signal,
      onProgress: (n) => n >= 4096 && controller.abort(),
    });
    await expect(loading).rejects.toBeInstanceOf(DcsAbortError);
  });
});
