/**
 * The simulator's output, byte for byte, for a few seeded estates: every listing and a spread
 * of readings bodies of both APIs, hashed. The same seed must give the same bytes whatever
 * the code inside looks like, so a refactoring that changes one byte fails here, naming the
 * body that changed.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createDcsSimulator,
  type DcsSimulator,
  type DcsSimulatorOptions,
} from "../../src/simulator/index.js";
import { call, login } from "./helpers.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** The hash of the body at each path, as an HTTP client of the simulator would get it. */
async function bodies(
  sim: DcsSimulator,
  paths: Record<string, string>,
): Promise<Record<string, string>> {
  const cookie = await login(sim);
  const hashes: Record<string, string> = {};
  for (const [name, path] of Object.entries(paths)) {
    expect(path, name).not.toContain("undefined");
    const reply = await call(sim, path, { cookie });
    expect(reply.status, path).toBe(200);
    hashes[name] = sha256(reply.text);
  }
  return hashes;
}

/** Paths covering every listing of both APIs and readings of every kind of source. */
function pathsOf(sim: DcsSimulator): Record<string, string> {
  const { estate } = sim;
  const registers = estate.meters.flatMap((m) => m.registers);
  const cumulative = registers.find((r) => !r.isInstantaneous)?.id;
  const instantaneous = registers.find((r) => r.isInstantaneous)?.id;
  const reset = estate.resets[0]?.registerId ?? cumulative;
  const calibrated = estate.calibrations[0]?.registerId ?? cumulative;
  const vm = estate.virtualMeters.find((v) => !v.isInstantaneous)?.id;
  const instantVm = estate.virtualMeters.find((v) => v.isInstantaneous)?.id;
  const mac = estate.idcs[0]?.macAddress;
  const at = estate.dataStart.getTime() + 400 * 86_400_000;
  const day = new Date(at - (at % 86_400_000));
  const start = day.toISOString().slice(0, 10);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  const web = "/DCSWebApi/public/readings?";
  const v3 = "/DCS/api/registerReadings/list?";
  return {
    webMeters: "/DCSWebApi/public/meters",
    webVirtualMeters: "/DCSWebApi/public/virtualMeters",
    v3Meters: "/DCS/api/meters",
    v3VirtualMeters: "/DCS/api/virtualMeters",
    meterTree: "/DCS/api/meterGroups/0",
    meterTreeShallow: "/DCS/api/meterGroups/0?recursively=false&withoutRegister=true",
    idcs: "/DCS/api/idcs",
    idcSettings: `/DCS/api/idcs/settings/${mac}`,
    modbusDevices: `/DCS/api/modbusDevices/byIdc/${mac}`,
    metersByIdc: `/DCS/api/meters/byIdc/${mac}`,
    meterTypes: "/DCS/api/meterTypes",
    calibrations: `/DCS/api/calibrationReadings?registerId=${calibrated}`,
    webHalfHours: `${web}id=R${cumulative}&startTime=${start}&periodCount=480`,
    webResetDays: `${web}id=R${reset}&startTime=${estate.dataStart.toISOString()}&endTime=${estate.dataEnd.toISOString()}&periodType=day&format=complete&calibrated=true&interpolated=true`,
    webCalibrated: `${web}id=R${calibrated}&startTime=${start}&periodCount=2000&format=complete&calibrated=true`,
    webInstantaneous: `${web}id=R${instantaneous}&startTime=${start}&periodCount=2000`,
    webVmMonths: `${web}id=VM${vm}&startTime=${estate.dataStart.toISOString()}&periodCount=40&periodType=month`,
    webVmHalfHours: `${web}id=VM${vm}&startTime=${start}&periodCount=3000`,
    webInstantVm: `${web}id=VM${instantVm}&startTime=${start}&periodCount=1000`,
    v3LocalWeeks: `${v3}registerId=${reset}&start=${monday.toISOString().slice(0, 10)}&end=2030-01-01&integrationPeriod=week&useLocalTime=true&decimalPlaces=15`,
    v3Calibrated: `${v3}registerId=${cumulative}&start=${start}T00:00:00&interpolated=true&calibrated=true`,
    v3VmLocalHours: `/DCS/api/virtualMeterReadings/list?virtualMeterId=${vm}&start=${start}&integrationPeriod=hour&useLocalTime=true`,
  };
}

async function golden(options: DcsSimulatorOptions): Promise<Record<string, string>> {
  const sim = createDcsSimulator(options);
  return { estate: sha256(JSON.stringify(sim.estate)), ...(await bodies(sim, pathsOf(sim))) };
}

