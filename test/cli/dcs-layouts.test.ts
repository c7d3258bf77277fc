/**
 * `dcs export --as dcs-csv` (the Coherent CSV layout, import Format 1) and `--as
 * dcs-halfhour` (one row per day, one column per half hour; UK local days with --local-time).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/formats/csv.js";
import { FORMAT_1_COLUMNS, readMeteredDataCsv } from "../../src/formats/metered-data.js";
import {
  type CompleteReading,
  DcsWebApi,
  type Meter,
  type StandardReading,
} from "../../src/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { runDcs } from "./run-dcs.js";

let server: RunningDcsSimulator;
let work: string;
let meter: Meter;
let registerId: number;
let vmId: number;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  work = await mkdtemp(join(tmpdir(), "dcs-layouts-"));
  meter = server.simulator.estate.meters[0]!;
  registerId = meter.registers.find((r) => !r.isInstantaneous && r.unit === "kWh")!.id;
  vmId = server.simulator.estate.virtualMeters.find((v) => !v.isInstantaneous)!.id;
});

afterAll(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

const current = () => ({ DCS_URL: server.webApiUrl });
const legacy = () => ({
  DCS_V3_URL: server.v3Url,
  DCS_USERNAME: "operator",
  DCS_PASSWORD: "operator-password",
});
const sdk = () => new DcsWebApi(server.webApiUrl);

/** Exports the ids to a new folder; returns a function reading one file's rows (cells). */
async function exported(env: Record<string, string>, args: string[]) {
  const dir = await mkdtemp(join(work, "export-"));
  const run = await runDcs(["export", ...args, "--dir", dir], env);
  expect(run.code, run.stderr).toBe(0);
  const text = (id: string) => readFile(join(dir, `${id}.csv`), "utf8");
  const rows = async (id: string) => parseCsv(await text(id)).map((r) => r.cells);
  return { text, rows };
}

describe("export --as dcs-csv", () => {
  it("writes the Coherent CSV layout, the same from either API, and it passes the import check", async () => {
    const ids = ["--ids", `R${registerId}`, `VM${vmId}`];
    const range = ["--start", "2024-01-01", "--end", "2024-01-02", "--as", "dcs-csv"];
    const fromCurrent = await exported(current(), [...ids, ...range]);
    const fromLegacy = await exported(legacy(), [...ids, ...range]);
    for (const id of [`R${registerId}`, `VM${vmId}`]) {
      expect(await fromCurrent.text(id), id).toBe(await fromLegacy.text(id));
    }

    const [header, ...rows] = await fromCurrent.rows(`R${registerId}`);
    expect(header).toEqual([...FORMAT_1_COLUMNS]);
    const register = meter.registers.find((r) => r.id === registerId)!;
    const readings = await (
      await sdk().readings(`R${registerId}`, {
        startTime: "2024-01-01",
        endTime: "2024-01-02",
        format: "complete",
      })
    ).readings.toArray();
    expect(rows).toEqual(
      readings.map((r: CompleteReading) => [
        String(meter.id),
        meter.name,
        meter.serialNumber,
        register.name,
        "01/01/2024",
        r.timestamp.toISOString().slice(11, 19),
        "30",
        String(r.periodValue),
        String(r.totalValue),
        register.unit,
      ]),
    );
    const file = readMeteredDataCsv(await fromCurrent.text(`R${registerId}`));
    expect(file.rows).toHaveLength(readings.length);

    const vm = server.simulator.estate.virtualMeters.find((v) => v.id === vmId)!;
    const [, first] = await fromCurrent.rows(`VM${vmId}`);
    expect(first).toEqual([
      String(vmId),
      vm.name,
      "",
      "",
      "01/01/2024",
      "00:00:00",
      "30",
      expect.any(String),
      "0",
      vm.unit,
    ]);
  });

  it("writes each period's duration in minutes: a day is 1440, January 44640", async () => {
    const { rows } = await exported(current(), [
      "--ids",
      `R${registerId}`,
      "--start",
      "2024-01-01",
      "--end",
      "2024-03-01",
      "--period",
      "month",
      "--as",
      "dcs-csv",
    ]);
    const [, january, february] = await rows(`R${registerId}`);
    expect([january![4], january![6], february![4], february![6]]).toEqual([
      "01/01/2024",
      String(31 * 1440),
      "01/02/2024",
      String(29 * 1440),
    ]);
  });
});

