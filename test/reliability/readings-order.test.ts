/**
 * Readings outside the window asked for, or out of time order (issue #14): for both clients,
 * single requests and chained windows, over real HTTP against a hostile server. The result is
 * exactly the server's readings, or a DcsProtocolError naming the first bad reading by its
 * index and timestamp; never a shorter, filtered or reordered list.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPeriods, DAY_MS, type PeriodType } from "../../src/core/periods.js";
import { DcsProtocolError, DcsSession, DcsWebApi } from "../../src/index.js";
import {
  type ReadingsServer,
  type ReadingsServerOptions,
  startReadingsServer,
} from "../helpers/readings-server.js";
import { watchUnhandledRejections } from "./helpers.js";

const options: ReadingsServerOptions = {};
let server: ReadingsServer;

beforeAll(async () => {
  server = await startReadingsServer(options);
});
afterAll(async () => {
  await server.close();
});
watchUnhandledRejections();

interface Ask {
  start: number;
  end: number;
  period: PeriodType;
  /** Window span for the chained calls, in days. */
  windowDays: number;
}

/** Each way to read a range: the instants of its readings, and how it names reading `i`. */
const SUBJECTS = [
  {
    name: "DcsWebApi.readings",
    v3: false,
    chained: false,
    path: (i: number) => `readings[${i}]`,
    times: async (ask: Ask, id: number) => {
      const dcs = new DcsWebApi(server.webApiUrl);
      const res = await dcs.readings(`R${id}`, {
        startTime: new Date(ask.start),
        endTime: new Date(ask.end),
        periodType: ask.period,
      });
      return (await res.readings.toArray()).map((r) => r.timestamp.getTime());
    },
  },
  {
    name: "DcsWebApi.largeReadings",
    v3: false,
    chained: true,
    path: (i: number) => `readings[${i}]`,
    times: async (ask: Ask, id: number) => {
      const dcs = new DcsWebApi(server.webApiUrl, { maxConcurrent: 2 });
      const res = await dcs.largeReadings(`R${id}`, {
        startTime: new Date(ask.start),
        endTime: new Date(ask.end),
        periodType: ask.period,
        maxWindowDays: ask.windowDays,
      });
      return (await res.readings.toArray()).map((r) => r.timestamp.getTime());
    },
  },
  {
    name: "DcsSession.getReadings",
    v3: true,
    chained: false,
    path: (i: number) => `[${i}]`,
    times: async (ask: Ask, id: number) => {
      const dcs = new DcsSession(server.v3Url);
      const rows = await dcs.getReadings(id, false, {
        start: new Date(ask.start),
        end: new Date(ask.end),
        integrationPeriod: ask.period,
      });
      return rows.map((r) => r.startTime.getTime());
    },
  },
  {
    name: "DcsSession.getMegaReadings",
    v3: true,
    chained: true,
    path: (i: number) => `[${i}]`,
    times: async (ask: Ask, id: number) => {
      const dcs = new DcsSession(server.v3Url, { maxConcurrent: 2 });
      const rows = await dcs.getMegaReadings(id, false, {
        start: new Date(ask.start),
        end: new Date(ask.end),
        integrationPeriod: ask.period,
        maxWindowDays: ask.windowDays,
      });
      return rows.map((r) => r.startTime.getTime());
    },
  },
];

type Subject = (typeof SUBJECTS)[number];

/**
 * What a correct client must make of what the server sent for `source`: every reading, or the
 * first bad one.
 */
function expected(source: string): { times: number[] } | { index: number; time: number } {
  const times: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const request of server.requests.filter((r) => r.source === source)) {
    const served = request.times ?? [];
    for (let i = 0; i < served.length; i++) {
      const t = served[i] as number;
      if (t < request.start || t >= request.end || t <= previous) return { index: i, time: t };
      times.push(t);
      previous = t;
    }
  }
  return { times };
}

/** Every check reads its own source, so a request a previous check left in flight cannot count. */
let lastId = 0;

/** Runs a subject with the server bending its answers, and checks the outcome against the model. */
async function check(
  subject: Subject,
  ask: Ask,
  bend: (times: number[], request: number) => number[],
) {
  const id = ++lastId;
  options.bend = bend;
  try {
    const outcome = await subject.times(ask, id).catch((error: unknown) => error);
    const want = expected(subject.v3 ? String(id) : `R${id}`);
    if ("times" in want) {
      expect(outcome).toEqual(want.times);
    } else {
      expect(outcome).toBeInstanceOf(DcsProtocolError);
      expect((outcome as Error).message).toContain(
        `${subject.path(want.index)} (${new Date(want.time).toISOString()})`,
      );
    }
    return outcome;
  } finally {
    options.bend = undefined;
  }
}

