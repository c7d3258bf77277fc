/**
 * `provisionalHours`: the newest half hours are served as estimates (status 1) and revised to
 * the real readings once the clock has moved past them, in both APIs.
 */
import { describe, expect, it } from "vitest";
import { createDcsSimulator } from "../../src/simulator/index.js";
import {
  type CompleteReadingJson,
  DAY,
  HALF_HOUR,
  iso,
  legacyReadings,
  login,
  readings,
  type StandardReadingJson,
} from "./helpers.js";

const HOUR = 3_600_000;
const NOW = Date.UTC(2024, 5, 10, 12, 0);
let now = NOW;
const clock = { now: () => now };
const real = createDcsSimulator();
const sim = createDcsSimulator({ provisionalHours: 24, clock });
const { estate } = sim;

/** A cumulative kWh register and an instantaneous one of a meter with no gap near NOW. */
const meter = estate.meters.find(
  (m) =>
    m.registers.some((r) => r.isInstantaneous) &&
    estate.gaps.every(
      (g) => g.meterId !== m.id || g.end < NOW - 5 * DAY || g.start > NOW + 5 * DAY,
    ),
)!;
const register = meter.registers.find((r) => !r.isInstantaneous && r.unit === "kWh")!;
const instantaneous = meter.registers.find((r) => r.isInstantaneous)!;
const FROM = NOW - 2 * DAY;
const UNTIL = NOW + DAY;

const complete = (s: typeof sim, extra: Record<string, string | boolean> = {}) =>
  readings<CompleteReadingJson>(s, {
    id: `R${register.id}`,
    startTime: iso(FROM),
    endTime: iso(UNTIL),
    format: "complete",
    calibrated: true,
    interpolated: true,
    ...extra,
  }).then((r) => r.readings);
const inWindow = (timestamp: string) => {
  const t = Date.parse(timestamp);
  return t >= NOW - 24 * HOUR && t < NOW;
};

