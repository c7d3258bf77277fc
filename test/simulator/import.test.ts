/**
 * The legacy API's data import (`POST /api/registerReadings/import`): who may import, what a
 * file may hold, and imported readings showing in both APIs' readings.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createDcsSimulator, type DcsSimulator } from "../../src/simulator/index.js";
import {
  type CompleteReadingJson,
  call,
  legacyReadings,
  login,
  readings,
  type StandardReadingJson,
} from "./helpers.js";

const USERS = [
  { username: "user", password: "password" },
  { username: "operator", password: "operator-password", role: "Operator" },
  { username: "admin", password: "admin-password", role: "Administrator" },
  { username: "site-admin", password: "site-admin-password", role: "Administrator", meters: 1 },
];
const FORMAT_2 = "RegisterId,Date,Time,Duration,PeriodValue,TotalValue\n";
const FORMAT_1 =
  "Meter,Name,SerialNumber,Register,Date,StartTime,Duration,PeriodValue,TotalValue,Unit\n";

let sim: DcsSimulator;
let admin: string;
beforeEach(async () => {
  sim = createDcsSimulator({ users: USERS });
  admin = await login(sim, "admin", "admin-password");
});

const postImport = (cookie: string, data: unknown, dataImportPluginId: unknown = 1) =>
  call(sim, "/DCS/api/registerReadings/import/", { cookie, body: { dataImportPluginId, data } });

/** A cumulative register of the first meter, and the virtual meter that adds it up. */
function cumulative() {
  const meter = sim.estate.meters[0]!;
  const register = meter.registers.find((r) => !r.isInstantaneous && r.unit === "kWh")!;
  return { meter, register };
}

const day = { start: "2024-01-10", end: "2024-01-11" };
const legacyDay = (cookie: string, registerId: number) =>
  legacyReadings(sim, cookie, { registerId, ...day, decimalPlaces: 15 });

