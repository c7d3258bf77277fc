/**
 * Request lifecycles (issues #14, #15): what a client's calls hold while they are open (queue
 * slots, listeners on the caller's signal, sockets) and that every way a call can end gives
 * them back. Both clients, both HTTP stacks, real HTTP against the simulator.
 */
import { getEventListeners } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DcsAbortError,
  DcsConcurrencyError,
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  it.each([
    ["readings", 48, 2],
    ["large", 20 * 48, 3],
  ] as const)(
    "two %s calls awaited together (Promise.all) both complete",
    async (call, length, mostOpen) => {
      const client = await cell.make(); // maxConcurrent 1
      server.simulator.resetStats();
      const both = await within(Promise.all([client[call](), client[call]()]));
      expect(both).not.toBe("still waiting");
      const [a, b] = both as Readings<unknown>[];
      expect(await a!.toArray()).toHaveLength(length);
      expect(await b!.toArray()).toHaveLength(length);
      // The unread result lent its slot; a long range's next window may use it too.
      expect(server.simulator.stats.maxInFlight).toBeLessThanOrEqual(mostOpen);
      await client.close();
    },
  );

  it("a long range read on its own keeps one request in flight, its next window included", async () => {
    const client = await cell.make();
    server.simulator.resetStats();
    let count = 0;
    for await (const _ of await client.large()) if (++count % 200 === 0) await sleep(20);
    expect(count).toBe(20 * 48);
    expect(server.simulator.stats.maxInFlight).toBe(1);
    await client.close();
  });

  it("Promise.all over 8 readings calls: 4 open at once, the others fail at once with DcsConcurrencyError", async () => {
    const client = await cell.make();
    const controller = new AbortController();
    server.simulator.resetStats();
    const settled = await within(
      Promise.allSettled(Array.from({ length: 8 }, () => client.readings(controller.signal))),
    );
    expect(settled).not.toBe("still waiting");
    const outcomes = settled as PromiseSettledResult<Readings<unknown>>[];
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(4);
    const errors = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason] : []));
    expect(errors).toHaveLength(4);
    for (const error of errors) {
      expect(error).toBeInstanceOf(DcsConcurrencyError);
      expect(error.message).toMatch(/nobody has started to read.*raise maxConcurrent/);
    }
    expect(server.simulator.stats.maxInFlight).toBeLessThanOrEqual(4);
    controller.abort(); // gives the four open ones back
    expect(await within(client.readings().then((r) => r.toArray()))).toHaveLength(48);
    await client.close();
  });

  it("results a failed Promise.all dropped unread give their slots back once collected", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const client = await cell.make();
    const failed = await within(
      Promise.all(Array.from({ length: 6 }, () => client.readings())).catch((e) => e),
    );
    expect(failed).toBeInstanceOf(DcsConcurrencyError);
    let outcome: unknown;
    for (let i = 0; i < 50 && !Array.isArray(outcome); i++) {
      gc();
      await sleep(10);
      outcome = await client
        .readings()
        .then((r) => r.toArray())
        .catch((e) => e);
    }
    expect(outcome).toHaveLength(48);
    await client.close();
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
