import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { createDcsSimulator, type SimMeter } from "../../src/simulator/index.js";
import {
  type CompleteReadingJson,
  call,
  HALF_HOUR,
  iso,
  type LegacyReadingJson,
  legacyReadings,
  login,
  ORIGIN,
  readings,
} from "./helpers.js";

const sim = createDcsSimulator();
const { estate } = sim;
const meter = estate.meters[0]!;
const reg = meter.registers[0]!;
const instant = meter.registers.find((r) => r.isInstantaneous)!;
const vm = estate.virtualMeters.find((v) => !v.isInstantaneous)!;
const instantVm = estate.virtualMeters.find((v) => v.isInstantaneous)!;
let cookie: string;

beforeAll(async () => {
  cookie = await login(sim);
});

const details = (reply: { json: unknown }) => (reply.json as { details: string }).details;

describe("legacy API: login", () => {
  it("logs in with a COHERENT-DCSV3 cookie on Path=/DCS and reports the DCS version", async () => {
    const reply = await call(sim, "/DCS/api/account/login/", {
      body: { username: "user", password: "password" },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ username: "user", role: "Viewer", appVersion: "3.2.1" });
    expect(reply.headers.getSetCookie()[0]).toMatch(
      /^COHERENT-DCSV3=[0-9a-f]{64}; Path=\/DCS; HttpOnly; SameSite=Lax$/,
    );
    const bad = await call(sim, "/DCS/api/Account/Login", {
      body: { username: "user", password: "nope" },
    });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ details: "Invalid username or password" });
  });

  it("needs the cookie everywhere else; logout answers 200 and cancels it", async () => {
    for (const path of [
      "/DCS/api/meters",
      "/DCS/api/idcs",
      "/DCS/api/MeterGroups/0",
      `/DCS/api/registerReadings/list?registerId=${reg.id}`,
    ]) {
      expect((await call(sim, path)).status).toBe(401);
    }
    const mine = await login(sim, "user", "password");
    expect((await call(sim, "/DCS/api/meters", { cookie: mine })).status).toBe(200);
    const out = await call(sim, "/DCS/api/account/logout/", { method: "POST", cookie: mine });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()[0]).toMatch(/^COHERENT-DCSV3=; Path=\/DCS; Expires=/);
    expect((await call(sim, "/DCS/api/meters", { cookie: mine })).status).toBe(401);
    expect((await call(sim, "/DCS/api/account/logout", { method: "POST" })).status).toBe(200);
  });
});

describe("legacy API: meters and virtual meters", () => {
  it("lists meters and virtual meters, or one by id, with pythondcs's casing and slashes", async () => {
    const meters = (await call(sim, "/DCS/api/Meters/", { cookie })).json as SimMeter[];
    expect(meters).toEqual(estate.meters);
    expect((await call(sim, `/DCS/api/Meters/${meter.id}`, { cookie })).json).toEqual(meter);
    expect((await call(sim, "/DCS/api/VirtualMeters/", { cookie })).json).toEqual(
      estate.virtualMeters,
    );
    expect((await call(sim, `/DCS/api/virtualMeters/${vm.id}/`, { cookie })).json).toEqual(vm);
    expect((await call(sim, "/DCS/api/meters/4000000000", { cookie })).status).toBe(404);
    expect((await call(sim, "/DCS/api/meters/abc", { cookie })).status).toBe(400);
    expect((await call(sim, "/DCS/api/virtualMeters/1", { cookie })).status).toBe(404);
  });

  it("applies the restriction profile: lists filtered, others 403", async () => {
    const restricted = await login(sim, "restricted", "restricted-password");
    const meters = (await call(sim, "/DCS/api/meters", { cookie: restricted })).json as SimMeter[];
    expect(meters).toHaveLength(3);
    const other = estate.meters[4]!;
    expect((await call(sim, `/DCS/api/meters/${other.id}`, { cookie: restricted })).status).toBe(
      403,
    );
    const readingsOfOther = await call(
      sim,
      `/DCS/api/registerReadings/list?registerId=${other.registers[0]!.id}&start=2024-01-01`,
      { cookie: restricted },
    );
    expect(readingsOfOther.status).toBe(403);
    const tree = (await call(sim, "/DCS/api/MeterGroups/0", { cookie: restricted })).json;
    const ids: number[] = [];
    const walk = (g: { meters: { id: number }[]; meterGroups: unknown[] }) => {
      ids.push(...g.meters.map((m) => m.id));
      for (const c of g.meterGroups) walk(c as typeof g);
    };
    walk(tree as never);
    expect(ids.sort()).toEqual(meters.map((m) => m.id).sort());
  });
});