describe("simulator: importing metered data", () => {
  it("lets only an Administrator import: 401 without a login, 403 for a Viewer or an Operator", async () => {
    const { register } = cumulative();
    const file = `${FORMAT_2}${register.id},10/01/2024,00:00:00,30,1.5,5000\n`;
    const before = await legacyDay(admin, register.id);
    expect((await postImport("", file)).status).toBe(401);
    for (const [name, password] of [
      ["user", "password"],
      ["operator", "operator-password"],
    ]) {
      const refused = await postImport(await login(sim, name, password), file);
      expect(refused.status, name).toBe(403);
      expect(refused.json, name).toEqual({ details: expect.stringMatching(/Administrator/) });
    }
    expect(await legacyDay(admin, register.id)).toEqual(before);
    const done = await postImport(admin, file);
    expect(done.status).toBe(204);
    expect((await legacyDay(admin, register.id))[0]).toMatchObject({
      totalValue: 5000,
      periodValue: 1.5,
    });
  });

  it("shows imported readings instead of the generated ones, in both APIs, integrated too", async () => {
    const { register } = cumulative();
    const legacyBefore = await legacyDay(admin, register.id);
    const dayBefore = await readings<CompleteReadingJson>(sim, {
      id: `R${register.id}`,
      startTime: "2024-01-10T00:00:00Z",
      periodCount: 1,
      periodType: "day",
      format: "complete",
    });
    const file =
      `${FORMAT_2}${register.id},10/01/2024,00:00:00,30,1.5,5000\n` +
      `${register.id},10/01/2024,00:30:00,30,2.25,5001.5\n`;
    expect((await postImport(admin, file)).status).toBe(204);

    const legacy = await legacyDay(admin, register.id);
    expect(legacy.slice(0, 2)).toMatchObject([
      { startTime: "2024-01-10T00:00:00Z", totalValue: 5000, periodValue: 1.5 },
      { startTime: "2024-01-10T00:30:00Z", totalValue: 5001.5, periodValue: 2.25 },
    ]);
    expect(legacy.slice(2)).toEqual(legacyBefore.slice(2));

    const half = { id: `R${register.id}`, startTime: "2024-01-10T00:00:00Z", periodCount: 2 };
    const complete = await readings<CompleteReadingJson>(sim, { ...half, format: "complete" });
    expect(complete.readings).toEqual([
      { timestamp: "2024-01-10T00:00:00Z", totalValue: 5000, periodValue: 1.5, status: 0 },
      { timestamp: "2024-01-10T00:30:00Z", totalValue: 5001.5, periodValue: 2.25, status: 0 },
    ]);
    const standard = await readings<StandardReadingJson>(sim, half);
    expect(standard.readings.map((r) => r.value)).toEqual([5000, 5001.5]);

    const dayAfter = await readings<CompleteReadingJson>(sim, {
      id: `R${register.id}`,
      startTime: "2024-01-10T00:00:00Z",
      periodCount: 1,
      periodType: "day",
      format: "complete",
    });
    const replaced = Number(legacyBefore[0]!.periodValue) + Number(legacyBefore[1]!.periodValue);
    expect(dayAfter.readings[0]!.totalValue).toBe(5000);
    expect(dayAfter.readings[0]!.periodValue).toBeCloseTo(
      Number(dayBefore.readings[0]!.periodValue) - replaced + 1.5 + 2.25,
      6,
    );
  });

  it("takes Format 1, the Coherent CSV layout: a register by its meter's id and name", async () => {
    const { meter, register } = cumulative();
    const file = `${FORMAT_1}${meter.id},ignored,ignored,${register.name},10/01/2024,01:00:00,30,4,6000,kWh\n`;
    expect((await postImport(admin, file)).status).toBe(204);
    expect((await legacyDay(admin, register.id))[2]).toMatchObject({
      startTime: "2024-01-10T01:00:00Z",
      totalValue: 6000,
      periodValue: 4,
    });
  });

  it("computes virtual meters from the imported readings of their registers", async () => {
    const vm = sim.estate.virtualMeters.find((v) => v.expression === "R1+R2+R3+R4")!;
    const registerId = vm.registerAliases[0]!.registerId;
    const query = { id: `VM${vm.id}`, startTime: "2024-01-10T00:00:00Z", periodCount: 1 };
    const before = (await readings<StandardReadingJson>(sim, query)).readings[0]!.value as number;
    const generated = (await legacyDay(admin, registerId))[0]!.periodValue as number;
    const file = `${FORMAT_2}${registerId},10/01/2024,00:00:00,30,${generated + 100},1\n`;
    expect((await postImport(admin, file)).status).toBe(204);
    const after = (await readings<StandardReadingJson>(sim, query)).readings[0]!.value as number;
    expect(after - before).toBeCloseTo(100, 6);
  });

  it("stores an instantaneous register's TotalValue as its value", async () => {
    const register = sim.estate.meters[0]!.registers.find((r) => r.isInstantaneous)!;
    const file = `${FORMAT_2}${register.id},10/01/2024,00:00:00,30,0,42.5\n`;
    expect((await postImport(admin, file)).status).toBe(204);
    const query = { id: `R${register.id}`, startTime: "2024-01-10T00:00:00Z", periodCount: 1 };
    expect((await readings<StandardReadingJson>(sim, query)).readings[0]!.value).toBe(42.5);
  });

  it("overwrites earlier imports, and a later row of one file wins", async () => {
    const { register } = cumulative();
    const row = (total: number) => `${register.id},10/01/2024,00:00:00,30,1,${total}\n`;
    await postImport(admin, `${FORMAT_2}${row(1)}`);
    expect((await postImport(admin, `${FORMAT_2}${row(2)}${row(3)}`)).status).toBe(204);
    expect((await legacyDay(admin, register.id))[0]!.totalValue).toBe(3);
  });

  it("answers a file it cannot import with 400 naming the row, and stores none of it", async () => {
    const { meter, register } = cumulative();
    const good = `${register.id},10/01/2024,00:00:00,30,1,7777\n`;
    const before = await legacyDay(admin, register.id);
    const cases: [unknown, unknown, RegExp][] = [
      [
        `${FORMAT_2}${good}${register.id},31/02/2024,00:00:00,30,1,1\n`,
        1,
        /row 3: Date "31\/02\/2024"/,
      ],
      [
        `${FORMAT_2}${good}4000000000,10/01/2024,00:00:00,30,1,1\n`,
        1,
        /row 3: there is no register 4000000000/,
      ],
      [
        `${FORMAT_2}${good}${register.id},10/01/2024,00:15:00,30,1,1\n`,
        1,
        /row 3: 00:15:00 is not the start of a half hour/,
      ],
      [`${FORMAT_2}${good}${register.id},10/01/2024,00:00:00,60,1,1\n`, 1, /row 3: Duration 60/],
      [
        `${FORMAT_2}${good}${register.id},10/01/2030,00:00:00,30,1,1\n`,
        1,
        /row 3: the simulator holds readings from 01\/01\/2015 to 31\/12\/2026 only/,
      ],
      [
        `${FORMAT_1}${meter.id},,,No Such Register,10/01/2024,00:00:00,30,1,1,\n`,
        1,
        /row 2: meter \d+ has no register named "No Such Register"/,
      ],
      [`${FORMAT_2}${good}`, 7, /data import plugin 7/i],
      [42, 1, /data must be the file's text/],
      ["Site,Value\n", 1, /row 1: not a metered data file/],
    ];
    for (const [data, plugin, details] of cases) {
      const reply = await postImport(admin, data, plugin);
      expect(reply.status, String(data)).toBe(400);
      expect((reply.json as { details: string }).details, String(data)).toMatch(details);
    }
    expect(await legacyDay(admin, register.id)).toEqual(before);
  });

  it("refuses, with 403, a register of a meter the Administrator's restriction profile hides", async () => {
    const hidden = sim.estate.meters[1]!.registers[0]!;
    const cookie = await login(sim, "site-admin", "site-admin-password");
    const reply = await postImport(cookie, `${FORMAT_2}${hidden.id},10/01/2024,00:00:00,30,1,1\n`);
    expect(reply.status).toBe(403);
  });
});
