import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPeriods,
  floorToPeriod,
  PERIOD_TYPES,
  type PeriodType,
} from "../../src/core/periods.js";
import {
  DcsAbortError,
  DcsArgumentError,
  DcsAuthError,
  DcsBadRequestError,
  DcsForbiddenError,
  DcsNotFoundError,
  DcsProtocolError,
  DcsRateLimitError,
  DcsServerError,
  DcsTimeoutError,
  DcsValidationError,
  DcsWebApi,
  type Meter,
  ReadingStatus,
  type Readings,
  type StandardReading,
} from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";

let server: RunningDcsSimulator;
let meters: Meter[];
let register: string; // a cumulative register, "R<id>"
let instantaneous: string;
let virtualMeter: string;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0, rangeLimitDays: 0 });
  const dcs = new DcsWebApi(server.webApiUrl);
  meters = await dcs.meters();
  const registers = meters.flatMap((m) => m.registers);
  register = `R${registers.find((r) => !r.isInstantaneous && r.unit === "kWh")!.id}`;
  instantaneous = `R${registers.find((r) => r.isInstantaneous)!.id}`;
  virtualMeter = `VM${(await dcs.virtualMeters()).find((v) => !v.isInstantaneous)!.id}`;
});

afterAll(async () => {
  await server.close();
});

const client = (options: ConstructorParameters<typeof DcsWebApi>[1] = {}) =>
  new DcsWebApi(server.webApiUrl, { retry: { backoffMs: 5 }, ...options });

const day = { startTime: "2024-03-01", endTime: "2024-03-02" };

describe("DcsWebApi: sign-in and modes", () => {
  it("uses the public endpoints until signed in, then the authenticated ones", async () => {
    const paths: string[] = [];
    const dcs = client({ logger: (_, entry) => paths.push(entry.path) });
    expect(dcs.isSignedIn).toBe(false);
    await dcs.meters();
    const user = await dcs.signIn("user", "password");
    expect(user).toMatchObject({ username: "user", role: "Viewer" });
    expect(dcs.isSignedIn).toBe(true);
    await dcs.meters();
    await dcs.signOut();
    expect(dcs.isSignedIn).toBe(false);
    expect(paths).toEqual([
      "/DCSWebApi/public/meters",
      "/DCSWebApi/authentication/signin",
      "/DCSWebApi/meters",
      "/DCSWebApi/authentication/signout",
    ]);
  });

  it("a wrong password is a DcsAuthError and leaves the client usable", async () => {
    const dcs = client();
    const error = await dcs.signIn("user", "wrong-password-123").catch((e) => e);
    expect(error).toBeInstanceOf(DcsAuthError);
    expect(String(error)).not.toContain("wrong-password-123");
    expect(dcs.isSignedIn).toBe(false);
    await expect(dcs.signIn("user", "password")).resolves.toMatchObject({ username: "user" });
    await dcs.signOut();
  });

  it("an expired cookie is a DcsAuthError; with reauthenticate the call signs in again and succeeds", async () => {
    const plain = client();
    await plain.signIn("user", "password");
    server.simulator.expireSessions();
    await expect(plain.meters()).rejects.toBeInstanceOf(DcsAuthError);

    const resilient = client({ reauthenticate: true });
    await resilient.signIn("user", "password");
    server.simulator.expireSessions();
    await expect(resilient.meters()).resolves.toHaveLength(meters.length);
    await resilient.signOut();
  });

  it("after the session expires, concurrent calls share one new sign-in and sign out nothing", async () => {
    const lines: string[] = [];
    const dcs = client({ reauthenticate: true, logger: (line) => lines.push(line) });
    await dcs.signIn("user", "password");
    server.simulator.expireSessions();
    lines.length = 0;
    const [a, b, c] = await Promise.all([dcs.meters(), dcs.virtualMeters(), dcs.meters()]);
    expect([a.length, c.length]).toEqual([meters.length, meters.length]);
    expect(b.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.includes("/authentication/signin"))).toHaveLength(1);
    expect(lines.filter((line) => line.includes("/authentication/signout"))).toEqual([]);
    await dcs.signOut();
  });

  it("signOut clears local state even when the server cannot be reached", async () => {
    const dcs = client();
    await dcs.signIn("user", "password");
    const remover = server.simulator.addFault({ path: /signout/, fault: { kind: "reset" } });
    await dcs.signOut();
    remover();
    expect(dcs.isSignedIn).toBe(false);
  });

  it("await using signs out at the end of the block", async () => {
    const paths: string[] = [];
    {
      await using dcs = client({ logger: (_, entry) => paths.push(entry.path) });
      await dcs.signIn("user", "password");
    }
    expect(paths.at(-1)).toBe("/DCSWebApi/authentication/signout");
  });

  it("refuses to send credentials over plain http to a remote host", async () => {
    const dcs = new DcsWebApi("http://dcs.example.org/DCSWebApi", {
      fetch: server.simulator.fetch,
    });
    await expect(dcs.signIn("user", "password")).rejects.toThrow(/plain http/);
  });

  it("a restricted user gets 403 for a meter outside its profile", async () => {
    const dcs = client();
    await dcs.signIn("restricted", "restricted-password");
    const visible = await dcs.meters();
    expect(visible.length).toBeLessThan(meters.length);
    const hidden = meters.find((m) => !visible.some((v) => v.id === m.id))!;
    await expect(dcs.readings(`R${hidden.registers[0]!.id}`, day)).rejects.toBeInstanceOf(
      DcsForbiddenError,
    );
    await dcs.signOut();
  });
});

