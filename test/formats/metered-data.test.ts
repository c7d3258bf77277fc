import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine, FileFormatError, parseCsv } from "../../src/formats/csv.js";
import {
  FORMAT_1_COLUMNS,
  format1Cells,
  readMeteredDataCsv,
} from "../../src/formats/metered-data.js";
import {
  type CompleteReading,
  DcsArgumentError,
  type LegacyReading,
  toMeteredDataCsv,
} from "../../src/index.js";

const at = (iso: string) => new Date(iso);
const HALF_HOUR = 1_800_000;

/** The error `text` is refused with. */
function refusal(text: string): FileFormatError {
  try {
    readMeteredDataCsv(text);
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("CSV", () => {
  it("reads quoted cells, doubled quotes, line breaks inside quotes, CRLF and a BOM", () => {
    const records = parseCsv('\uFEFFa,"b,1"\r\n"say ""hi""","two\nlines"\n\nlast,\n');
    expect(records.map((r) => [r.row, r.cells])).toEqual([
      [1, ["a", "b,1"]],
      [2, ['say "hi"', "two\nlines"]],
      [5, ["last", ""]],
    ]);
  });

  it("refuses a quote that is never closed, naming its row", () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n')).toThrow(/row 2: a quoted value is never closed/);
  });
});

describe("import Format 2 (toMeteredDataCsv)", () => {
  it("writes RegisterId, Date (dd/MM/yyyy), Time (UTC), Duration, PeriodValue, TotalValue", () => {
    const readings: CompleteReading[] = [
      { timestamp: at("2024-03-05T23:30:00Z"), totalValue: 1000.5, periodValue: 1.25, status: 0 },
      { timestamp: at("2024-03-06T00:00:00Z"), totalValue: 1001.75, periodValue: 0.5, status: 1 },
    ];
    const csv = toMeteredDataCsv(readings, { registerId: 733 });
    expect(csv).toBe(
      "RegisterId,Date,Time,Duration,PeriodValue,TotalValue\n" +
        "733,05/03/2024,23:30:00,30,1.25,1000.5\n" +
        "733,06/03/2024,00:00:00,30,0.5,1001.75\n",
    );
  });

  it("takes legacy readings with their own duration", () => {
    const reading: LegacyReading = {
      id: 1,
      startTime: at("2024-01-01T00:00:00Z"),
      duration: 60,
      totalValue: 5,
      periodValue: 2,
      isGenerated: false,
      isInterpolated: false,
    };
    const csv = toMeteredDataCsv([reading], { registerId: 9 });
    expect(csv.split("\n")[1]).toBe("9,01/01/2024,00:00:00,60,2,5");
  });

  it("refuses what DCS could not import: a bad register id, an invalid date or duration", () => {
    const reading = { timestamp: at("2024-01-01T00:00:00Z"), totalValue: 1, periodValue: 1 };
    expect(() => toMeteredDataCsv([reading], { registerId: -1 })).toThrow(DcsArgumentError);
    const invalid = { ...reading, timestamp: new Date(Number.NaN) };
    expect(() => toMeteredDataCsv([invalid], { registerId: 1 })).toThrow(/reading 1: .*timestamp/);
    expect(() => toMeteredDataCsv([reading], { registerId: 1, durationMinutes: 0 })).toThrow(
      DcsArgumentError,
    );
  });

  it("reads back what it writes, for any readings (property, fixed seed)", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0),
    );
    const reading = fc.record({
      slot: fc.integer({ min: 0, max: 48 * 365 * 80 }),
      totalValue: value,
      periodValue: value,
    });
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 20 }), fc.nat(4294967295), (list, registerId) => {
        const readings = list.map((r) => ({
          timestamp: new Date(Date.UTC(1990, 0, 1) + r.slot * HALF_HOUR),
          totalValue: r.totalValue,
          periodValue: r.periodValue,
        }));
        const file = readMeteredDataCsv(toMeteredDataCsv(readings, { registerId }));
        expect(file.format).toBe(2);
        expect(file.rows.map((r) => [r.row, r.start, r.totalValue, r.periodValue])).toEqual(
          readings.map((r, i) => [
            i + 2,
            r.timestamp.getTime(),
            Object.is(r.totalValue, -0) ? 0 : r.totalValue,
            Object.is(r.periodValue, -0) ? 0 : r.periodValue,
          ]),
        );
        for (const row of file.rows) expect(row).toMatchObject({ registerId, durationMinutes: 30 });
      }),
      { seed: 20240318, numRuns: 200 },
    );
  });
});