describe("provisionalHours", () => {
  it("is off by default and checked", () => {
    expect(() => createDcsSimulator({ provisionalHours: -1 })).toThrow(/provisionalHours/);
    expect(() => createDcsSimulator({ provisionalHours: 1.5 })).toThrow(/provisionalHours/);
  });

  it("serves the last hours before now as monotone estimates with status 1", async () => {
    now = NOW;
    const truth = await complete(real);
    const served = await complete(sim);
    expect(served.map((r) => r.timestamp)).toEqual(truth.map((r) => r.timestamp));
    const window = served.filter((r) => inWindow(r.timestamp));
    expect(window).toHaveLength(48);
    expect(window.every((r) => r.status === 1)).toBe(true);
    // Outside the window: the real readings, byte for byte.
    served.forEach((r, i) => {
      if (!inWindow(r.timestamp)) expect(r).toEqual(truth[i]);
    });
    // The estimates differ from the real consumption, but start and end on the real totals.
    const changed = served.filter(
      (r, i) => inWindow(r.timestamp) && r.periodValue !== truth[i]!.periodValue,
    );
    expect(changed.length).toBeGreaterThan(40);
    expect(window[0]!.totalValue).toBe(
      truth.find((r) => r.timestamp === window[0]!.timestamp)!.totalValue,
    );
    for (let i = 0; i + 1 < served.length; i++) {
      const [a, b] = [served[i]!, served[i + 1]!];
      expect(Number(b.totalValue)).toBeGreaterThanOrEqual(Number(a.totalValue));
      expect(Number(a.totalValue) + Number(a.periodValue)).toBeCloseTo(Number(b.totalValue), 6);
    }
  });

  it("agrees with the legacy API (isInterpolated) and with integrated periods", async () => {
    now = NOW;
    const served = await complete(sim);
    const cookie = await login(sim);
    const legacy = await legacyReadings(sim, cookie, {
      registerId: register.id,
      start: iso(FROM),
      end: iso(UNTIL),
      decimalPlaces: 15,
      calibrated: true,
      interpolated: true,
    });
    expect(legacy).toHaveLength(served.length);
    legacy.forEach((l, i) => {
      const r = served[i]!;
      expect(Date.parse(l.startTime)).toBe(Date.parse(r.timestamp));
      expect(l.isInterpolated).toBe(r.status === 1);
      expect(Number(l.totalValue)).toBeCloseTo(Number(r.totalValue), 9);
      expect(Number(l.periodValue)).toBeCloseTo(Number(r.periodValue), 9);
    });
    const hours = await complete(sim, { periodType: "hour" });
    for (const h of hours) {
      const t = Date.parse(h.timestamp);
      const halves = served.filter((r) => Math.floor(Date.parse(r.timestamp) / HOUR) * HOUR === t);
      expect(h.status).toBe(halves.some((r) => r.status === 1) ? 1 : 0);
      expect(Number(h.totalValue)).toBe(Number(halves[0]!.totalValue));
      expect(Number(h.periodValue)).toBeCloseTo(
        Number(halves[0]!.periodValue) + Number(halves[1]!.periodValue),
        9,
      );
    }
  });

  it("serves the real readings once the clock has moved past", async () => {
    now = NOW + 2 * DAY;
    try {
      expect(await complete(sim)).toEqual(await complete(real));
      const cookie = await login(sim);
      const query = { registerId: register.id, start: iso(FROM), end: iso(UNTIL) };
      expect(await legacyReadings(sim, cookie, query)).toEqual(
        await legacyReadings(real, await login(real), query),
      );
    } finally {
      now = NOW;
    }
  });

  it("leaves the half hours out without interpolation, and for instantaneous registers", async () => {
    now = NOW;
    const plain = await complete(sim, { interpolated: false });
    expect(plain.some((r) => inWindow(r.timestamp))).toBe(false);
    expect(plain).toHaveLength(3 * 48 - 48);
    const values = await readings<StandardReadingJson>(sim, {
      id: `R${instantaneous.id}`,
      startTime: iso(FROM),
      endTime: iso(UNTIL),
      interpolated: true,
    });
    const times = values.readings.map((r) => Date.parse(r.timestamp));
    expect(times.filter((t) => t >= NOW - 24 * HOUR && t < NOW)).toEqual([]);
    expect(times.filter((t) => t >= NOW)).toHaveLength(48);
  });

  it("gives virtual meters estimates over their registers' estimates", async () => {
    now = NOW;
    const vm = estate.virtualMeters.find(
      (v) =>
        !v.isInstantaneous &&
        v.registerAliases.every((a) => {
          const m = estate.meters.find((x) => x.registers.some((r) => r.id === a.registerId))!;
          return estate.gaps.every((g) => g.meterId !== m.id || g.end < FROM || g.start > UNTIL);
        }),
    )!;
    expect(vm).toBeDefined();
    const query = { id: `VM${vm.id}`, startTime: iso(FROM), endTime: iso(UNTIL) };
    const served = (await readings<StandardReadingJson>(sim, query)).readings;
    const truth = (await readings<StandardReadingJson>(real, query)).readings;
    expect(served).toHaveLength(truth.length);
    served.forEach((r, i) => {
      expect(r.status).toBe(inWindow(r.timestamp) ? 1 : 0);
      if (!inWindow(r.timestamp)) expect(r).toEqual(truth[i]);
    });
    expect(served.some((r, i) => r.value !== truth[i]!.value)).toBe(true);
    now = NOW + 2 * DAY;
    expect((await readings<StandardReadingJson>(sim, query)).readings).toEqual(truth);
    now = NOW;
  });

  it("meets the real total after a window of half hours at any clock time", async () => {
    now = NOW + 17 * 60_000; // not on the half-hour grid: the half hour started at NOW is provisional too
    try {
      const served = await complete(sim);
      const provisional = served.filter((r) => r.status === 1).map((r) => Date.parse(r.timestamp));
      expect(provisional[0]).toBe(NOW - 24 * HOUR + HALF_HOUR);
      expect(provisional.at(-1)).toBe(NOW);
      const truth = await complete(real);
      const after = truth.find((r) => Date.parse(r.timestamp) === NOW + HALF_HOUR)!;
      expect(served.find((r) => r.timestamp === after.timestamp)).toEqual(after);
    } finally {
      now = NOW;
    }
  });

  it("keeps a reset inside the window: status 3, and the closing total before it", async () => {
    const reset = estate.resets[0]!;
    const t = reset.time;
    now = t + 12 * HOUR;
    try {
      const rows = (
        await readings<CompleteReadingJson>(sim, {
          id: `R${reset.registerId}`,
          startTime: iso(t - DAY),
          endTime: iso(t + DAY),
          format: "complete",
          interpolated: true,
        })
      ).readings;
      const at = rows.findIndex((r) => Date.parse(r.timestamp) === t);
      const before = rows[at - 1]!;
      expect(rows[at]!.status).toBe(3);
      expect(Number(rows[at]!.totalValue)).toBe(reset.openingTotal);
      expect(before.status).toBe(1);
      expect(Number(before.totalValue) + Number(before.periodValue)).toBeCloseTo(
        reset.closingTotal,
        6,
      );
      for (let i = at; i + 1 < rows.length; i++) {
        const [a, b] = [rows[i]!, rows[i + 1]!];
        expect(Number(a.totalValue) + Number(a.periodValue)).toBeCloseTo(Number(b.totalValue), 6);
      }
    } finally {
      now = NOW;
    }
  });
});
