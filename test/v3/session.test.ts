import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DcsArgumentError,
  DcsAuthError,
  DcsSession,
  type LegacyReading,
  type Meter,
  macIntToHex,
  type VirtualMeter,
} from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { startReadingsServer } from "../helpers/readings-server.js";

let server: RunningDcsSimulator;
let dcs: DcsSession;
let meters: Meter[];
let vms: VirtualMeter[];
let registerId: number;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  dcs = new DcsSession(server.v3Url);
  await dcs.login("operator", "operator-password");
  meters = await dcs.getMeters();
  vms = await dcs.getVms();
  registerId = meters
    .flatMap((m) => m.registers)
    .find((r) => !r.isInstantaneous && r.unit === "kWh")!.id;
});

afterAll(async () => {
  await dcs.logout();
  await server.close();
});

const january = { start: "2024-01-01", end: "2024-02-01" };

describe("DcsSession: login and logout", () => {
  it("greets like pythondcs, and fails a wrong password with DcsAuthError, staying usable", async () => {
    const s = new DcsSession(server.v3Url);
    expect(String(s)).toMatch(/^Not logged in/);
    const error = await s.login("user", "not-the-password").catch((e) => e);
    expect(error).toBeInstanceOf(DcsAuthError);
    expect(`${error} ${error.stack}`).not.toContain("not-the-password");
    const result = await s.login("user", "password");
    expect(result).toMatchObject({ username: "user", role: "Viewer" });
    expect(String(s)).toMatch(
      /^Successfully logged in to DCS [\d.]+ as 'user' with Viewer privileges$/,
    );
    await s.logout();
    await s.logout(); // twice is fine
    expect(s.isLoggedIn).toBe(false);
    await expect(s.getMeters()).rejects.toBeInstanceOf(DcsAuthError);
  });

  it("logging in while logged in logs out first", async () => {
    const paths: string[] = [];
    const s = new DcsSession(server.v3Url, { logger: (_, e) => paths.push(e.path) });
    await s.login("user", "password");
    await s.login("operator", "operator-password");
    expect(paths).toEqual([
      "/DCS/api/account/login",
      "/DCS/api/account/logout",
      "/DCS/api/account/login",
    ]);
    await s.logout();
  });

  it("an expired cookie is a DcsAuthError", async () => {
    const s = new DcsSession(server.v3Url);
    await s.login("user", "password");
    server.simulator.expireSessions();
    await expect(s.getVms()).rejects.toBeInstanceOf(DcsAuthError);
    await dcs.login("operator", "operator-password"); // the shared session expired too
  });

  it("await using logs out", async () => {
    const paths: string[] = [];
    {
      await using s = new DcsSession(server.v3Url, { logger: (_, e) => paths.push(e.path) });
      await s.login("user", "password");
    }
    expect(paths.at(-1)).toBe("/DCS/api/account/logout");
  });
});

describe("DcsSession: meters", () => {
  it("lists meters and virtual meters, or one by id", async () => {
    expect(meters.length).toBeGreaterThan(5);
    expect(await dcs.getMeters(meters[0]!.id)).toEqual(meters[0]);
    expect(await dcs.getVms(vms[0]!.id)).toEqual(vms[0]);
  });
});