describe("import Format 1 (the Coherent CSV layout)", () => {
  const label = {
    meter: 426,
    name: 'Library "Main" Incomer',
    serialNumber: "K24A1",
    register: "Active Energy, import",
    unit: "kWh",
  };

  it("is the default export layout, and reads back register by meter id and register name", () => {
    const line = format1Cells(label, {
      start: Date.UTC(2024, 6, 1, 13, 30),
      durationMinutes: 30,
      periodValue: 2.5,
      totalValue: 123456.75,
    });
    expect(line).toEqual([
      426,
      'Library "Main" Incomer',
      "K24A1",
      "Active Energy, import",
      "01/07/2024",
      "13:30:00",
      30,
      2.5,
      123456.75,
      "kWh",
    ]);
    const file = readMeteredDataCsv(csvLine(FORMAT_1_COLUMNS) + csvLine(line));
    expect(file.format).toBe(1);
    expect(file.rows).toEqual([
      expect.objectContaining({
        row: 2,
        meterId: 426,
        registerName: "Active Energy, import",
        start: Date.UTC(2024, 6, 1, 13, 30),
        durationMinutes: 30,
        periodValue: 2.5,
        totalValue: 123456.75,
      }),
    ]);
  });

  it("takes columns in any order and case, and the ignored ones may be blank or left out", () => {
    const file = readMeteredDataCsv(
      "register,METER,Date,StartTime,Duration,TotalValue,PeriodValue\nMain,12,1/2/2024,0:30,30,7,1\n",
    );
    expect(file.rows[0]).toMatchObject({
      meterId: 12,
      registerName: "Main",
      start: Date.UTC(2024, 1, 1, 0, 30),
    });
  });
});

describe("checking an import file", () => {
  const header2 = "RegisterId,Date,Time,Duration,PeriodValue,TotalValue\n";
  const good = "733,01/01/2024,00:00:00,30,1,100\n";

  it("names the row of a bad date, time, duration, number or id", () => {
    const cases: [string, RegExp][] = [
      [
        "733,31/02/2024,00:00:00,30,1,100",
        /^row 3: Date "31\/02\/2024" is not a date \(dd\/MM\/yyyy\)/,
      ],
      ["733,2024-01-01,00:00:00,30,1,100", /^row 3: Date "2024-01-01" is not a date/],
      ["733,01/01/2024,24:00:00,30,1,100", /^row 3: Time "24:00:00" is not a time of day/],
      ["733,01/01/2024,00:00:00,half,1,100", /^row 3: Duration "half" is not a whole number/],
      ["733,01/01/2024,00:00:00,30,one,100", /^row 3: PeriodValue "one" is not a number/],
      ["R733,01/01/2024,00:00:00,30,1,100", /^row 3: RegisterId "R733" is not a DCS id/],
      ["733,01/01/2024,00:00:00,30,1", /^row 3: 5 values, but the header has 6 columns/],
    ];
    for (const [line, message] of cases) {
      const error = refusal(`${header2}${good}${line}\n`);
      expect(error.message, line).toMatch(message);
      expect(error.row, line).toBe(3);
    }
  });

  it("refuses unknown, repeated and missing columns in the header (row 1)", () => {
    expect(refusal("RegisterId,Date,Time,Duration,PeriodValue,TotalValue,Site\n").message).toMatch(
      /^row 1: unknown column "Site"/,
    );
    expect(refusal("RegisterId,Date,Date,Time,Duration,PeriodValue,TotalValue\n").message).toMatch(
      /^row 1: the column "Date" is there twice/,
    );
    expect(refusal("RegisterId,Date,Time,Duration,TotalValue\n").message).toMatch(
      /^row 1: the column "PeriodValue" is missing/,
    );
    expect(refusal("Id,When,Value\n").message).toMatch(
      /^row 1: not a metered data file: the header names neither RegisterId \(Format 2\) nor Meter and Register \(Format 1\)/,
    );
    expect(refusal("").message).toMatch(/^row 1: the file is empty/);
  });

  it("refuses a Format 1 row without a register name: virtual meters cannot be imported", () => {
    const text = `${FORMAT_1_COLUMNS.join(",")}\n11,Site Electricity,,,01/01/2024,00:00:00,30,5,0,kWh\n`;
    expect(refusal(text).message).toMatch(/^row 2: Register is empty/);
  });

  it("accepts a header with no readings, and blank lines", () => {
    expect(readMeteredDataCsv(header2).rows).toEqual([]);
    expect(readMeteredDataCsv(`${header2}\n${good}\n`).rows).toHaveLength(1);
  });
});