describe("the simulator's output, byte for byte", () => {
  it("is unchanged for the default estate (seed 1)", async () => {
    expect(await golden({})).toEqual({
      calibrations: "6f82918b41c6c7a2",
      estate: "81f396911a12daf3",
      idcSettings: "0d3a328ec4a9acaf",
      idcs: "897e85175cb8fbec",
      meterTree: "82b16c7ab4d6d306",
      meterTreeShallow: "c7466cd31b90abec",
      meterTypes: "41bcbd2662c0a88a",
      metersByIdc: "63730bc00d56058b",
      modbusDevices: "ade083de3369f8a9",
      v3Calibrated: "aa776876ae3867ca",
      v3LocalWeeks: "c3a01bf92ab5c8f2",
      v3Meters: "3c58da4f09f7480c",
      v3VirtualMeters: "00da5e8031ed519e",
      v3VmLocalHours: "9cfd8ab3662df092",
      webCalibrated: "9e9651f3bb3f3e06",
      webHalfHours: "2b1a6f86d601a0c4",
      webInstantVm: "0dcb40618561b9b9",
      webInstantaneous: "729942981b98f107",
      webMeters: "3c58da4f09f7480c",
      webResetDays: "dab337ac4ba2537b",
      webVirtualMeters: "00da5e8031ed519e",
      webVmHalfHours: "071e51f2a5b029a4",
      webVmMonths: "45c70a97b97f1f67",
    });
  });

  it("is unchanged for a large estate of another seed", async () => {
    expect(await golden({ seed: 42, meters: 400, virtualMeters: 40 })).toEqual({
      calibrations: "a2728c09dd5339e2",
      estate: "5edd6ffa79aa1292",
      idcSettings: "d15bdd555fe22664",
      idcs: "ccc29a1a36482367",
      meterTree: "2150e23a3789f784",
      meterTreeShallow: "259d6319e8912fca",
      meterTypes: "41bcbd2662c0a88a",
      metersByIdc: "88076a32eb82b288",
      modbusDevices: "eca02117cf3638db",
      v3Calibrated: "a406d11956d06089",
      v3LocalWeeks: "a7025e86665abae3",
      v3Meters: "dfb27eda574bcaae",
      v3VirtualMeters: "f2d7bd73cb593902",
      v3VmLocalHours: "0a8817d7cad74668",
      webCalibrated: "72fa3435d87d6a40",
      webHalfHours: "76beb17593e10c88",
      webInstantVm: "28a6fe58b20004da",
      webInstantaneous: "d97f0780c01ffa5e",
      webMeters: "dfb27eda574bcaae",
      webResetDays: "79679803eb81f9a4",
      webVirtualMeters: "f2d7bd73cb593902",
      webVmHalfHours: "1697b65900ce9731",
      webVmMonths: "0b792576382f0f01",
    });
  });

  it("is unchanged for a short data range (no gaps) of a negative seed", async () => {
    expect(
      await golden({
        seed: -7,
        meters: 9,
        virtualMeters: 9,
        dataStart: "2024-01-01",
        dataEnd: "2025-06-01",
      }),
    ).toEqual({
      calibrations: "d23b4887b7cc3dd2",
      estate: "f1ae846fe8fbaf27",
      idcSettings: "1939574e1b426f9b",
      idcs: "f5df0caabbbbd1c2",
      meterTree: "dd27213476713537",
      meterTreeShallow: "b46c2296419b442e",
      meterTypes: "41bcbd2662c0a88a",
      metersByIdc: "b2dde090711b7a93",
      modbusDevices: "217e9a7d3716ee79",
      v3Calibrated: "340de322102ecb3f",
      v3LocalWeeks: "f0c7b8c7213f9c2d",
      v3Meters: "63817cf1fc8caa5b",
      v3VirtualMeters: "5e771174b0f3f619",
      v3VmLocalHours: "00267b55821bd6a7",
      webCalibrated: "908c419fd888adbd",
      webHalfHours: "0f3356cecdd273d0",
      webInstantVm: "b19276b624e0cb7f",
      webInstantaneous: "40377b97807b7ce8",
      webMeters: "63817cf1fc8caa5b",
      webResetDays: "0d2c76d6621bd0a6",
      webVirtualMeters: "5e771174b0f3f619",
      webVmHalfHours: "30d703a552a98282",
      webVmMonths: "6e8525ef9c9624c6",
    });
  });
});