describe("DcsSession: readings", () => {
  it("gives an array by default and an identical stream with iterator: true", async () => {
    const rows = await dcs.getReadings(registerId, false, january);
    expect(rows).toHaveLength(31 * 48);
    expect(rows[0]!.startTime).toEqual(new Date("2024-01-01T00:00:00Z"));
    expect(rows[0]!.duration).toBe(30);
    const streamed: LegacyReading[] = [];
    for await (const r of await dcs.getReadings(registerId, false, { ...january, iterator: true }))
      streamed.push(r);
    expect(streamed).toEqual(rows);
  });

  it("virtual meter readings carry no totals", async () => {
    const rows = await dcs.getReadings(vms.find((v) => !v.isInstantaneous)!.id, true, {
      ...january,
      integrationPeriod: "day",
    });
    expect(rows).toHaveLength(31);
    expect(rows.every((r) => r.totalValue === 0)).toBe(true);
  });

  it("in UK local time, clock-change days have 46 and 50 half hours, as instants", async () => {
    const spring = await dcs.getReadings(registerId, false, {
      start: "2024-03-31",
      end: "2024-04-01",
      useLocalTime: true,
    });
    const autumn = await dcs.getReadings(registerId, false, {
      start: "2024-10-27",
      end: "2024-10-28",
      useLocalTime: true,
    });
    expect(spring).toHaveLength(46);
    expect(autumn).toHaveLength(50);
    // Local midnight in BST is 23:00 UTC the day before.
    const summer = await dcs.getReadings(registerId, false, {
      start: "2024-06-01",
      end: "2024-06-02",
      useLocalTime: true,
    });
    expect(summer[0]!.startTime).toEqual(new Date("2024-05-31T23:00:00Z"));
  });

  it('takes integrationPeriod in any case, as pythondcs\'s "halfhour" default, and sends the canonical name', async () => {
    const paths: string[] = [];
    const s = new DcsSession(server.v3Url, { logger: (line) => paths.push(line) });
    await s.login("user", "password");
    const day = { start: "2024-01-01", end: "2024-01-02" };
    expect(
      await s.getReadings(registerId, false, { ...day, integrationPeriod: "halfhour" }),
    ).toHaveLength(48);
    expect(
      await s.getMegaReadings(registerId, false, {
        ...day,
        integrationPeriod: "HOUR" as "hour" /* any case at run time */,
      }),
    ).toHaveLength(24);
    await s.logout();
    const sent = paths.flatMap((line) => /integrationPeriod=(\w+)/.exec(line)?.[1] ?? []);
    expect(sent).toEqual(["halfHour", "hour"]);
  });

  it("honours decimalPlaces, integration and the other options", async () => {
    const rounded = await dcs.getReadings(registerId, false, {
      ...january,
      decimalPlaces: 0,
      integrationPeriod: "week",
      start: "2024-01-01",
    });
    expect(rounded.every((r) => Number.isInteger(r.totalValue))).toBe(true);
    await expect(
      dcs.getReadings(registerId, false, { start: "2024-01-03", integrationPeriod: "week" }),
    ).rejects.toBeInstanceOf(DcsArgumentError);
    await expect(
      dcs.getReadings(registerId, false, { ...january, decimalPlaces: 16 }),
    ).rejects.toBeInstanceOf(DcsArgumentError);
  });

  it("getMegaReadings equals one request, without gaps or duplicates at the joins", async () => {
    const range = { start: "2023-11-01", end: "2024-03-01" };
    const whole = await dcs.getReadings(registerId, false, range);
    const mega = await dcs.getMegaReadings(registerId, false, { ...range, maxWindowDays: 17 });
    expect(mega).toEqual(whole);
    const local = { ...range, useLocalTime: true };
    expect(
      await dcs
        .getMegaReadings(registerId, false, { ...local, maxWindowDays: 30, iterator: true })
        .then((r) => r.toArray()),
    ).toEqual(await dcs.getReadings(registerId, false, local));
  });

  it("getMegaReadings remembers the server's range limit across calls", async () => {
    const limited = await startReadingsServer({ rangeLimitDays: 40 });
    try {
      const session = new DcsSession(limited.v3Url);
      const refusals = async () => {
        limited.requests.length = 0;
        const rows = await session.getMegaReadings(7, false, {
          start: "2023-01-01",
          end: "2024-01-01",
          integrationPeriod: "day",
          maxWindowDays: 365,
        });
        expect(rows.map((r) => r.startTime.getTime())).toEqual(
          Array.from({ length: 365 }, (_, i) => Date.UTC(2023, 0, 1 + i)),
        );
        return limited.requests.filter((request) => request.times === undefined).length;
      };
      expect(await refusals()).toBeGreaterThan(0);
      expect(await refusals()).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it("keeps one request in flight", async () => {
    server.simulator.resetStats();
    await Promise.all(
      Array.from({ length: 20 }, () => dcs.getReadings(registerId, false, january)),
    );
    expect(server.simulator.stats.maxInFlight).toBe(1);
  });

  it("pythondcs's elaborate example: max half-hour demand of a named virtual meter over a year, streaming", async () => {
    const target = vms.find((v) => !v.isInstantaneous)!;
    let id: number | undefined;
    for (const vm of await dcs.getVms()) {
      if (vm.name === target.name) {
        id = vm.id;
        break;
      }
    }
    let maxDemand = Number.NEGATIVE_INFINITY;
    for await (const r of await dcs.getReadings(id!, true, {
      start: "2023-01-01",
      end: "2024-01-01",
      iterator: true,
    })) {
      maxDemand = Math.max(maxDemand, r.periodValue);
    }
    const all = await dcs.getReadings(id!, true, { start: "2023-01-01", end: "2024-01-01" });
    expect(all).toHaveLength(365 * 48);
    expect(maxDemand).toBe(Math.max(...all.map((r) => r.periodValue)));
    expect(maxDemand).toBeGreaterThan(0);
  });
});

describe("DcsSession: the other functions", () => {
  it("reads IDCs, their settings, devices and meters, with MACs as numbers or text", async () => {
    const idcs = await dcs.getIdcs();
    expect(idcs.length).toBeGreaterThan(0);
    const mac = idcs[0]!.macAddress;
    expect(await dcs.getIdcs(mac)).toEqual(idcs[0]);
    expect(await dcs.getIdcs(macIntToHex(mac))).toEqual(idcs[0]);
    const settings = await dcs.getIdcSettings(mac);
    await dcs.updateIdcSettings(mac, { ...settings, pollIntervalMinutes: 15 });
    expect(await dcs.getIdcSettings(mac)).toMatchObject({ pollIntervalMinutes: 15 });
    const devices = await dcs.getModbusDevicesByIdc(mac);
    expect(Array.isArray(devices)).toBe(true);
    expect(Array.isArray(await dcs.getMetersByIdc(macIntToHex(mac)))).toBe(true);
  });

  it("adds, reads, updates, commands and deletes a Modbus device", async () => {
    const mac = (await dcs.getIdcs())[0]!.macAddress;
    const added = await dcs.addModbusDevice({
      address: 42,
      description: "Test pulse counter",
      serialNumber: "PC-42",
      deviceType: "pulseCounter",
      macAddress: macIntToHex(mac),
    });
    expect(added).toMatchObject({ address: 42, macAddress: mac });
    expect(await dcs.getModbusDevice(added.id)).toMatchObject({
      description: "Test pulse counter",
    });
    const updated = await dcs.updateModbusDevice({ ...added, description: "Renamed" });
    expect(updated.description).toBe("Renamed");
    expect(typeof (await dcs.commandModbusDevice(added.id, "testComms"))).toBe("object");
    await dcs.deleteModbusDevice(added.id);
    await expect(dcs.getModbusDevice(added.id)).rejects.toThrow(/404/);
  });

  it("walks the meter tree, with the documented options", async () => {
    const tree = await dcs.getMeterTree();
    expect(tree.id).toBe(0);
    const flat = (g: typeof tree): number[] => [
      ...(g.meters ?? []).map((m) => m.id),
      ...(g.meterGroups ?? []).flatMap(flat),
    ];
    expect(flat(tree).sort()).toEqual(meters.map((m) => m.id).sort());
    const groupsOnly = await dcs.getMeterTree({ groupsOnly: true });
    expect(groupsOnly.meters ?? []).toHaveLength(0);
  });

  it("reads calibration readings with zone-less times as UTC", async () => {
    let found = false;
    for (const r of meters.flatMap((m) => m.registers).filter((r) => !r.isInstantaneous)) {
      const readings = await dcs.getCalibrationReadings(r.id);
      if (readings.length === 0) continue;
      found = true;
      expect(readings[0]!.timestamp).toBeInstanceOf(Date);
      expect(Number.isNaN(readings[0]!.startTime.getTime())).toBe(false);
      break;
    }
    expect(found).toBe(true);
  });

  it("lists meter types, adds registers and updates a meter by read-modify-write", async () => {
    const types = await dcs.getMeterTypes();
    expect(types.length).toBeGreaterThan(0);
    expect(await dcs.getMeterTypes(types[0]!.id)).toEqual(types[0]);
    const meter = meters[0]!;
    const registerTypeId = types[0]!.registerTypes?.[0]?.id ?? 1;
    await dcs.addRegisters(meter.id, [registerTypeId]);
    const grown = await dcs.getMeters(meter.id);
    expect(grown.registers.length).toBe(meter.registers.length + 1);
    const renamed = await dcs.updateMeter({ ...grown, name: `${grown.name} (renamed)` });
    expect(renamed.name).toBe(`${grown.name} (renamed)`);
  });
});