describe("DcsWebApi: estate", () => {
  it("validates meters and keeps fields the SDK does not know", async () => {
    const dcs = client();
    expect(meters.length).toBeGreaterThan(5);
    for (const m of meters) expect(m.registers.length).toBeGreaterThan(0);
    const status = await dcs.status();
    expect(typeof status).toBe("object");
    expect(dcs.rateLimit).toBeUndefined();
  });
});

describe("DcsWebApi: readings", () => {
  it("streams a day of half hours with decoded timestamps and values", async () => {
    const res = await client().readings(register, day);
    expect(res).toMatchObject({ periodType: "halfHour", unit: "kWh", readingDuration: 0 });
    expect(res.startTime).toEqual(new Date("2024-03-01T00:00:00Z"));
    expect(res.endTime).toEqual(new Date("2024-03-02T00:00:00Z"));
    expect(res.name).toContain(": ");
    const readings = await res.readings.toArray();
    expect(readings).toHaveLength(48);
    readings.forEach((r, i) => {
      expect(r.timestamp.getTime()).toBe(Date.UTC(2024, 2, 1) + i * 1_800_000);
      expect(typeof r.value).toBe("number");
    });
  });

  it("accepts every id form and all three ways to give the range", async () => {
    const dcs = client();
    const n = Number(register.slice(1));
    const a = await (await dcs.readings(register, day)).readings.toArray();
    const b = await (
      await dcs.readings({ register: n }, { startTime: day.startTime, periodCount: 48 })
    ).readings.toArray();
    const c = await (
      await dcs.readings(register.toLowerCase(), { endTime: day.endTime, periodCount: 48 })
    ).readings.toArray();
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it("complete format gives totals and period values that add up", async () => {
    const res = await client().readings(register, { ...day, format: "complete" });
    const readings = await res.readings.toArray();
    for (let i = 1; i < readings.length; i++) {
      const prev = readings[i - 1]!;
      if ((readings[i]!.status & ReadingStatus.Reset) === 0) {
        expect(readings[i]!.totalValue).toBeCloseTo(prev.totalValue + prev.periodValue, 6);
      }
    }
  });

  it("virtual meters report consumption per period", async () => {
    const res = await client().readings(virtualMeter, { ...day, periodType: "hour" });
    expect(res.readingDuration).toBe(60);
    expect(await res.readings.toArray()).toHaveLength(24);
  });

  it.each([
    ["a meter-like id", "733", {}],
    ["a path", "R1/../x?y=z", {}],
    ["an object with two keys", { register: 1, virtualMeter: 2 }, {}],
    ["three time parameters", "R1", { ...day, periodCount: 48 }],
    ["one time parameter", "R1", { startTime: "2024-03-01" }],
    [
      "a start off the week grid",
      "R1",
      { startTime: "2024-03-01", periodCount: 1, periodType: "week" },
    ],
    ["an end before the start", "R1", { startTime: "2024-03-02", endTime: "2024-03-01" }],
    ["complete for a virtual meter", "VM1", { ...day, format: "complete" }],
    ["a bad period", "R1", { ...day, periodType: "fortnight" }],
    ["a zone-less date-time", "R1", { startTime: "2024-03-01T00:00", periodCount: 1 }],
  ])("refuses %s with DcsArgumentError before any request", async (_, id, options) => {
    const before = server.simulator.stats.requests;
    await expect(client().readings(id as never, options as never)).rejects.toBeInstanceOf(
      DcsArgumentError,
    );
    expect(server.simulator.stats.requests).toBe(before);
  });

  it("takes periodType in any case, as pythondcs does, and sends the canonical name", async () => {
    const paths: string[] = [];
    const dcs = client({ logger: (line) => paths.push(line) });
    // Lower case is typed; other spellings are for JavaScript callers, hence the casts.
    for (const periodType of ["halfhour", "HALFHOUR" as PeriodType, "Day" as PeriodType] as const) {
      const res = await dcs.readings(register, { ...day, periodType });
      await res.readings.toArray();
    }
    const large = await dcs.largeReadings(register, { ...day, periodType: "HOUR" as PeriodType });
    expect(large.periodType).toBe("hour");
    expect(await large.readings.toArray()).toHaveLength(24);
    expect(paths.map((line) => /periodType=(\w+)/.exec(line)?.[1])).toEqual([
      "halfHour",
      "halfHour",
      "day",
      "hour",
    ]);
  });

  it("says which time is off the grid", async () => {
    const error = await client()
      .readings("R1", { startTime: "2024-03-05", periodCount: 1, periodType: "week" })
      .catch((e) => e);
    expect(error.message).toMatch(
      /startTime 2024-03-05T00:00:00Z is not on the week grid: it must fall on a Monday/,
    );
  });

  it("server refusals arrive typed: unknown ids 404, instantaneous sources only half-hourly 400", async () => {
    const dcs = client();
    await expect(dcs.readings("R4000000000", day)).rejects.toBeInstanceOf(DcsNotFoundError);
    await expect(dcs.readings(instantaneous, { ...day, periodType: "day" })).rejects.toBeInstanceOf(
      DcsBadRequestError,
    );
  });

  // Reading by reading, or batch by batch: either way a break or an abort ends the download.
  const steps = {
    "for await": (readings: AsyncIterable<unknown>) => readings,
    "batches()": (readings: Readings<unknown>) => readings.batches(),
  };
  const nineYears = { startTime: "2015-01-01", endTime: "2024-01-01" };

  it.each(Object.entries(steps))("breaking out of %s closes the connection", async (_, step) => {
    const res = await client().readings(register, nineYears);
    for await (const _ of step(res.readings)) break;
    await waitFor(() => server.simulator.stats.inFlight === 0);
    expect(server.simulator.stats.inFlight).toBe(0);
  });

  it.each(Object.entries(steps))("an abort in %s ends it with DcsAbortError", async (_, step) => {
    const controller = new AbortController();
    const res = await client().readings(register, { ...nineYears, signal: controller.signal });
    let n = 0;
    const error = await (async () => {
      for await (const _ of step(res.readings)) if (++n === 3) controller.abort();
    })().catch((e) => e);
    expect(error).toBeInstanceOf(DcsAbortError);
  });

  it("readings are read once: a second consumer is told so", async () => {
    const res = await client().readings(register, day);
    await res.readings.toArray();
    await expect(res.readings.toArray()).rejects.toBeInstanceOf(DcsArgumentError);
  });

  it("a ReadableStream view pipes the same readings", async () => {
    const dcs = client();
    const expected = await (await dcs.readings(register, day)).readings.toArray();
    const stream = (await dcs.readings(register, day)).readings.toStream();
    const got: StandardReading[] = [];
    await stream.pipeTo(new WritableStream({ write: (r) => void got.push(r) }));
    expect(got).toEqual(expected);
  });
});

describe("DcsWebApi: readings in batches", () => {
  const year = { startTime: "2023-01-01", endTime: "2024-01-01" };

  it("batches() gives the same readings, in order, in non-empty arrays, across windows", async () => {
    const dcs = client({ maxConcurrent: 2 });
    const expected = await (await dcs.readings(register, year)).readings.toArray();
    const res = await dcs.largeReadings(register, { ...year, maxWindowDays: 40 });
    const batches: StandardReading[][] = [];
    for await (const batch of res.readings.batches()) batches.push(batch);
    expect(batches.length).toBeGreaterThan(10); // one window (40 days) is at least one batch
    expect(batches.every((b) => b.length > 0)).toBe(true);
    expect(batches.flat()).toEqual(expected);
    expect(res.readings.count).toBe(expected.length);
  });

  it("batches() after a few single readings goes on from the next one", async () => {
    const dcs = client();
    const expected = await (await dcs.readings(register, day)).readings.toArray();
    const res = await dcs.readings(register, day);
    const iterator = res.readings[Symbol.asyncIterator]();
    const first = [(await iterator.next()).value, (await iterator.next()).value];
    // The sequence is already claimed by for await's iterator: a second view is refused.
    expect(() => res.readings.batches()).toThrow(DcsArgumentError);
    expect(first).toEqual(expected.slice(0, 2));
  });
});

describe("DcsWebApi: largeReadings", () => {
  const aligned = (t: number, p: PeriodType) => floorToPeriod(t, p);

  it("equals one big request over random ranges, periods and window sizes", async () => {
    const dcs = client({ maxConcurrent: 2 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2025, 0, 1) }),
        fc.constantFrom(...PERIOD_TYPES),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom("standard", "complete") as fc.Arbitrary<"standard" | "complete">,
        async (t, period, count, windowDays, format) => {
          const start = aligned(t, period);
          const end = addPeriods(start, period, Math.ceil(count / (period === "halfHour" ? 1 : 4)));
          const range = {
            startTime: new Date(start),
            endTime: new Date(end),
            periodType: period,
            format,
          };
          const whole = await (await dcs.readings(register, range)).readings.toArray();
          const large = await dcs.largeReadings(register, { ...range, maxWindowDays: windowDays });
          expect(large.startTime).toEqual(new Date(start));
          expect(large.endTime).toEqual(new Date(end));
          expect(await large.readings.toArray()).toEqual(whole);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("halves windows the server finds too long, and learns its limit", async () => {
    const limited = await startDcsSimulator({ port: 0, rangeLimitDays: 40 });
    try {
      const paths: string[] = [];
      const dcs = new DcsWebApi(limited.webApiUrl, { logger: (line) => paths.push(line) });
      const range = { startTime: "2023-01-01", endTime: "2024-01-01" };
      const large = await (
        await dcs.largeReadings(register, { ...range, periodType: "day", maxWindowDays: 365 })
      ).readings.toArray();
      expect(large).toHaveLength(365);
      expect(new Set(large.map((r) => r.timestamp.getTime())).size).toBe(365);
      const refused = paths.filter((p) => p.includes(" 400 "));
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.length).toBeLessThanOrEqual(4); // learned, not rediscovered per window
    } finally {
      await limited.close();
    }
  });

  it("the header describes the whole range even when the first window is refused as too long", async () => {
    const limited = await startDcsSimulator({ port: 0, rangeLimitDays: 40 });
    try {
      const dcs = new DcsWebApi(limited.webApiUrl);
      const range = { startTime: "2023-01-01", endTime: "2024-01-01", periodType: "day" as const };
      const oneDay = await dcs.readings(register, { ...range, endTime: "2023-01-02" });
      await oneDay.readings.toArray();
      const large = await dcs.largeReadings(register, { ...range, maxWindowDays: 365 });
      await large.readings.toArray();
      const { readings: _, ...header } = large;
      expect(header).toEqual({
        startTime: new Date("2023-01-01T00:00:00Z"),
        endTime: new Date("2024-01-01T00:00:00Z"),
        name: oneDay.name,
        periodType: "day",
        unit: oneDay.unit,
        readingDuration: oneDay.readingDuration,
      });
    } finally {
      await limited.close();
    }
  });

  it("a client remembers the server's range limit across calls", async () => {
    const limited = await startDcsSimulator({ port: 0, rangeLimitDays: 40 });
    try {
      const lines: string[] = [];
      const dcs = new DcsWebApi(limited.webApiUrl, { logger: (line) => lines.push(line) });
      const refusals = async (id: string) => {
        lines.length = 0;
        const res = await dcs.largeReadings(id, {
          startTime: "2023-01-01",
          endTime: "2024-01-01",
          periodType: "day",
        });
        expect(await res.readings.toArray()).toHaveLength(365);
        return lines.filter((line) => line.includes(" 400 ")).length;
      };
      expect(await refusals(register)).toBeGreaterThan(0);
      expect(await refusals(virtualMeter)).toBe(0);
      expect(await refusals(register)).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it("needs a start and an end", async () => {
    await expect(
      client().largeReadings(register, { startTime: "2024-01-01" } as never),
    ).rejects.toBeInstanceOf(DcsArgumentError);
  });
});

describe("DcsWebApi: politeness and resilience", () => {
  it("keeps one request in flight at the server under 50 concurrent calls", async () => {
    const dcs = client();
    server.simulator.resetStats();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 ? dcs.meters() : dcs.readings(register, day).then((r) => r.readings.toArray()),
      ),
    );
    expect(server.simulator.stats.maxInFlight).toBe(1);
  });

  it("rides out a 429 storm and exposes the rate-limit headers", async () => {
    const limited = await startDcsSimulator({ port: 0, rateLimit: { limit: 3, windowMs: 300 } });
    try {
      const dcs = new DcsWebApi(limited.webApiUrl, {
        retry: { maxDelayMs: 2000, rateLimitRetries: 10 },
      });
      for (let i = 0; i < 8; i++) await dcs.meters();
      expect(dcs.rateLimit?.limit).toBeDefined();
      expect(typeof dcs.rateLimit?.remaining).toBe("number");
      const impatient = new DcsWebApi(limited.webApiUrl, { retry: { rateLimitRetries: 0 } });
      const errors = await Promise.all(
        Array.from({ length: 6 }, () => impatient.meters().catch((e) => e)),
      );
      expect(errors.some((e) => e instanceof DcsRateLimitError)).toBe(true);
    } finally {
      await limited.close();
    }
  });

  it.each([
    ["status 503 then success", { kind: "status", status: 503 }, 1, undefined],
    ["status 500", { kind: "status", status: 500 }, Infinity, DcsServerError],
    ["an IIS HTML page with 200", { kind: "html", status: 200 }, 1, DcsProtocolError],
    ["an IIS HTML page with 500", { kind: "html", status: 500 }, 1, DcsServerError],
    ["malformed JSON", { kind: "malformed" }, 1, DcsProtocolError],
    ["JSON of the wrong shape", { kind: "wrongShape" }, 1, DcsValidationError],
    ["an empty body", { kind: "empty" }, 1, DcsProtocolError],
  ])("meters() under %s", async (_, fault, times, expected) => {
    const remove = server.simulator.addFault({
      path: /\/public\/meters$/,
      times,
      fault: fault as never,
    });
    try {
      const result = client().meters();
      if (expected) await expect(result).rejects.toBeInstanceOf(expected);
      else await expect(result).resolves.toHaveLength(meters.length);
    } finally {
      remove();
    }
  });

  it.each([
    ["dropped mid-body", { kind: "drop", afterBytes: 5000 }, DcsProtocolError],
    ["a cut gzip body", { kind: "gzipTruncated" }, DcsProtocolError],
    ["a stalled body", { kind: "stall" }, DcsTimeoutError],
  ])("readings %s fail typed from the iterator", async (_, fault, expected) => {
    const remove = server.simulator.addFault({
      path: /\/public\/readings$/,
      times: 1,
      fault: fault as never,
    });
    try {
      const dcs = client({ timeoutMs: 500 });
      const error = await dcs
        .readings(register, { startTime: "2023-01-01", endTime: "2023-02-01" })
        .then((r) => r.readings.toArray())
        .catch((e) => e);
      expect(error).toBeInstanceOf(expected);
    } finally {
      remove();
    }
  });
});

async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}