describe("legacy API: readings", () => {
  it("answers LegacyReading arrays in UTC by default, 1 decimal place by default", async () => {
    const rows = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-01-01",
      end: "2024-01-02",
    });
    expect(rows).toHaveLength(48);
    expect(Object.keys(rows[0]!)).toEqual([
      "id",
      "startTime",
      "duration",
      "totalValue",
      "periodValue",
      "isGenerated",
      "isInterpolated",
    ]);
    expect(rows[0]).toMatchObject({
      startTime: "2024-01-01T00:00:00Z",
      duration: 30,
      isGenerated: false,
      isInterpolated: false,
    });
    expect(new Set(rows.map((r) => r.id)).size).toBe(48);
    for (const r of rows) {
      expect(
        Number.isInteger(Number(r.totalValue) * 10 + 1e-9) ||
          Math.abs(Number(r.totalValue) * 10 - Math.round(Number(r.totalValue) * 10)) < 1e-6,
      ).toBe(true);
    }
  });

  it("rounds to decimalPlaces 0-15 and refuses others", async () => {
    const precise = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-01-01",
      integrationPeriod: "day",
      decimalPlaces: 15,
    });
    const whole = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-01-01",
      integrationPeriod: "day",
      decimalPlaces: 0,
    });
    const current = await readings<CompleteReadingJson>(sim, {
      id: `R${reg.id}`,
      startTime: "2024-01-01T00:00:00Z",
      periodCount: 1,
      periodType: "day",
      format: "complete",
    });
    expect(precise[0]!.totalValue).toBe(current.readings[0]!.totalValue);
    expect(whole[0]!.totalValue).toBe(Math.round(Number(current.readings[0]!.totalValue)));
    expect(Number.isInteger(whole[0]!.periodValue)).toBe(true);
    for (const places of ["16", "-1", "x"]) {
      expect(
        (
          await call(
            sim,
            `/DCS/api/registerReadings/list?registerId=${reg.id}&start=2024-01-01&decimalPlaces=${places}`,
            { cookie },
          )
        ).status,
      ).toBe(400);
    }
  });

  it("matches the current API's totals and consumption", async () => {
    const legacy = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-05-01",
      end: "2024-05-02",
      decimalPlaces: 15,
      calibrated: true,
      interpolated: true,
      integrationPeriod: "hour",
    });
    const current = await readings<CompleteReadingJson>(sim, {
      id: `R${reg.id}`,
      startTime: "2024-05-01T00:00:00Z",
      endTime: "2024-05-02T00:00:00Z",
      format: "complete",
      periodType: "hour",
      calibrated: true,
      interpolated: true,
    });
    expect(legacy.map((r) => [r.startTime, r.totalValue, r.periodValue])).toEqual(
      current.readings.map((r) => [r.timestamp, r.totalValue, r.periodValue]),
    );
    expect(legacy.every((r) => r.duration === 60)).toBe(true);
  });

  it("in UK local time gives 46 and 50 half hours on clock-change days, with +01:00 in summer", async () => {
    const spring = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-03-31",
      end: "2024-04-01",
      useLocalTime: true,
    });
    const autumn = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-10-27",
      end: "2024-10-28",
      useLocalTime: true,
    });
    expect(spring).toHaveLength(46);
    expect(autumn).toHaveLength(50);
    expect(spring[0]!.startTime).toBe("2024-03-31T00:00:00+00:00");
    expect(spring[2]!.startTime).toBe("2024-03-31T02:00:00+01:00");
    expect(autumn.slice(2, 6).map((r) => r.startTime)).toEqual([
      "2024-10-27T01:00:00+01:00",
      "2024-10-27T01:30:00+01:00",
      "2024-10-27T01:00:00+00:00",
      "2024-10-27T01:30:00+00:00",
    ]);
    const summer = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-06-01",
      end: "2024-06-02",
      useLocalTime: true,
    });
    expect(summer).toHaveLength(48);
    expect(summer[0]!.startTime).toBe("2024-06-01T00:00:00+01:00");
    expect(Date.parse(summer[0]!.startTime)).toBe(Date.UTC(2024, 4, 31, 23));
    const days = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-03-30",
      end: "2024-04-02",
      useLocalTime: true,
      integrationPeriod: "day",
    });
    expect(days.map((d) => d.duration)).toEqual([1440, 1380, 1440]);
    expect(days.map((d) => d.startTime)).toEqual([
      "2024-03-30T00:00:00+00:00",
      "2024-03-31T00:00:00+00:00",
      "2024-04-01T00:00:00+01:00",
    ]);
  });

  it("integrates by week and month (starts on the calendar grid) and defaults the end by period", async () => {
    const week = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-01-01",
      integrationPeriod: "week",
    });
    expect(week).toHaveLength(1);
    expect(week[0]).toMatchObject({ startTime: "2024-01-01T00:00:00Z", duration: 10080 });
    const month = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-02-01",
      integrationPeriod: "Month",
    });
    expect(month).toHaveLength(1);
    expect(month[0]!.duration).toBe(29 * 1440);
    const oneDay = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-02-01",
      integrationPeriod: "hour",
    });
    expect(oneDay).toHaveLength(24);
    const weeks = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-01-01",
      end: "2024-02-01",
      integrationPeriod: "week",
    });
    expect(weeks).toHaveLength(5); // whole weeks starting before the end
    for (const [period, start] of [
      ["week", "2024-01-03"],
      ["month", "2024-01-02"],
    ]) {
      const reply = await call(
        sim,
        `/DCS/api/registerReadings/list?registerId=${reg.id}&start=${start}&integrationPeriod=${period}`,
        { cookie },
      );
      expect(reply.status).toBe(400);
      expect(details(reply)).toMatch(new RegExp(`calendar ${period}`));
    }
  });

  it("starts today (by its clock) when start is omitted", async () => {
    const now = Date.UTC(2024, 6, 4, 15, 20);
    const clocked = createDcsSimulator({ clock: { now: () => now } });
    const c = await login(clocked);
    const rows = await legacyReadings(clocked, c, { registerId: reg.id });
    expect(rows).toHaveLength(48);
    expect(rows[0]!.startTime).toBe("2024-07-04T00:00:00Z");
    const local = await legacyReadings(clocked, c, { registerId: reg.id, useLocalTime: true });
    expect(local[0]!.startTime).toBe("2024-07-04T00:00:00+01:00");
  });

  it("accepts full date-times, with or without a zone", async () => {
    const a = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-01-01T06:00:00Z",
      end: "2024-01-01T08:00:00Z",
    });
    const b = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-01-01T06:00:00",
      end: "2024-01-01T08:00:00+00:00",
    });
    expect(a).toHaveLength(4);
    expect(b).toEqual(a);
    const local = await legacyReadings(sim, cookie, {
      registerId: reg.id,
      start: "2024-07-01T06:00:00",
      end: "2024-07-01T07:00:00",
      useLocalTime: true,
    });
    expect(local.map((r) => r.startTime)).toEqual([
      "2024-07-01T06:00:00+01:00",
      "2024-07-01T06:30:00+01:00",
    ]);
  });

  it("has no manual readings: manual is empty, merged equals automatic", async () => {
    const q = { registerId: reg.id, start: "2024-01-01" };
    expect(await legacyReadings(sim, cookie, { ...q, source: "manual" })).toEqual([]);
    expect(await legacyReadings(sim, cookie, { ...q, source: "Merged" })).toEqual(
      await legacyReadings(sim, cookie, q),
    );
    expect(
      (
        await call(sim, `/DCS/api/registerReadings/list?registerId=${reg.id}&source=other`, {
          cookie,
        })
      ).status,
    ).toBe(400);
  });

  it("gives virtual meters totalValue 0 and their consumption as periodValue", async () => {
    const rows = await legacyReadings(
      sim,
      cookie,
      {
        virtualMeterId: vm.id,
        start: "2024-01-01",
        end: "2024-01-08",
        integrationPeriod: "day",
        decimalPlaces: 15,
      },
      true,
    );
    const current = await readings(sim, {
      id: `VM${vm.id}`,
      startTime: "2024-01-01T00:00:00Z",
      periodCount: 7,
      periodType: "day",
    });
    expect(rows).toHaveLength(7);
    expect(rows.every((r) => r.totalValue === 0)).toBe(true);
    expect(rows.map((r) => r.periodValue)).toEqual(current.readings.map((r) => r.value));
    const instRows = await legacyReadings(
      sim,
      cookie,
      { virtualMeterId: instantVm.id, start: "2024-01-01" },
      true,
    );
    expect(instRows).toHaveLength(48);
    expect(instRows.every((r) => r.totalValue === 0 && r.periodValue === 0)).toBe(true);
    expect(rows[0]!.id).not.toBe(
      (
        await legacyReadings(sim, cookie, {
          registerId: reg.id,
          start: "2024-01-01",
          integrationPeriod: "day",
        })
      )[0]!.id,
    );
  });

  it("gives instantaneous registers their value as totalValue, periodValue 0, half hours only", async () => {
    const rows = await legacyReadings(sim, cookie, {
      registerId: instant.id,
      start: "2024-01-01",
      decimalPlaces: 15,
    });
    const current = await readings(sim, {
      id: `R${instant.id}`,
      startTime: "2024-01-01T00:00:00Z",
      periodCount: 48,
    });
    expect(rows.map((r) => r.totalValue)).toEqual(current.readings.map((r) => r.value));
    expect(rows.every((r) => r.periodValue === 0)).toBe(true);
    expect(
      (
        await call(
          sim,
          `/DCS/api/registerReadings/list?registerId=${instant.id}&start=2024-01-01&integrationPeriod=day`,
          { cookie },
        )
      ).status,
    ).toBe(400);
  });

  it("flags interpolated readings with isInterpolated", async () => {
    const gap = estate.gaps.find(
      (g) => g.meterId === meter.id && g.start > estate.dataStart.getTime(),
    )!;
    const q = {
      registerId: reg.id,
      start: iso(gap.start - HALF_HOUR),
      end: iso(gap.end + HALF_HOUR),
      decimalPlaces: 15,
    };
    const without = await legacyReadings(sim, cookie, { ...q, interpolated: false });
    const withIt = await legacyReadings(sim, cookie, { ...q, interpolated: true });
    const missing = (gap.end - gap.start) / HALF_HOUR;
    expect(without).toHaveLength(2);
    expect(withIt).toHaveLength(2 + missing);
    expect(withIt.filter((r) => r.isInterpolated)).toHaveLength(missing);
  });

  it.each([
    ["no registerId", "registerReadings/list?start=2024-01-01", 400],
    ["a bad registerId", "registerReadings/list?registerId=R1&start=2024-01-01", 400],
    ["an unknown register", "registerReadings/list?registerId=4000000000&start=2024-01-01", 404],
    [
      "an unknown virtual meter",
      "virtualMeterReadings/list?virtualMeterId=99999&start=2024-01-01",
      404,
    ],
    ["a bad date", "registerReadings/list?registerId=REG&start=2024-13-01", 400],
    [
      "an end before the start",
      "registerReadings/list?registerId=REG&start=2024-01-02&end=2024-01-01",
      400,
    ],
    [
      "a bad period",
      "registerReadings/list?registerId=REG&start=2024-01-01&integrationPeriod=year",
      400,
    ],
    [
      "a bad boolean",
      "registerReadings/list?registerId=REG&start=2024-01-01&useLocalTime=maybe",
      400,
    ],
  ])("refuses %s", async (_, path, status) => {
    const reply = await call(sim, `/DCS/api/${path.replace("REG", String(reg.id))}`, { cookie });
    expect(reply.status).toBe(status);
    expect(typeof details(reply)).toBe("string");
  });

  it("accepts exactly what pythondcspro sends", async () => {
    const path =
      `/DCS/api/VirtualMeterReadings/list/?start=2024-01-01&end=2024-01-02&decimalPlaces=15&calibrated=True&interpolated=True` +
      `&useLocalTime=False&integrationPeriod=halfhour&source=automatic&virtualMeterId=${vm.id}`;
    const response = await sim.fetch(
      new Request(`${ORIGIN}${path}`, { headers: { cookie, "accept-encoding": "gzip, deflate" } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const rows = JSON.parse(
      gunzipSync(new Uint8Array(await response.arrayBuffer())).toString(),
    ) as LegacyReadingJson[];
    expect(rows).toHaveLength(48);
  });
});

describe("legacy API: configuration endpoints", () => {
  it("reads IDCs by number or MAC text, their settings and devices, and their meters", async () => {
    const idcs = (await call(sim, "/DCS/api/Idcs/", { cookie })).json as { macAddress: number }[];
    expect(idcs).toEqual(estate.idcs);
    const mac = idcs[0]!.macAddress;
    const hex = mac.toString(16).padStart(12, "0").match(/../g)!.join(":").toUpperCase();
    expect((await call(sim, `/DCS/api/Idcs/${mac}`, { cookie })).json).toEqual(idcs[0]);
    expect((await call(sim, `/DCS/api/idcs/${hex}`, { cookie })).json).toEqual(idcs[0]);
    expect((await call(sim, "/DCS/api/idcs/1", { cookie })).status).toBe(404);
    expect((await call(sim, "/DCS/api/idcs/zz", { cookie })).status).toBe(400);
    const settings = (await call(sim, `/DCS/api/Idcs/settings/${mac}`, { cookie })).json as Record<
      string,
      unknown
    >;
    expect(settings).toMatchObject({ macAddress: mac, pollIntervalMinutes: 30 });
    const devices = (await call(sim, `/DCS/api/ModbusDevices/byIdc/${mac}`, { cookie })).json as {
      macAddress: number;
    }[];
    expect(devices.every((d) => d.macAddress === mac)).toBe(true);
    const meters = (await call(sim, `/DCS/api/Meters/byIdc/${mac}`, { cookie }))
      .json as Partial<SimMeter>[];
    expect(meters.length).toBeGreaterThan(0);
    expect(meters.every((m) => m.connectionMethod === "idc" && m.registers === undefined)).toBe(
      true,
    );
  });

  it("replaces IDC settings as a whole: what is missing is reset", async () => {
    const own = createDcsSimulator();
    const c = await login(own);
    const mac = own.estate.idcs[0]!.macAddress;
    const settings = (await call(own, `/DCS/api/Idcs/settings/${mac}`, { cookie: c }))
      .json as Record<string, unknown>;
    const { ntpServer: _, ...withoutNtp } = settings;
    const put = await call(own, "/DCS/api/idcs/settings/", {
      method: "PUT",
      cookie: c,
      body: { macAddress: mac, idcSettings: { ...withoutNtp, pollIntervalMinutes: 15 } },
    });
    expect(put.status).toBe(204);
    const after = (await call(own, `/DCS/api/Idcs/settings/${mac}`, { cookie: c })).json;
    expect(after).toMatchObject({ pollIntervalMinutes: 15, ntpServer: "", name: settings.name });
    expect(
      (
        await call(own, "/DCS/api/idcs/settings", {
          method: "PUT",
          cookie: c,
          body: { macAddress: mac },
        })
      ).status,
    ).toBe(400);
  });

  it("adds, reads, updates, commands and deletes Modbus devices", async () => {
    const own = createDcsSimulator();
    const c = await login(own);
    const mac = own.estate.idcs[0]!.macAddress;
    const added = (
      await call(own, "/DCS/api/ModbusDevices/", {
        cookie: c,
        body: {
          address: 42,
          description: "Test pulse counter",
          serialNumber: "PC-42",
          deviceType: "pulseCounter",
          macAddress: mac,
        },
      })
    ).json as { id: number };
    expect(added).toMatchObject({
      address: 42,
      description: "Test pulse counter",
      deviceType: "pulseCounter",
      macAddress: mac,
    });
    expect((await call(own, `/DCS/api/ModbusDevices/${added.id}`, { cookie: c })).json).toEqual(
      added,
    );
    const updated = await call(own, "/DCS/api/ModbusDevices/", {
      method: "PUT",
      cookie: c,
      body: { id: added.id, address: 43, macAddress: mac },
    });
    expect(updated.json).toEqual({
      id: added.id,
      address: 43,
      description: "",
      serialNumber: "",
      deviceType: "",
      macAddress: mac,
    });
    await call(own, "/DCS/api/ModbusDevices/", { method: "PUT", cookie: c, body: { ...added } });
    const command = await call(own, "/DCS/api/ModbusDevices/command/", {
      cookie: c,
      body: { id: added.id, action: "resetBuffer" },
    });
    expect(command.json).toMatchObject({ id: added.id, action: "resetBuffer", success: true });
    expect(
      (
        await call(own, "/DCS/api/ModbusDevices/command", {
          cookie: c,
          body: { id: added.id, action: "explode" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(own, `/DCS/api/ModbusDevices/${added.id}`, { method: "DELETE", cookie: c }))
        .status,
    ).toBe(204);
    expect((await call(own, `/DCS/api/ModbusDevices/${added.id}`, { cookie: c })).status).toBe(404);
    for (const bad of [
      {
        address: 0,
        description: "x",
        serialNumber: "x",
        deviceType: "pulseCounter",
        macAddress: mac,
      },
      { address: 5, description: "x", serialNumber: "x", deviceType: "toaster", macAddress: mac },
      { address: 5, serialNumber: "x", deviceType: "pulseCounter", macAddress: mac },
    ]) {
      expect((await call(own, "/DCS/api/ModbusDevices", { cookie: c, body: bad })).status).toBe(
        400,
      );
    }
    expect(
      (
        await call(own, "/DCS/api/ModbusDevices", {
          cookie: c,
          body: {
            address: 5,
            description: "x",
            serialNumber: "x",
            deviceType: "radioReceiver",
            macAddress: 1,
          },
        })
      ).status,
    ).toBe(404);
  });

  it("keeps changes to Viewers out with 403", async () => {
    const viewer = await login(sim, "user", "password");
    const mac = estate.idcs[0]!.macAddress;
    expect(
      (
        await call(sim, "/DCS/api/idcs/settings", {
          method: "PUT",
          cookie: viewer,
          body: { macAddress: mac, idcSettings: {} },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(sim, "/DCS/api/Meters", { method: "PUT", cookie: viewer, body: meter })).status,
    ).toBe(403);
    expect(
      (
        await call(sim, "/DCS/api/Registers/add", {
          cookie: viewer,
          body: { meterId: meter.id, registerTypeIds: [101] },
        })
      ).status,
    ).toBe(403);
  });

  it("walks the meter tree with recursively, groupsOnly and withoutRegister", async () => {
    type Group = {
      id: number;
      name: string;
      hasMeters: boolean;
      meters: Partial<SimMeter>[];
      meterGroups: Group[];
      virtualMeters: unknown[];
    };
    const tree = (
      await call(
        sim,
        "/DCS/api/MeterGroups/0?recursively=True&groupsOnly=False&withoutRegister=False",
        { cookie },
      )
    ).json as Group;
    expect(tree).toMatchObject({ id: 0, name: "All Meters" });
    const flat = (g: Group): Partial<SimMeter>[] => [...g.meters, ...g.meterGroups.flatMap(flat)];
    expect(
      flat(tree)
        .map((m) => m.id)
        .sort(),
    ).toEqual(estate.meters.map((m) => m.id).sort());
    expect(flat(tree)[0]!.registers).toBeDefined();
    expect(tree.virtualMeters).toHaveLength(estate.virtualMeters.length);
    const bare = (await call(sim, "/DCS/api/MeterGroups/0?withoutRegister=true", { cookie }))
      .json as Group;
    expect(flat(bare).every((m) => m.registers === undefined)).toBe(true);
    const groups = (await call(sim, "/DCS/api/MeterGroups/0?groupsOnly=true", { cookie }))
      .json as Group;
    expect(flat(groups)).toHaveLength(0);
    expect(groups.meterGroups.length).toBeGreaterThan(0);
    const shallow = (await call(sim, "/DCS/api/MeterGroups/0?recursively=false", { cookie }))
      .json as Group;
    expect(shallow.meterGroups.every((g) => g.meterGroups.length === 0)).toBe(true);
    const site = tree.meterGroups[0]!;
    expect(
      ((await call(sim, `/DCS/api/MeterGroups/${site.id}`, { cookie })).json as Group).meterGroups,
    ).toEqual(site.meterGroups);
    expect((await call(sim, "/DCS/api/MeterGroups/9999", { cookie })).status).toBe(404);
  });

  it("pages calibration readings with zone-less UTC times", async () => {
    const cal = estate.calibrations[0]!;
    const all = estate.calibrations.filter((c) => c.registerId === cal.registerId);
    const page = (
      await call(
        sim,
        `/DCS/api/CalibrationReadings/?registerId=${cal.registerId}&startIndex=0&maxCount=2147483647`,
        { cookie },
      )
    ).json as {
      calibrationReadings: {
        timestamp: string;
        startTime: string;
        value: number;
        offset: number;
      }[];
      totalCount: number;
    };
    expect(page.totalCount).toBe(all.length);
    expect(page.calibrationReadings[0]).toMatchObject({
      timestamp: iso(cal.timestamp).slice(0, 19),
      startTime: iso(cal.startTime).slice(0, 19),
      offset: cal.offset,
    });
    expect(page.calibrationReadings[0]!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    // The value is what the meter showed: the uncalibrated total then plus the offset.
    const around = await readings<CompleteReadingJson>(sim, {
      id: `R${cal.registerId}`,
      startTime: iso(Math.floor(cal.timestamp / HALF_HOUR) * HALF_HOUR),
      periodCount: 1,
      format: "complete",
    });
    const total = Number(around.readings[0]!.totalValue);
    expect(page.calibrationReadings[0]!.value).toBeGreaterThanOrEqual(total + cal.offset - 1e-6);
    expect(page.calibrationReadings[0]!.value).toBeLessThanOrEqual(
      total + Number(around.readings[0]!.periodValue) + cal.offset + 1e-6,
    );
    const second = (
      await call(
        sim,
        `/DCS/api/CalibrationReadings?registerId=${cal.registerId}&startIndex=1&maxCount=1`,
        { cookie },
      )
    ).json as { calibrationReadings: unknown[] };
    expect(second.calibrationReadings).toHaveLength(Math.min(1, all.length - 1));
    expect(
      (await call(sim, "/DCS/api/CalibrationReadings?registerId=4000000000", { cookie })).status,
    ).toBe(404);
    expect((await call(sim, "/DCS/api/CalibrationReadings", { cookie })).status).toBe(400);
  });

  it("lists meter types, adds registers (readable at once) and replaces meters as a whole", async () => {
    const own = createDcsSimulator();
    const c = await login(own);
    const types = (await call(own, "/DCS/api/MeterTypes/", { cookie: c })).json as {
      id: number;
      registerTypes: { id: number; unit: string }[];
    }[];
    expect((await call(own, `/DCS/api/MeterTypes/${types[0]!.id}`, { cookie: c })).json).toEqual(
      types[0],
    );
    expect((await call(own, "/DCS/api/MeterTypes/999", { cookie: c })).status).toBe(404);
    const target = own.estate.meters[1]!;
    const before = target.registers.length;
    const typeId = types[0]!.registerTypes[0]!.id;
    expect(
      (
        await call(own, "/DCS/api/Registers/add/", {
          cookie: c,
          body: { meterId: target.id, registerTypeIds: [typeId, typeId] },
        })
      ).status,
    ).toBe(204);
    const grown = (await call(own, `/DCS/api/Meters/${target.id}`, { cookie: c })).json as SimMeter;
    expect(grown.registers).toHaveLength(before + 2);
    const added = grown.registers.at(-1)!;
    expect(grown.registers.slice(-2).map((r) => r.name)).toEqual([
      "Active Energy (import) 2",
      "Active Energy (import) 3",
    ]);
    const fresh = await readings(own, {
      id: `R${added.id}`,
      startTime: "2024-01-01T00:00:00Z",
      periodCount: 4,
    });
    expect(fresh.readings).toHaveLength(4);
    expect(
      (
        await call(own, "/DCS/api/Registers/add", {
          cookie: c,
          body: { meterId: target.id, registerTypeIds: [1] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(own, "/DCS/api/Registers/add", {
          cookie: c,
          body: { meterId: 1, registerTypeIds: [typeId] },
        })
      ).status,
    ).toBe(404);

    const { mpn: _m, service: _s, ...partial } = grown;
    const renamed = (
      await call(own, "/DCS/api/Meters/", {
        method: "PUT",
        cookie: c,
        body: { ...partial, name: `${grown.name} (renamed)` },
      })
    ).json as SimMeter;
    expect(renamed.name).toBe(`${grown.name} (renamed)`);
    expect(renamed.mpn).toBeUndefined();
    expect(renamed.service).toBeUndefined();
    expect(renamed.registers).toEqual(grown.registers);
    expect((await call(own, `/DCS/api/meters/${target.id}`, { cookie: c })).json).toEqual(renamed);
    const name = await readings(own, {
      id: `R${added.id}`,
      startTime: "2024-01-01T00:00:00Z",
      periodCount: 1,
    });
    expect(name.name).toBe(`${renamed.name}: ${added.name}`);
    expect(
      (await call(own, "/DCS/api/Meters", { method: "PUT", cookie: c, body: { name: "no id" } }))
        .status,
    ).toBe(400);
    expect(
      (await call(own, "/DCS/api/Meters", { method: "PUT", cookie: c, body: { id: 1, name: "x" } }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(own, "/DCS/api/Meters", {
          method: "PUT",
          cookie: c,
          body: { ...renamed, connectionMethod: "pigeon" },
        })
      ).status,
    ).toBe(400);
    // The other simulator's estate is untouched.
    expect(sim.estate.meters[1]!.registers.length).toBe(estate.meters[1]!.registers.length);
  });
});
