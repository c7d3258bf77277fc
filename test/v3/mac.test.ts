import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DcsArgumentError } from "../../src/core/errors.js";
import { macHexToInt, macIntToHex } from "../../src/v3/mac.js";

describe("MAC addresses", () => {
  it("round-trips every 48-bit integer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffffffff }), (mac) => {
        const hex = macIntToHex(mac);
        expect(hex).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
        expect(macHexToInt(hex)).toBe(mac);
      }),
    );
  });

  it("reads the usual spellings", () => {
    expect(macHexToInt("00:1A:2B:3C:4D:5E")).toBe(0x001a2b3c4d5e);
    expect(macHexToInt("00-1a-2b-3c-4d-5e")).toBe(0x001a2b3c4d5e);
    expect(macHexToInt("001A2B3C4D5E")).toBe(0x001a2b3c4d5e);
    expect(macIntToHex(0x001a2b3c4d5e)).toBe("00:1A:2B:3C:4D:5E");
  });

  it.each([-1, 2 ** 48, 1.5, Number.NaN])("refuses the integer %s", (mac) => {
    expect(() => macIntToHex(mac)).toThrow(DcsArgumentError);
  });

  it.each(["00:1A:2B:3C:4D", "00:1A:2B:3C:4D:5E:6F", "00:1A:2B:3C:4D:5G", "", "0:1A:2B:3C:4D:5E:"])(
    "refuses the text %j",
    (mac) => {
      expect(() => macHexToInt(mac)).toThrow(DcsArgumentError);
    },
  );
});
