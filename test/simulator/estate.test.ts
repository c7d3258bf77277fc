import { describe, expect, it } from "vitest";
import { createDcsSimulator, type SimMeter } from "../../src/simulator/index.js";
import { compileExpression } from "../../src/simulator/readings/expression.js";
import { call } from "./helpers.js";

const snapshot = async (seed: number, meters?: number) => {
  const sim = createDcsSimulator({ seed, meters });
  const m = await call(sim, "/DCSWebApi/public/meters");
  const v = await call(sim, "/DCSWebApi/public/virtualMeters");
  return { text: m.text + v.text, meters: m.json as SimMeter[], sim };
};

describe("the generated estate", () => {
  it("is the same for the same seed and different for another", async () => {
    const a = await snapshot(1);
    const b = await snapshot(1);
    const c = await snapshot(2);
    expect(b.text).toBe(a.text);
    expect(c.text).not.toBe(a.text);
    expect(JSON.stringify(b.sim.estate)).toBe(JSON.stringify(a.sim.estate));
  });

  it("has about 20 meters with 2-6 registers each, unique ids and names, realistic fields", async () => {
    const { meters, sim } = await snapshot(1);
    expect(meters).toHaveLength(20);
    const registers = meters.flatMap((m) => m.registers);
    expect(new Set(meters.map((m) => m.id)).size).toBe(meters.length);
    expect(new Set(meters.map((m) => m.name)).size).toBe(meters.length);
    expect(new Set(registers.map((r) => r.id)).size).toBe(registers.length);
    for (const m of meters) {
      expect(m.registers.length).toBeGreaterThanOrEqual(2);
      expect(m.registers.length).toBeLessThanOrEqual(6);
      expect(["tcp", "modem", "idc"]).toContain(m.connectionMethod);
      expect(["online", "offline", "disabled", "unknown"]).toContain(m.status);
      expect(m.id).toBeGreaterThanOrEqual(400);
      if (m.connectionMethod === "tcp") expect(m.remoteAddress).toMatch(/^10\.\d+\.\d+\.\d+:\d+$/);
      // Key order as the API documents it.
      expect(Object.keys(m).slice(0, 4)).toEqual(["id", "name", "connectionMethod", "deviceId"]);
      expect(Object.keys(m).at(-1)).toBe("registers");
      for (const r of m.registers) {
        expect(Object.keys(r)).toEqual([
          "id",
          "address",
          "isInstantaneous",
          "name",
          "scaleFactor",
          "defaultScaleFactor",
          "unit",
        ]);
        expect(r.id).toBeGreaterThanOrEqual(700);
      }
    }
    expect(registers.some((r) => r.isInstantaneous && r.unit === "V")).toBe(true);
    expect(registers.some((r) => !r.isInstantaneous && r.unit === "m³")).toBe(true);
    expect(meters.some((m) => m.mpn !== undefined)).toBe(true);
    expect(meters.some((m) => m.connectionMethod === "idc")).toBe(true);
    expect(sim.estate.users.map((u) => u.username)).toEqual([
      "user",
      "operator",
      "restricted",
      "admin",
    ]);
  });

  it("has virtual meters whose expressions parse over registers of one unit, and one instantaneous", async () => {
    const { meters, sim } = await snapshot(1);
    const registers = new Map(meters.flatMap((m) => m.registers.map((r) => [r.id, r] as const)));
    const vms = sim.estate.virtualMeters;
    expect(vms).toHaveLength(5);
    expect(vms[0]?.isInstantaneous).toBe(false);
    expect(vms.filter((v) => v.isInstantaneous)).toHaveLength(1);
    // The ternary of the User Guide's first example: a difference that may not go below zero.
    expect(vms.find((v) => v.name.endsWith("Unmetered Electricity"))?.expression).toBe(
      "R1-R2-R3-R4 >= 0 ? R1-R2-R3-R4 : 0",
    );
    for (const vm of vms) {
      expect(() =>
        compileExpression(
          vm.expression,
          vm.registerAliases.map((a) => a.alias),
        ),
      ).not.toThrow();
      const units = new Set(vm.registerAliases.map((a) => registers.get(a.registerId)?.unit));
      expect(units.size).toBe(1);
      for (const a of vm.registerAliases)
        expect(registers.get(a.registerId)?.isInstantaneous).toBe(vm.isInstantaneous);
    }
  });

  it("includes gaps, resets and calibrations, and a meter tree holding every meter once", () => {
    const sim = createDcsSimulator();
    const { estate } = sim;
    expect(estate.dataStart.toISOString()).toBe("2015-01-01T00:00:00.000Z");
    expect(estate.dataEnd.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    const lengths = estate.gaps.map((g) => (g.end - g.start) / 1_800_000);
    expect(lengths.some((n) => n <= 6)).toBe(true);
    expect(lengths.some((n) => n >= 7 && n <= 24)).toBe(true);
    expect(lengths.some((n) => n >= 96)).toBe(true);
    expect(estate.resets.length).toBeGreaterThan(0);
    expect(estate.calibrations.length).toBeGreaterThan(0);
    const inTree = estate.meterGroups.flatMap((g) => g.meterIds).sort();
    expect(inTree).toEqual(estate.meters.map((m) => m.id).sort());
    expect(estate.meterGroups[0]).toMatchObject({ id: 0, parentId: null });
    expect(estate.idcs.length).toBeGreaterThan(0);
    expect(
      estate.modbusDevices.every((d) => estate.idcs.some((i) => i.macAddress === d.macAddress)),
    ).toBe(true);
    expect(estate.meterTypes.length).toBeGreaterThan(0);
  });

  it("scales to thousands of meters cheaply", async () => {
    const started = performance.now();
    const { meters } = await snapshot(7, 3000);
    expect(meters).toHaveLength(3000);
    expect(new Set(meters.map((m) => m.name)).size).toBe(3000);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
