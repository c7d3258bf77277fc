import { describe, expect, it } from "vitest";
import { HalfHourDays, halfHourColumns } from "../../src/formats/half-hour-days.js";

const HALF_HOUR = 1_800_000;
const utc = (iso: string) => Date.parse(iso);

/** Every half hour of [from, to), each with its index as its value, through one table. */
function table(ukLocal: boolean, from: string, to: string) {
  const days = new HalfHourDays(ukLocal);
  const rows = [];
  for (let t = utc(from), i = 0; t < utc(to); t += HALF_HOUR, i++) rows.push(...days.add(t, i));
  rows.push(...days.finish());
  return rows;
}

const filled = (cells: (number | null)[]) => cells.filter((c) => c !== null).length;

describe("the by-half-hour layout", () => {
  it("in UTC: one row per day, 48 columns 00:00 to 23:30, clock changes or not", () => {
    expect(halfHourColumns(false)).toHaveLength(48);
    expect(halfHourColumns(false).slice(0, 3)).toEqual(["00:00", "00:30", "01:00"]);
    expect(halfHourColumns(false).at(-1)).toBe("23:30");
    const rows = table(false, "2024-03-30T00:00:00Z", "2024-04-01T00:00:00Z");
    expect(rows.map((r) => [r.date, filled(r.cells)])).toEqual([
      ["30/03/2024", 48],
      ["31/03/2024", 48],
    ]);
    expect(rows[1]!.cells.slice(0, 3)).toEqual([48, 49, 50]);
  });

  it("in UK time: 50 columns, 46 filled on the spring day, 50 on the autumn day, 48 otherwise", () => {
    const columns = halfHourColumns(true);
    expect(columns).toHaveLength(50);
    expect(columns.slice(0, 7)).toEqual([
      "00:00",
      "00:30",
      "01:00",
      "01:30",
      "01:00 (2nd)",
      "01:30 (2nd)",
      "02:00",
    ]);
    const spring = table(true, "2024-03-30T00:00:00Z", "2024-03-31T23:00:00Z");
    expect(spring.map((r) => [r.date, filled(r.cells)])).toEqual([
      ["30/03/2024", 48],
      ["31/03/2024", 46],
    ]);
    // 01:00 GMT is 02:00 BST: the local hour from 01:00 does not exist that day.
    expect(spring[1]!.cells.slice(0, 7)).toEqual([48, 49, null, null, null, null, 50]);

    const autumn = table(true, "2024-10-26T23:00:00Z", "2024-10-29T00:00:00Z");
    expect(autumn.map((r) => [r.date, filled(r.cells)])).toEqual([
      ["27/10/2024", 50],
      ["28/10/2024", 48],
    ]);
    // 00:00 and 00:30 UTC are 01:00 and 01:30 BST; 01:00 and 01:30 UTC the same wall times in GMT.
    expect(autumn[0]!.cells.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const summer = table(true, "2024-06-30T23:00:00Z", "2024-07-01T23:00:00Z");
    expect(summer.map((r) => [r.date, filled(r.cells)])).toEqual([["01/07/2024", 48]]);
    expect(summer[0]!.cells.slice(2, 7)).toEqual([2, 3, null, null, 4]);
  });

  it("leaves the half hours it has no reading for empty, and writes only days with readings", () => {
    const days = new HalfHourDays(false);
    expect(days.add(utc("2024-01-01T01:00:00Z"), 7)).toEqual([]);
    const done = days.add(utc("2024-01-03T00:00:00Z"), 8);
    expect(done.map((r) => r.date)).toEqual(["01/01/2024"]);
    expect(done[0]!.cells[2]).toBe(7);
    expect(filled(done[0]!.cells)).toBe(1);
    expect(days.finish().map((r) => [r.date, r.cells[0]])).toEqual([["03/01/2024", 8]]);
    expect(days.finish()).toEqual([]);
  });

  it("refuses a time off the half-hour grid or out of order", () => {
    const days = new HalfHourDays(false);
    expect(() => days.add(utc("2024-01-01T00:15:00Z"), 1)).toThrow(/half hour/);
    days.add(utc("2024-01-01T01:00:00Z"), 1);
    expect(() => days.add(utc("2024-01-01T00:30:00Z"), 1)).toThrow(/order/);
  });
});
