/**
 * Load (issue #9): many clients sharing one rate-limited simulator all finish with the right
 * data; one client under many concurrent calls never exceeds `maxConcurrent` at the server.
 * (The 10,000-call and heap measurements live in `bench/load.mjs`: they are not timed tests.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsWebApi, type StandardReading } from "../../src/index.js";
import {
  createDcsSimulator,
  type RunningDcsSimulator,
  startDcsSimulator,
} from "../../src/simulator/index.js";
import { expectNoHangingSockets, watchUnhandledRejections } from "./helpers.js";

let server: RunningDcsSimulator;
/** The same estate without a rate limit, in process: the reference data. */
const reference = createDcsSimulator();
const registers = reference.estate.meters
  .flatMap((m) => m.registers)
  .filter((r) => !r.isInstantaneous)
  .slice(0, 20)
  .map((r) => `R${r.id}`);
const range = { startTime: "2024-02-01", endTime: "2024-03-01" };

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0, rateLimit: { limit: 8, windowMs: 1000 } });
});
afterAll(() => server.close());
watchUnhandledRejections();

async function referenceReadings(id: string): Promise<StandardReading[]> {
  const dcs = new DcsWebApi("http://dcs.test/DCSWebApi", { fetch: reference.fetch });
  return (await dcs.readings(id, range)).readings.toArray();
}

describe("load", () => {
  it("20 clients on one rate-limited simulator all finish with correct data", async () => {
    expect(registers).toHaveLength(20);
    server.simulator.resetStats();
    const rateLimited: number[] = [];
    const results = await Promise.all(
      registers.map(async (id, i) => {
        const dcs = new DcsWebApi(server.webApiUrl, {
          retry: { rateLimitRetries: 20, maxDelayMs: 5000 },
          logger: (_, entry) => entry.status === 429 && rateLimited.push(i),
        });
        if (i % 2 === 0) await dcs.signIn("user", "password"); // half public, half signed in
        const meters = await dcs.meters();
        const readings = await (await dcs.readings(id, range)).readings.toArray();
        await dcs.signOut();
        return { meters, readings };
      }),
    );
    const meters = await new DcsWebApi("http://dcs.test/DCSWebApi", {
      fetch: reference.fetch,
    }).meters();
    for (const [i, result] of results.entries()) {
      expect(result.meters).toEqual(meters);
      expect(result.readings).toHaveLength(29 * 48);
      expect(result.readings).toEqual(await referenceReadings(registers[i] as string));
    }
    expect(rateLimited.length).toBeGreaterThan(0); // the limit really bit
    await expectNoHangingSockets(server);
  }, 30_000);

  it("one client with maxConcurrent 3 under 300 concurrent calls: at most 3 in flight", async () => {
    const unlimited = await startDcsSimulator({ port: 0 });
    try {
      const dcs = new DcsWebApi(unlimited.webApiUrl, { maxConcurrent: 3 });
      const expected = await referenceReadings(registers[0] as string);
      unlimited.simulator.resetStats();
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          i % 3 === 0
            ? dcs.readings(registers[0] as string, range).then((r) => r.readings.toArray())
            : dcs.virtualMeters(),
        ),
      );
      expect(unlimited.simulator.stats.maxInFlight).toBeLessThanOrEqual(3);
      expect(unlimited.simulator.stats.maxInFlight).toBeGreaterThan(1);
      for (let i = 0; i < results.length; i += 3) expect(results[i]).toEqual(expected);
      await expectNoHangingSockets(unlimited);
    } finally {
      await unlimited.close();
    }
  }, 30_000);
});
