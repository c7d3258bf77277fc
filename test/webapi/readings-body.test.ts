// Readings bodies shaped by hand (no network: a custom fetch answers in-process), for the
// cases the simulator never produces: header members after the array, and huge chunks.
import { describe, expect, it } from "vitest";
import { DcsAbortError, DcsValidationError, DcsWebApi } from "../../src/index.js";
import { chunkedBody } from "../helpers/chunked-body.js";

const BASE = "http://127.0.0.1:1/DCSWebApi";
const START = Date.UTC(2024, 0, 1);

function readingsJson(count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const timestamp = `${new Date(START + i * 1_800_000).toISOString().slice(0, 19)}Z`;
    items.push(`{"timestamp":"${timestamp}","value":${i},"status":0}`);
  }
  return `[${items.join(",")}]`;
}

const header = (members: Record<string, unknown>) =>
  Object.entries(members)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join(",");

const FULL_HEADER = {
  startTime: "2024-01-01T00:00:00Z",
  endTime: "2025-01-01T00:00:00Z",
  name: "Main: kWh",
  periodType: "halfHour",
  unit: "kWh",
  readingDuration: 0,
};

/** A client whose every request is answered with `body`: in one chunk, or two split at `cut`. */
function answering(body: string, cut?: string): DcsWebApi {
  const at =
    cut === undefined ? [] : [new TextEncoder().encode(body.slice(0, body.indexOf(cut))).length];
  return new DcsWebApi(BASE, {
    fetch: async () =>
      new Response(chunkedBody(body, at), { headers: { "content-type": "application/json" } }),
  });
}

const range = { startTime: "2024-01-01", endTime: "2025-01-01" };

describe("readings bodies in unusual shapes", () => {
  it("fills in header members that come after the array when the stream ends", async () => {
    const { unit, ...before } = FULL_HEADER;
    const body = `{${header(before)},"readings":${readingsJson(3)},${header({ unit })}}`;
    const res = await answering(body, '"value"').readings("R1", range);
    expect(res.unit).toBeUndefined();
    expect(await res.readings.toArray()).toHaveLength(3);
    expect(res).toMatchObject({ unit: "kWh", name: "Main: kWh", readingDuration: 0 });
  });

  it("largeReadings: the whole range from the start, header members after the array at the end", async () => {
    const { unit, name, ...before } = FULL_HEADER;
    const body = `{${header(before)},"readings":[],${header({ unit, name })}}`;
    const res = await answering(body, '"unit"').largeReadings("R1", {
      startTime: "2024-01-01",
      endTime: "2024-03-01",
      maxWindowDays: 31,
    });
    expect(res.startTime).toEqual(new Date("2024-01-01T00:00:00Z"));
    expect(res.endTime).toEqual(new Date("2024-03-01T00:00:00Z"));
    expect(res.unit).toBeUndefined();
    expect(await res.readings.toArray()).toEqual([]);
    expect(res).toMatchObject({ name: "Main: kWh", unit: "kWh", periodType: "halfHour" });
    expect(res.startTime).toEqual(new Date("2024-01-01T00:00:00Z"));
    expect(res.endTime).toEqual(new Date("2024-03-01T00:00:00Z"));
  });

  it("still validates a member repeated after the array once the header was complete", async () => {
    const body = `{${header(FULL_HEADER)},"readings":${readingsJson(3)},"name":5}`;
    const res = await answering(body, '"value"').readings("R1", range);
    expect(res.name).toBe("Main: kWh");
    await expect(res.readings.toArray()).rejects.toBeInstanceOf(DcsValidationError);
  });

  it("an abort stops the readings at once, not after a big chunk already decoded", async () => {
    const total = 40_000; // one chunk, far more than one batch
    const body = `{${header(FULL_HEADER)},"readings":${readingsJson(total)}}`;
    const controller = new AbortController();
    const res = await answering(body).readings("R1", { ...range, signal: controller.signal });
    let seen = 0;
    const error = await (async () => {
      for await (const _ of res.readings) if (++seen === 10) controller.abort();
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DcsAbortError);
    expect(seen).toBeLessThanOrEqual(4096);
  });
});
