/**
 * Request lifecycles (issues #14, #15): what a client's calls hold while they are open (queue
 * slots, listeners on the caller's signal, sockets) and that every way a call can end gives
 * them back. Both clients, both HTTP stacks, real HTTP against the simulator.
 */
import { getEventListeners } from "node:events";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DcsAbortError,
  DcsSession,
  DcsWebApi,
  type Readings,
  type TransportOptions,
} from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { nodeFetch } from "../../src/transport/node-http.js";
import { type PlatformFetch, setPlatformFetch } from "../../src/transport/platform.js";
import { expectNoHangingSockets, watchUnhandledRejections } from "./helpers.js";

let server: RunningDcsSimulator;
let register: number;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  register = server.simulator.estate.meters
    .flatMap((m) => m.registers)
    .find((r) => !r.isInstantaneous && r.unit === "kWh")!.id;
});
afterAll(() => server.close());
watchUnhandledRejections();

/** `promise`, or "still waiting" after `ms`: a hang fails the test instead of stalling it. */
function within<T>(promise: Promise<T>, ms = 3000): Promise<T | "still waiting"> {
  return Promise.race([
    promise,
    new Promise<"still waiting">((resolve) => setTimeout(() => resolve("still waiting"), ms)),
  ]);
}

const DAY = { start: "2024-01-01", end: "2024-01-02" };
const MONTH = { start: "2024-01-01", end: "2024-01-21", maxWindowDays: 10 };

/** One client of either generation, reduced to the calls these tests need. */
interface Client {
  readings(signal?: AbortSignal): Promise<Readings<unknown>>;
  large(signal?: AbortSignal): Promise<Readings<unknown>>;
  meters(): Promise<unknown[]>;
  close(): Promise<void>;
}

const CLIENTS = [
  {
    name: "DcsWebApi",
    readingsPath: "/readings",
    async make(options: TransportOptions = {}): Promise<Client> {
      const dcs = new DcsWebApi(server.webApiUrl, { retry: { backoffMs: 5 }, ...options });
      await dcs.signIn("user", "password");
      const id = `R${register}`;
      return {
        readings: async (signal) =>
          (await dcs.readings(id, { startTime: DAY.start, endTime: DAY.end, signal })).readings,
        large: async (signal) =>
          (
            await dcs.largeReadings(id, {
              startTime: MONTH.start,
              endTime: MONTH.end,
              maxWindowDays: MONTH.maxWindowDays,
              signal,
            })
          ).readings,
        meters: () => dcs.meters(),
        close: () => dcs.signOut(),
      };
    },
  },
  {
    name: "DcsSession",
    readingsPath: "/registerreadings/list",
    async make(options: TransportOptions = {}): Promise<Client> {
      const dcs = new DcsSession(server.v3Url, { retry: { backoffMs: 5 }, ...options });
      await dcs.login("user", "password");
      return {
        readings: (signal) => dcs.getReadings(register, false, { ...DAY, iterator: true, signal }),
        large: (signal) =>
          dcs.getMegaReadings(register, false, { ...MONTH, iterator: true, signal }),
        meters: () => dcs.getMeters(),
        close: () => dcs.logout(),
      };
    },
  },
];

const CELLS = CLIENTS.flatMap((client) =>
  [
    { stack: "fetch", fetch: undefined },
    { stack: "node:http", fetch: nodeFetch },
  ].map((stack) => ({ ...client, ...stack })),
);

describe.each(CELLS)("request lifecycles: $name over $stack", (cell) => {
  let previousFetch: PlatformFetch | undefined;
  beforeAll(() => {
    if (cell.fetch) previousFetch = setPlatformFetch(cell.fetch);
  });
  afterAll(() => {
    if (previousFetch) setPlatformFetch(previousFetch);
  });
  afterEach(async () => {
    server.simulator.clearFaults();
    await expectNoHangingSockets(server);
  });

  it.each(["readings", "large"] as const)(
    "an aborted %s result that is never read gives its slot back: the next call completes",
    async (call) => {
      const client = await cell.make();
      const controller = new AbortController();
      const unread = await client[call](controller.signal);
      controller.abort();
      expect(await within(client.readings().then((r) => r.toArray()))).toHaveLength(48);
      expect(await unread.toArray().catch((e) => e)).toBeInstanceOf(DcsAbortError);
      await client.close();
    },
  );

  it("50 calls sharing one signal leave its abort listeners as they were, however each ends", async () => {
    const client = await cell.make();
    const shared = new AbortController().signal;
    const before = getEventListeners(shared, "abort").length;
    for (let i = 0; i < 50; i++) {
      const call = i % 2 === 0 ? client.large : client.readings;
      const length = i % 2 === 0 ? 20 * 48 : 48;
      if (i % 4 === 3) {
        // A call that fails at its first request.
        server.simulator.addFault({
          path: cell.readingsPath,
          fault: { kind: "status", status: 500 },
          times: 1,
        });
        await expect(call(shared)).rejects.toThrow(/500/);
        continue;
      }
      const readings = await call(shared);
      if (i % 3 === 0) expect(await readings.toArray()).toHaveLength(length);
      else if (i % 3 === 1) for await (const _ of readings) break;
      else await readings.cancel();
    }
    expect(getEventListeners(shared, "abort")).toHaveLength(before);
    await client.close();
  });
});