const HOUR = 3_600_000;
const DAY3: Ask = {
  start: Date.UTC(2024, 0, 1),
  end: Date.UTC(2024, 0, 4),
  period: "hour",
  windowDays: 1,
};

describe.each(SUBJECTS)("$name", (subject) => {
  it("a reading outside the requested range is a DcsProtocolError naming it", async () => {
    const first = (t: number[]) => t[0] === DAY3.start;
    const last = (t: number[]) => t.at(-1) === DAY3.end - HOUR;
    const cases = [
      { applies: first, bend: (t: number[]) => [DAY3.start - HOUR, ...t.slice(1)] },
      { applies: last, bend: (t: number[]) => [...t.slice(0, -1), DAY3.end] },
      { applies: last, bend: (t: number[]) => [...t.slice(0, -1), DAY3.end + 5 * DAY_MS] },
    ];
    for (const { applies, bend } of cases) {
      const outcome = await check(subject, DAY3, (t) => (applies(t) ? bend(t) : t));
      expect(outcome).toBeInstanceOf(DcsProtocolError);
    }
  });

  it("readings out of order are a DcsProtocolError naming the reading, never a reordered list", async () => {
    const swapped = (t: number[]) => [
      t[0] as number,
      t[2] as number,
      t[1] as number,
      ...t.slice(3),
    ];
    const outcome = await check(subject, DAY3, (t, request) => (request === 0 ? swapped(t) : t));
    expect(outcome).toBeInstanceOf(DcsProtocolError);
    expect((outcome as Error).message).toContain(
      `${subject.path(2)} (${new Date(DAY3.start + HOUR).toISOString()})`,
    );
    const repeated = await check(subject, DAY3, (t, request) =>
      request === 0 ? [t[0] as number, ...t] : t,
    );
    expect((repeated as Error).message).toContain(
      `${subject.path(1)} (${new Date(DAY3.start).toISOString()})`,
    );
  });

  it("a reading far ahead is an error: later readings are never dropped", async () => {
    // In a long range, a reading years ahead used to hide every later window's readings.
    const ahead = await check(subject, DAY3, (t, request) =>
      request === 0 ? [...t, DAY3.end + 400 * DAY_MS] : t,
    );
    expect(ahead).toBeInstanceOf(DcsProtocolError);
  });

  it("property: any one reading moved, repeated or swapped, in any window, is caught; a missing one is not an error", async () => {
    const periods: PeriodType[] = ["halfHour", "hour", "day"];
    const change = fc.constantFrom(
      "none",
      "drop",
      "before",
      "atEnd",
      "after",
      "repeat",
      "swap",
      "farAhead",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 365 }),
        fc.constantFrom(...periods),
        fc.integer({ min: 1, max: 96 }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(3),
        fc.nat(200),
        change,
        async (day, period, count, windowPeriods, target, position, kind) => {
          const start = Date.UTC(2024, 0, 1) + day * DAY_MS;
          const step = addPeriods(start, period, 1) - start;
          const ask: Ask = {
            start,
            end: addPeriods(start, period, count),
            period,
            windowDays: (windowPeriods * step) / DAY_MS,
          };
          await check(subject, ask, (times, request) => {
            if (request !== (subject.chained ? target : 0) || times.length === 0) return times;
            const t = [...times];
            const p = position % t.length;
            const at = t[p] as number;
            const window = server.requests.at(-1)!; // the request being answered
            if (kind === "drop") t.splice(p, 1);
            if (kind === "before") t[p] = window.start - step;
            if (kind === "atEnd") t[p] = window.end;
            if (kind === "after") t[p] = window.end + step;
            if (kind === "repeat") t.splice(p, 0, at);
            if (kind === "swap" && p + 1 < t.length) [t[p], t[p + 1]] = [t[p + 1] as number, at];
            if (kind === "farAhead") t[p] = ask.end + 400 * DAY_MS;
            return t;
          });
        },
      ),
      { numRuns: 60, seed: 1414 },
    );
  });
});

describe.each(SUBJECTS.filter((s) => s.chained))("$name across windows", (subject) => {
  it("a reading repeated across a join is an error, never a duplicate silently dropped", async () => {
    // The second window starts again with the first window's last reading.
    const join = await check(subject, DAY3, (t, request) =>
      request === 1 ? [(t[0] as number) - HOUR, ...t] : t,
    );
    expect(join).toBeInstanceOf(DcsProtocolError);
    expect((join as Error).message).toContain(
      `${subject.path(0)} (${new Date(DAY3.start + DAY_MS - HOUR).toISOString()})`,
    );
  });
});
