/** The dashboard's source list and search (examples/dashboard/src/sources.ts). */
import { beforeAll, describe, expect, it } from "vitest";
import {
  findSources,
  listSources,
  rateUnit,
  type SourceInfo,
  sourceLabel,
} from "../../examples/dashboard/src/sources.js";
import { DcsWebApi, type Meter, type VirtualMeter } from "../../src/index.js";
import { createDcsSimulator } from "../../src/simulator/index.js";

let meters: Meter[];
let virtualMeters: VirtualMeter[];
let sources: SourceInfo[];

beforeAll(async () => {
  const simulator = createDcsSimulator(); // in process: no sockets
  const dcs = new DcsWebApi("http://dcs.test/DCSWebApi", { fetch: simulator.fetch });
  meters = await dcs.meters();
  virtualMeters = await dcs.virtualMeters();
  sources = listSources(meters, virtualMeters);
});

const ids = (query: string) => findSources(sources, query).map((s) => s.id);

describe("dashboard sources", () => {
  it("lists every register under its meter's name, and every virtual meter", () => {
    const registers = meters.flatMap((m) => m.registers).length;
    expect(sources).toHaveLength(registers + virtualMeters.length);
    const incomers = sources.filter((s) => s.name === "Active Energy (import)");
    expect(new Set(incomers.map(sourceLabel)).size).toBe(incomers.length); // told apart by meter
    expect(sourceLabel(sources.find((s) => s.id === "R701")!)).toBe(
      "Medical School Main Incomer: Active Energy (import)",
    );
    expect(sources.find((s) => s.id === "VM11")).toMatchObject({
      kind: "virtualMeter",
      name: "Site Electricity",
      decimalPlaces: 2,
    });
  });

  it("finds sources by the starts of words, in any order and case", () => {
    expect(ids("medical main incomer active energy")).toEqual(["R701"]); // not Reactive Energy
    expect(ids("INCOMER medical reactive")).toEqual(["R702"]);
    expect(ids("site elec")).toEqual(["VM11", "VM16"]);
    expect(ids("r701")).toEqual(["R701"]);
    expect(ids("gas volume m³")).toEqual(["R715", "R740", "R753", "R777", "VM13"]);
    expect(ids("")).toHaveLength(sources.length);
    expect(ids("no such thing")).toEqual([]);
  });

  it("names the rate of each unit: kWh gives kW, m³ m³/h; a level keeps its unit", () => {
    const unit = (id: string) => rateUnit(sources.find((s) => s.id === id)!);
    expect(unit("R701")).toBe("kW");
    expect(unit("R702")).toBe("kvar");
    expect(unit("R712")).toBe("kVA");
    expect(unit("R715")).toBe("m³/h");
    expect(unit("R707")).toBe("V");
    expect(unit("VM16")).toBe("kW");
  });
});