describe("export --as dcs-halfhour", () => {
  const LEAD = ["Meter", "Name", "SerialNumber", "Register", "Unit", "Date"];

  it("writes a row per UTC day with each half hour's consumption under its time", async () => {
    const { rows } = await exported(current(), [
      "--ids",
      `R${registerId}`,
      "--start",
      "2024-01-01",
      "--end",
      "2024-01-03",
      "--as",
      "dcs-halfhour",
    ]);
    const [header, ...days] = await rows(`R${registerId}`);
    expect(header!.slice(0, 7)).toEqual([...LEAD, "00:00"]);
    expect(header).toHaveLength(6 + 48);
    expect(days.map((d) => d[5])).toEqual(["01/01/2024", "02/01/2024"]);
    const readings = await (
      await sdk().readings(`R${registerId}`, {
        startTime: "2024-01-02",
        endTime: "2024-01-03",
        format: "complete",
      })
    ).readings.toArray();
    expect(days[1]!.slice(6)).toEqual(readings.map((r) => String(r.periodValue)));
    expect(days[1]!.slice(0, 5)).toEqual([
      String(meter.id),
      meter.name,
      meter.serialNumber,
      meter.registers.find((r) => r.id === registerId)!.name,
      "kWh",
    ]);
  });

  it("with --local-time: UK days, 50 columns, 46 filled on the spring day and 50 on the autumn day", async () => {
    const instantaneous = meter.registers.find((r) => r.isInstantaneous)!.id;
    for (const [start, end, date, filled] of [
      ["2024-03-31T00:00:00Z", "2024-03-31T23:00:00Z", "31/03/2024", 46],
      ["2024-10-26T23:00:00Z", "2024-10-28T00:00:00Z", "27/10/2024", 50],
      ["2024-06-30T23:00:00Z", "2024-07-01T23:00:00Z", "01/07/2024", 48],
    ] as const) {
      const { rows } = await exported(current(), [
        "--ids",
        `R${instantaneous}`,
        "--start",
        start,
        "--end",
        end,
        "--as",
        "dcs-halfhour",
        "--local-time",
      ]);
      const [header, day] = await rows(`R${instantaneous}`);
      expect(header).toHaveLength(6 + 50);
      expect(day![5]).toBe(date);
      expect(day!.slice(6).filter((c) => c !== "")).toHaveLength(filled);
      const values = (await (
        await sdk().readings(`R${instantaneous}`, { startTime: start, endTime: end })
      ).readings.toArray()) as StandardReading[];
      expect(day!.slice(6).filter((c) => c !== "")).toEqual(values.map((v) => String(v.value)));
      if (filled === 50) {
        const at = (column: string) => day![header!.indexOf(column)];
        expect(at("01:00")).toBe(String(values[2]!.value)); // 00:00 UTC, 01:00 BST
        expect(at("01:00 (2nd)")).toBe(String(values[4]!.value)); // 01:00 UTC, 01:00 GMT
      }
    }
  });

  it("refuses what the layout cannot hold: another period, or --local-time with another layout", async () => {
    const base = ["export", "--ids", `R${registerId}`, "--start", "2024-01-01", "--dir", work];
    for (const [args, message] of [
      [[...base, "--count", "2", "--period", "day", "--as", "dcs-halfhour"], /half hours/],
      [[...base, "--count", "2", "--as", "dcs-csv", "--local-time"], /--local-time/],
    ] as const) {
      const { code, stderr } = await runDcs([...args], current());
      expect(code, args.join(" ")).toBe(2);
      expect(stderr, args.join(" ")).toMatch(message);
    }
  });
});
